package dev.backendconfig.docker;

import static dev.backendconfig.testsupport.Recorded.id;
import static dev.backendconfig.testsupport.Recorded.inspection;
import static dev.backendconfig.testsupport.Recorded.list;
import static dev.backendconfig.testsupport.Recorded.listEntry;
import static dev.backendconfig.testsupport.Recorded.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.TestPki.Issued;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TlsFrontEngine;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider against a TLS engine that demands a client certificate, as {@code dockerd --tlsverify} does: a real
 * JDK TLS server on loopback with certificates made at test time, in front of the fake engine.
 */
class DockerTlsTest {

    private static Issued ca;
    private static Issued otherCa;
    private static Issued engineCertificate;

    @TempDir
    Path directory;

    private FakeDockerEngine backend;
    private TlsFrontEngine engine;

    @BeforeAll
    static void makeCertificates() {
        ca = TestPki.authority("test-ca");
        otherCa = TestPki.authority("other-ca");
        engineCertificate = TestPki.server(ca, List.of("localhost"), List.of("127.0.0.1"));
    }

    @BeforeEach
    void startEngine() throws IOException {
        Files.createDirectory(directory.resolve(".git"));
        backend = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        Map<String, Object> alpine = ours("alpine-test-backend");
        backend.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
        engine = TlsFrontEngine.start(engineCertificate, ca, ca, List.of("TLSv1.3", "TLSv1.2"),
                directory.resolve("engine.sock"));
    }

    @AfterEach
    void stopEngine() throws IOException {
        engine.close();
        backend.close();
    }

    private ProviderResult resolve(Map<String, String> environment, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(environment);
        all.putIfAbsent("DOCKER_HOST", engine.dockerHost());
        return new DockerEndpointProvider(directory.resolve("no-default.sock")).resolve(ResolutionContext.builder()
                .workingDirectory(directory).environment(all).systemProperties(Map.of("user.home", directory.toString()))
                .settings(settings).build());
    }

