package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.Issued;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import dev.backendconfig.testsupport.TlsFrontEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the TLS transport's tests share: a CA ({@code CN=test-ca}) and an engine certificate of it for 127.0.0.1 and
 * localhost, made once; TLS engines on loopback in front of a fake engine; client material written as
 * DOCKER_CERT_PATH holds it; and the closing, after each test, of everything a test opened.
 */
abstract class TlsEngineTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Issued CA = TestPki.authority("test-ca");
    static final Issued ENGINE_CERTIFICATE = TestPki.server(CA, List.of("localhost"), List.of("127.0.0.1"));

    @TempDir
    Path directory;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private FakeDockerEngine backend;

    /**
     * A test that ran before on this thread may have left its interrupt flag set (a mutation run runs every class's
     * tests on one thread), and an interrupted resolution is explained as such: each test here starts without one.
     */
    @BeforeEach
    void startUninterrupted() {
        Thread.interrupted();
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (AutoCloseable open : closing) {
            open.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** Close {@code open} after the test; return it. */
    <T extends AutoCloseable> T closing(T open) {
        closing.add(open);
        return open;
    }

    /** Start a TLS 1.3/1.2 engine presenting {@code certificate} and the test CA's, asking for a client certificate. */
    TlsFrontEngine engine(Issued certificate) throws IOException {
        return engine(certificate, CA);
    }

    /** Start a TLS engine presenting {@code certificate} and {@code signer}'s, asking for a test CA's client's. */
    TlsFrontEngine engine(Issued certificate, Issued signer) throws IOException {
        if (backend == null) {
            backend = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        }
        return closing(TlsFrontEngine.start(certificate, signer, CA, List.of("TLSv1.3", "TLSv1.2"),
                directory.resolve("engine.sock")));
    }

    /**
     * Write the test CA (when {@code withCa}) and {@code client}'s certificate and key into {@code name} below the
     * test's directory, and return them as the material of DOCKER_CERT_PATH with DOCKER_TLS_VERIFY, or with
     * DOCKER_TLS (which asks not to check the engine's certificate) when {@code skipVerifyAsked}.
     */
    TlsMaterial material(String name, Issued client, boolean withCa, boolean skipVerifyAsked) {
        Path certs = TestPki.certPath(directory.resolve(name), CA.certificate(), client.certificate(),
                TestPki.pkcs8(client.keys().getPrivate()));
        return new TlsMaterial(withCa ? certs.resolve("ca.pem") : null, certs.resolve("cert.pem"),
                certs.resolve("key.pem"), "DOCKER_CERT_PATH " + certs,
                skipVerifyAsked ? "DOCKER_TLS" : "DOCKER_TLS_VERIFY", skipVerifyAsked);
    }

    /** The material of a fresh EC client certificate of the test CA, with the CA when {@code withCa}. */
    TlsMaterial material(String name, boolean withCa, boolean skipVerifyAsked) {
        return material(name, TestPki.client(CA, KeyKind.EC), withCa, skipVerifyAsked);
    }

    /** The material of a fresh EC client certificate of the test CA, with the CA, under DOCKER_TLS_VERIFY. */
    TlsMaterial material(String name) {
        return material(name, true, false);
    }

    /** A client of the TLS engine at {@code host:port}, closed after the test. */
    EngineClient client(String host, int port, TlsMaterial material, EngineTimeouts timeouts) {
        return closing(new EngineClient(EngineAddress.tls(host, port, material, "test"), timeouts,
                SshCommand.DEFAULT, () -> Duration.ofMinutes(1)));
    }

    /** A client of the TLS engine at {@code host:port} with {@link #TIMEOUT} for each step. */
    EngineClient client(String host, int port, TlsMaterial material) {
        return client(host, port, material, EngineTimeouts.both(TIMEOUT));
    }

    /** A client of the TLS engine at {@code 127.0.0.1:port} with {@link #TIMEOUT} for each step. */
    EngineClient client(int port, TlsMaterial material) {
        return client("127.0.0.1", port, material);
    }
}
