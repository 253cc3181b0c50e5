package dev.backendconfig.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.BusyCores;
import dev.backendconfig.testsupport.ComposeStack;
import dev.backendconfig.testsupport.EnginesIt;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The provider against a real {@code dockerd --tlsverify} (a second daemon on 127.0.0.1, certificates made by openssl
 * for this run, scripts/engines-env.sh start_tls_dockerd), with a compose stack started on it. Run by
 * scripts/engines-it.sh: {@code ENGINES_IT_TLS_HOST} (tcp://127.0.0.1:PORT), {@code ENGINES_IT_TLS_DIR} (the client
 * directories of make_tls_material), {@code ENGINES_IT_TLS_SOCKET} (the daemon's own Unix socket, for compose).
 */
class TlsEngineIT {

    private static final String COMPOSE = """
            services:
              alpine-test-backend:
                image: backend-config-it/backend:latest
                ports:
                  - "${BACKEND_PORT}:8000"
                healthcheck:
                  test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/health"]
                  interval: 1s
                  timeout: 2s
                  retries: 3
            """;

    private static String host;
    private static Path material;
    private static int port;
    private static ComposeStack stack;

    @TempDir
    static Path stackDirectory;

    @TempDir
    Path directory;

    @BeforeAll
    static void startTheStackOnTheTlsEngine() throws Exception {
        host = EnginesIt.required("ENGINES_IT_TLS_HOST");
        material = Path.of(EnginesIt.required("ENGINES_IT_TLS_DIR"));
        String socket = EnginesIt.required("ENGINES_IT_TLS_SOCKET");
        port = EnginesIt.freePort();
        Path file = Files.writeString(stackDirectory.resolve("compose.yaml"), COMPOSE);
        stack = ComposeStack.up(file, EnginesIt.project("bcit-tls"), Map.of("DOCKER_HOST", "unix://" + socket,
                "BACKEND_PORT", Integer.toString(port)));
        // healthy before the tests ask (the first check runs about a second after the start); asked through the
        // daemon's own Unix socket, so that the TLS code under test plays no part in setting up
        ProviderResult result = ProviderResult.unavailable("not asked");
        for (int i = 0; i < 30 && !(result instanceof ProviderResult.Found); i++) {
            Thread.sleep(500);
            result = new DockerEndpointProvider().resolve(context(stackDirectory, Map.of("DOCKER_HOST", "unix://"
                    + socket), Map.of()));
        }
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
    }

    private static ResolutionContext context(Path home, Map<String, String> variables, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.putIfAbsent("DOCKER_HOST", host);
        Map<String, String> all = new HashMap<>(settings);
        all.put("docker.project", stack.project());
        return ResolutionContext.builder().environment(EnginesIt.environment(environment))
                .systemProperties(Map.of("user.home", home.toString())).workingDirectory(home).settings(all).build();
    }

    private ProviderResult resolve(String clientDirectory) {
        return new DockerEndpointProvider().resolve(context(directory, Map.of("DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", material.resolve(clientDirectory).toString()), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "client-rsa-pkcs1, -----BEGIN RSA PRIVATE KEY-----",
        "client-ec-sec1, -----BEGIN EC PRIVATE KEY-----",
        "client-pkcs8, -----BEGIN PRIVATE KEY-----",
        "client-pkcs8-ec, -----BEGIN PRIVATE KEY-----",
    })
    void foundWithEachClientKeyFormatAndTheBackendAnswers(String clientDirectory, String header) throws Exception {
        Path certs = material.resolve(clientDirectory);
        assertThat(Files.readAllLines(certs.resolve("key.pem")).get(0)).isEqualTo(header);
        long start = System.nanoTime();
        ProviderResult result = resolve(clientDirectory);
        long took = (System.nanoTime() - start) / 1_000_000;
        System.out.println("timing: TLS resolution with " + clientDirectory + ": " + took + " ms");
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        URI http = ((ProviderResult.Found) result).endpoint().http();
        assertThat(http).isEqualTo(URI.create("http://localhost:" + port));
        assertThat(result.reason()).isEqualTo("compose project " + stack.project() + " (named by setting"
                + " docker.project): service alpine-test-backend publishes 8000 on 0.0.0.0:" + port + " (healthy); chosen"
                + " because it is the one service publishing container port 8000 and none is named backend");
        assertThat(result.notes().get(0)).isEqualTo("engine " + host + " (DOCKER_HOST): Docker 20.10.24+dfsg1 (API"
                + " 1.41), reached over tcp+TLS (TLSv1.3, CA " + certs.resolve("ca.pem") + ", client certificate "
                + certs.resolve("cert.pem") + ")");
        assertThat(result.notes()).contains("this checkout's compose project: " + stack.project() + " (setting"
                + " docker.project given to ResolutionContext.Builder.settings)");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.resolve("/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body().strip()).isEqualTo("ok");
    }

    /**
     * The real TLS engine with one busy process more than there are cores, and every bound at its default: found each
     * time (a slow handshake is not an absent engine).
     */
    @Test
    void theRealTlsEngineIsFoundWithTheDefaultBoundsWithEveryCoreBusy() throws Exception {
        try (BusyCores busy = BusyCores.start()) {
            assertThat(busy.count()).isGreaterThan(Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                ProviderResult result = resolve("client-rsa-pkcs1");
                System.out.println("timing: TLS resolution with every core busy: "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
                assertThat(((ProviderResult.Found) result).endpoint().http())
                        .isEqualTo(URI.create("http://localhost:" + port));
            }
        }
    }

    @Test
    void anEngineCertificateTheCaDidNotSignIsNotTrusted() {
        ProviderResult result = resolve("wrong-ca");
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).startsWith("engine " + host + " presented a certificate (CN=localhost, issued by"
                + " CN=engines-test-ca) that the CA in " + material.resolve("wrong-ca/ca.pem") + " did not sign, so it"
                + " is not trusted; give the CA that signed the engine's certificate");
    }

    @Test
    void theEngineDemandsTheClientCertificateWeLackAndSaysSoNotBrokenPipe() {
        ProviderResult result = resolve("client-nocert");
        assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(result.reason()).startsWith("engine " + host + " demands a client certificate, and none was sent:"
                + " there is no cert.pem and key.pem in DOCKER_CERT_PATH " + material.resolve("client-nocert") + " (it"
                + " accepts certificates issued by CN=engines-test-ca); give the client certificate and key the engine's"
                + " CA signed");
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefusedByTheEngine() {
        ProviderResult result = resolve("client-untrusted");
        assertThat(result.reason()).startsWith("engine " + host + " demands a client certificate and refused the one"
                + " sent, " + material.resolve("client-untrusted/cert.pem") + " (issued by CN=engines-wrong-ca) (it"
                + " accepts certificates issued by CN=engines-test-ca)");
    }

    @Test
    void anEncryptedKeyIsRefusedBeforeAnythingIsSent() {
        Path key = material.resolve("client-encrypted/key.pem");
        assertThatThrownBy(() -> resolve("client-encrypted")).isInstanceOf(InvalidInputException.class)
                .hasMessage(key + ":1: the client key (DOCKER_CERT_PATH " + material.resolve("client-encrypted") + ") is"
                        + " encrypted with a password, which cannot be given here (the docker CLI cannot use it either);"
                        + " write it unencrypted, for example with openssl pkey -in key.pem -out key-plain.pem, and keep"
                        + " that file private");
    }

    @Test
    void aDockerContextWithTheTlsFilesFindsTheBackend() throws Exception {
        String name = "bcit-tls";
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(name.getBytes(StandardCharsets.UTF_8)));
        Path meta = Files.createDirectories(directory.resolve(".docker/contexts/meta/" + digest));
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":"
                + "{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        Path tls = Files.createDirectories(directory.resolve(".docker/contexts/tls/" + digest + "/docker"));
        for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.copy(material.resolve("client-ec-sec1").resolve(file), tls.resolve(file));
        }
        Files.writeString(directory.resolve(".docker/config.json"), "{\"currentContext\":\"" + name + "\"}");
        ProviderResult result = new DockerEndpointProvider().resolve(ResolutionContext.builder()
                .environment(EnginesIt.environment(Map.of())).systemProperties(Map.of("user.home", directory.toString()))
                .workingDirectory(directory).settings(Map.of("docker.project", stack.project()))
                .build());
        assertThat(result).as(result.reason()).isInstanceOf(ProviderResult.Found.class);
        assertThat(result.notes().get(0)).startsWith("engine " + host + " (context 'bcit-tls' ("
                + directory.resolve(".docker/config.json") + ")): Docker 20.10.24+dfsg1 (API 1.41), reached over"
                + " tcp+TLS (TLSv1.3, CA " + tls.resolve("ca.pem"));
    }
}