    private ProviderResult resolve(Path certPath) {
        return resolve(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certPath.toString()), Map.of());
    }

    private Path certPath(String name, Issued client, String keyPem) {
        return TestPki.certPath(directory.resolve(name), ca.certificate(), client == null ? null : client.certificate(),
                keyPem);
    }

    private static URI http(ProviderResult result) {
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        return ((ProviderResult.Found) result).endpoint().http();
    }

    /** A recorded container, as started from this test's checkout (so that it is this checkout's project). */
    private Map<String, Object> ours(String service) {
        return dev.backendconfig.testsupport.Recorded.startedIn(listEntry(service), directory, "shop");
    }

    @Test
    void foundWithAPkcs1RsaClientKey() {
        Issued client = TestPki.client(ca, KeyKind.RSA);
        Path certs = certPath("pkcs1", client, TestPki.pkcs1(client.keys().getPrivate()));
        ProviderResult result = resolve(certs);
        assertThat(http(result)).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(result.notes()).startsWith("engine " + engine.dockerHost() + " (DOCKER_HOST): Docker 20.10.24"
                + " (API 1.41), reached over tcp+TLS (TLSv1.3, CA " + certs.resolve("ca.pem") + ", client certificate "
                + certs.resolve("cert.pem") + ")");
    }

    @Test
    void aResolutionAsksOneListAndOneInspectOverOneHandshake() {
        Issued client = TestPki.client(ca, KeyKind.EC);
        assertThat(resolve(certPath("one", client, TestPki.pkcs8(client.keys().getPrivate()))))
                .isInstanceOf(ProviderResult.Found.class);
        assertThat(engine.handshakes()).isEqualTo(1);
        assertThat(backend.requests()).hasSize(2).allMatch(line -> line.startsWith("GET /"))
                .satisfies(lines -> assertThat(lines.get(0)).startsWith("GET /containers/json?all=1&filters="),
                        lines -> assertThat(lines.get(1)).startsWith("GET /containers/" + id(listEntry(
                                "alpine-test-backend")) + "/json"));
    }

    @Test
    void aKeptConnectionTheEngineClosedIsReplacedOnceWithoutFailing() {
        engine.closeAfterEachReply(true);
        Issued client = TestPki.client(ca, KeyKind.EC);
        assertThat(http(resolve(certPath("closing", client, TestPki.pkcs8(client.keys().getPrivate())))))
                .isEqualTo(URI.create("http://localhost:8002"));
        assertThat(engine.handshakes()).isEqualTo(2);
        assertThat(backend.requests()).hasSize(2);
    }

    @Test
    void foundWithASec1EcClientKey() {
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path certs = certPath("sec1", client, TestPki.sec1((ECPrivateKey) client.keys().getPrivate(),
                (ECPublicKey) client.keys().getPublic()));
        assertThat(http(resolve(certs))).isEqualTo(URI.create("http://localhost:8002"));
    }

    @Test
    void foundWithPkcs8ClientKeysOfEveryAlgorithm() {
        for (KeyKind kind : KeyKind.values()) {
            Issued client = TestPki.client(ca, kind);
            Path certs = certPath("pkcs8-" + kind, client, TestPki.pkcs8(client.keys().getPrivate()));
            assertThat(http(resolve(certs))).as(kind.name()).isEqualTo(URI.create("http://localhost:8002"));
        }
    }

    @Test
    void foundOverTls12() throws IOException {
        engine.close();
        engine = TlsFrontEngine.start(engineCertificate, ca, ca, List.of("TLSv1.2"), directory.resolve("engine.sock"));
        Issued client = TestPki.client(ca, KeyKind.EC);
        ProviderResult result = resolve(certPath("tls12", client, TestPki.pkcs8(client.keys().getPrivate())));
        assertThat(http(result)).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(result.notes().get(0)).contains("reached over tcp+TLS (TLSv1.2, CA ");
    }

    @Test
    void anEngineWhoseCertificateTheCaDidNotSignIsNotTrusted() {
        Issued client = TestPki.client(ca, KeyKind.RSA);
        Path certs = TestPki.certPath(directory.resolve("wrong-ca"), otherCa.certificate(), client.certificate(),
                TestPki.pkcs8(client.keys().getPrivate()));
        ProviderResult result = resolve(certs);
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).startsWith("engine " + engine.dockerHost() + " presented a certificate (CN=engine,"
                + " issued by CN=test-ca) that the CA in " + certs.resolve("ca.pem") + " did not sign, so it is not"
                + " trusted; give the CA that signed the engine's certificate; ");
    }

    @Test
    void anEngineThatDemandsAClientCertificateWeLackSaysSoUnderTls13AndTls12() throws IOException {
        Path certs = certPath("nocert", null, null);
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            engine.close();
            engine = TlsFrontEngine.start(engineCertificate, ca, ca, List.of(protocol), directory.resolve("engine.sock"));
            ProviderResult result = resolve(certs);
            assertThat(result).as(protocol).isInstanceOf(ProviderResult.Unavailable.class);
            assertThat(result.reason()).as(protocol).startsWith("engine " + engine.dockerHost() + " demands a client"
                    + " certificate, and none was sent: there is no cert.pem and key.pem in DOCKER_CERT_PATH " + certs
                    + " (it accepts certificates issued by CN=test-ca); give the client certificate and key the"
                    + " engine's CA signed; ");
            assertThat(result.reason()).doesNotContainIgnoringCase("broken pipe");
        }
    }

    @Test
    void aClientCertificateOfAnotherCaIsSentAndItsRefusalNamed() {
        Issued stranger = TestPki.client(otherCa, KeyKind.RSA);
        Path certs = certPath("untrusted", stranger, TestPki.pkcs8(stranger.keys().getPrivate()));
        ProviderResult result = resolve(certs);
        assertThat(result.reason()).startsWith("engine " + engine.dockerHost() + " demands a client certificate and"
                + " refused the one sent, " + certs.resolve("cert.pem") + " (issued by CN=other-ca) (it accepts"
                + " certificates issued by CN=test-ca); give a client certificate the engine's CA signed; ");
    }

    @Test
    void theEnginesHostNameIsChecked() throws IOException {
        engine.close();
        Issued localhostOnly = TestPki.server(ca, List.of("localhost"), List.of());
        engine = TlsFrontEngine.start(localhostOnly, ca, ca, List.of("TLSv1.3"), directory.resolve("engine.sock"));
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path certs = certPath("host", client, TestPki.pkcs8(client.keys().getPrivate()));
        ProviderResult byAddress = resolve(certs);
        assertThat(byAddress.reason()).startsWith("engine " + engine.dockerHost() + " presented a certificate that is"
                + " not valid for host 127.0.0.1 (it names DNS:localhost); reach the engine by a name its certificate"
                + " holds; ");
        ProviderResult byName = resolve(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString(),
                "DOCKER_HOST", "tcp://localhost:" + engine.port()), Map.of());
        assertThat(http(byName)).isEqualTo(URI.create("http://localhost:8002"));
    }

    @Test
    void aPlainEngineAskedForTlsSaysItDoesNotSpeakTlsAndIsNeverAskedInPlainText() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // as a plain-HTTP dockerd port answers a TLS ClientHello: 400 Bad Request
            java.util.concurrent.CompletableFuture<byte[]> received = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try (java.net.Socket socket = plain.accept()) {
                            byte[] first = socket.getInputStream().readNBytes(5);
                            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            return first;
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            Issued client = TestPki.client(ca, KeyKind.EC);
            ProviderResult result = resolve(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
                    certPath("plain", client, TestPki.pkcs8(client.keys().getPrivate())).toString(), "DOCKER_HOST",
                    "tcp://127.0.0.1:" + plain.getLocalPort()), Map.of());
            assertThat(result.reason()).startsWith("engine tcp://127.0.0.1:" + plain.getLocalPort() + " does not speak"
                    + " TLS on this port (its answer is not a TLS handshake), yet DOCKER_TLS_VERIFY asks for it; use the"
                    + " engine's TLS port, or do not ask for TLS");
            byte[] first = received.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first[0]).as("a TLS handshake record, not plain HTTP").isEqualTo((byte) 0x16);
        }
    }

    @Test
    void aPortThatNeverAnswersTheHandshakeIsLeftAtTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Issued client = TestPki.client(ca, KeyKind.EC);
            long start = System.nanoTime();
            ProviderResult result = resolve(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
                    certPath("silent", client, TestPki.pkcs8(client.keys().getPrivate())).toString(), "DOCKER_HOST",
                    "tcp://127.0.0.1:" + silent.getLocalPort()), Map.of("docker.answer-timeout", "300ms"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.reason()).startsWith("engine tcp://127.0.0.1:" + silent.getLocalPort() + " did not finish"
                    + " the TLS handshake within 300 ms (setting docker.answer-timeout)");
            assertThat(took).isLessThan(Duration.ofMillis(2000));
        }
    }

    @Test
    void anInterruptedHandshakeEndsAtOnceSayingSo() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Issued client = TestPki.client(ca, KeyKind.EC);
            Map<String, String> environment = Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certPath("stopped",
                    client, TestPki.pkcs8(client.keys().getPrivate())).toString(), "DOCKER_HOST", "tcp://127.0.0.1:"
                    + silent.getLocalPort());
            java.util.concurrent.atomic.AtomicReference<ProviderResult> result = new java.util.concurrent.atomic
                    .AtomicReference<>();
            Thread worker = new Thread(() -> result.set(resolve(environment, Map.of("docker.timeout", "20s"))));
            worker.start();
            Thread.sleep(500);
            long start = System.nanoTime();
            worker.interrupt();
            worker.join(5000);
            assertThat(worker.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(result.get().reason()).startsWith("asking engine tcp://127.0.0.1:" + silent.getLocalPort()
                    + " was interrupted (the resolution's time budget, setting timeout, ran out)");
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesStopsTheResolution() {
        Issued client = TestPki.client(ca, KeyKind.RSA);
        Path certs = certPath("mismatch", client, TestPki.pkcs8(TestPki.keys(KeyKind.RSA).getPrivate()));
        assertThatThrownBy(() -> resolve(certs)).isInstanceOf(InvalidInputException.class)
                .hasMessage(certs.resolve("key.pem") + ": the client key (DOCKER_CERT_PATH " + certs + ") does not belong"
                        + " to the certificate in " + certs.resolve("cert.pem") + " (its public key is another key's);"
                        + " give the key that the certificate was made for");
    }

    @Test
    void aMissingCaStopsTheResolutionNamingTheFile() {
        Path certs = directory.resolve("empty");
        assertThatThrownBy(() -> resolve(certs)).isInstanceOf(InvalidInputException.class)
                .hasMessage(certs.resolve("ca.pem") + ": the CA certificate (DOCKER_CERT_PATH " + certs + ") does not"
                        + " exist");
    }

    @Test
    void aCertificateWithoutItsKeyStopsTheResolution() {
        Issued client = TestPki.client(ca, KeyKind.RSA);
        Path certs = certPath("halfpair", client, null);
        assertThatThrownBy(() -> resolve(certs)).isInstanceOf(InvalidInputException.class)
                .hasMessage(certs.resolve("cert.pem") + ": the client certificate (DOCKER_CERT_PATH " + certs + ") has no"
                        + " key beside it: " + certs.resolve("key.pem") + " does not exist");
    }

    @Test
    void anEncryptedKeyStopsTheResolution() {
        Issued client = TestPki.client(ca, KeyKind.RSA);
        Path certs = certPath("encrypted", client, TestPki.encryptedPkcs8(client.keys().getPrivate(),
                "changeit".toCharArray()));
        assertThatThrownBy(() -> resolve(certs)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(certs.resolve("key.pem") + ":1: the client key (DOCKER_CERT_PATH " + certs
                        + ") is encrypted with a password");
    }

    @Test
    void anyNonEmptyDockerTlsVerifyTurnsVerificationOnEvenZero() {
        Path certs = TestPki.certPath(directory.resolve("zero"), otherCa.certificate(), null, null);
        ProviderResult result = resolve(Map.of("DOCKER_TLS_VERIFY", "0", "DOCKER_CERT_PATH", certs.toString()),
                Map.of());
        assertThat(result.reason()).contains("did not sign, so it is not trusted");
    }

    @Test
    void dockerTlsWithoutVerifyStillChecksTheEnginesCertificateAndSaysSo() {
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path good = certPath("tls-only", client, TestPki.pkcs8(client.keys().getPrivate()));
        ProviderResult found = resolve(Map.of("DOCKER_TLS", "1", "DOCKER_CERT_PATH", good.toString()), Map.of());
        assertThat(found.notes().get(0)).endsWith("; the engine's certificate is checked although DOCKER_TLS (without"
                + " DOCKER_TLS_VERIFY) asks not to)");
        Path wrong = TestPki.certPath(directory.resolve("tls-only-wrong"), otherCa.certificate(), client.certificate(),
                TestPki.pkcs8(client.keys().getPrivate()));
        ProviderResult refused = resolve(Map.of("DOCKER_TLS", "1", "DOCKER_CERT_PATH", wrong.toString()), Map.of());
        assertThat(refused.reason()).contains("so it is not trusted (DOCKER_TLS (without DOCKER_TLS_VERIFY) asks not"
                + " to check it, but this library always checks the engine's certificate)");
    }

    @Test
    void theCertPathDefaultsToDockerConfigElseTheHomeDirectory() {
        Issued client = TestPki.client(ca, KeyKind.EC);
        certPath(".docker", client, TestPki.pkcs8(client.keys().getPrivate()));
        ProviderResult fromHome = resolve(Map.of("DOCKER_TLS_VERIFY", "1"), Map.of());
        assertThat(fromHome.notes().get(0)).contains("CA " + directory.resolve(".docker/ca.pem"));
        Path config = certPath("config-dir", client, TestPki.pkcs8(client.keys().getPrivate()));
        ProviderResult fromConfig = resolve(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CONFIG", config.toString()),
                Map.of());
        assertThat(fromConfig.notes().get(0)).contains("CA " + config.resolve("ca.pem"));
    }

    @Test
    void settingsTurnTlsOnAndOffAndNameTheFiles() throws IOException {
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path certs = certPath("by-setting", client, TestPki.pkcs8(client.keys().getPrivate()));
        ProviderResult on = resolve(Map.of(), Map.of("docker.tls-verify", "true", "docker.cert-path", certs.toString()));
        assertThat(on.notes().get(0)).contains("reached over tcp+TLS (TLSv1.3, CA " + certs.resolve("ca.pem"));
        try (FakeDockerEngine plain = FakeDockerEngine.onLoopback()) {
            Map<String, Object> alpine = ours("alpine-test-backend");
            plain.containers(list(alpine)).inspect(id(alpine), text(inspection("alpine")));
            ProviderResult off = resolve(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_HOST", plain.dockerHost()),
                    Map.of("docker.tls-verify", "false"));
            assertThat(off.notes().get(0)).endsWith("reached over tcp");
        }
    }

    private static String sha256(String name) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    }

    private void writeContext(String name, String host, boolean skipVerify) throws Exception {
        Path meta = directory.resolve(".docker/contexts/meta/" + sha256(name) + "/meta.json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + host + "\",\"SkipTLSVerify\":" + skipVerify + "}}}");
    }

    @Test
    void aContextsOwnTlsFilesAreUsed() throws Exception {
        writeContext("dind", engine.dockerHost(), false);
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path tls = directory.resolve(".docker/contexts/tls/" + sha256("dind") + "/docker");
        TestPki.certPath(tls, ca.certificate(), client.certificate(), TestPki.sec1(
                (ECPrivateKey) client.keys().getPrivate(), (ECPublicKey) client.keys().getPublic()));
        Map<String, String> environment = new HashMap<>(Map.of("DOCKER_CONTEXT", "dind"));
        ProviderResult result = new DockerEndpointProvider(directory.resolve("no-default.sock")).resolve(
                ResolutionContext.builder().workingDirectory(directory).environment(environment)
                        .systemProperties(Map.of("user.home", directory.toString())).build());
        assertThat(http(result)).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(result.notes().get(0)).isEqualTo("engine " + engine.dockerHost() + " (context 'dind' (variable"
                + " DOCKER_CONTEXT)): Docker 20.10.24 (API 1.41), reached over tcp+TLS (TLSv1.3, CA " + tls.resolve(
                "ca.pem") + ", client certificate " + tls.resolve("cert.pem") + ")");
    }

    @Test
    void aContextThatSkipsVerificationWithoutACaIsCheckedAgainstTheJdksCas() throws Exception {
        writeContext("insecure", engine.dockerHost(), true);
        ProviderResult result = new DockerEndpointProvider(directory.resolve("no-default.sock")).resolve(
                ResolutionContext.builder().workingDirectory(directory).environment(Map.of("DOCKER_CONTEXT", "insecure"))
                        .systemProperties(Map.of("user.home", directory.toString())).build());
        assertThat(result.reason()).startsWith("engine " + engine.dockerHost() + " presented a certificate (CN=engine,"
                + " issued by CN=test-ca) that none of the JDK's default trusted CAs signed, so it is not trusted"
                + " (context 'insecure' (SkipTLSVerify) asks not to check it, but this library always checks the"
                + " engine's certificate); give the CA that signed the engine's certificate");
    }

    @Test
    void nothingIsLeftOpenAfterManyTlsResolutions() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs Linux /proc");
        Issued client = TestPki.client(ca, KeyKind.EC);
        Path certs = certPath("many", client, TestPki.pkcs8(client.keys().getPrivate()));
        resolve(certs);
        long before;
        try (var list = Files.list(fds)) {
            before = list.count();
        }
        for (int i = 0; i < 15; i++) {
            assertThat(resolve(certs)).isInstanceOf(ProviderResult.Found.class);
            resolve(certPath("nocert-" + i, null, null));
        }
        try (var list = Files.list(fds)) {
            assertThat(list.count()).isLessThanOrEqualTo(before + 5);
        }
    }
}
