package dev.backendconfig.docker.internal.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the TLS files of an engine are, and why TLS is used: the paths only; {@link TlsSetup} reads them.
 *
 * @param ca the CA certificate(s) the engine's certificate must chain to, or null for the JDK's default trusted CAs
 * @param cert the client certificate, or null for none (then {@code key} is null too)
 * @param key the client's private key, or null for none
 * @param source where the files are, for messages: {@code "DOCKER_CERT_PATH /certs/client"}
 * @param why why TLS is used: {@code "DOCKER_TLS_VERIFY is set"}, {@code "context 'dind' has TLS material"}
 * @param skipVerifyAsked whether the configuration asked not to check the engine's certificate (DOCKER_TLS without
 *     DOCKER_TLS_VERIFY, a context's SkipTLSVerify), which this library never does
 */
public record TlsMaterial(Path ca, Path cert, Path key, String source, String why, boolean skipVerifyAsked) {

    public TlsMaterial {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(why, "why");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    /** Return the CA file, when one is given. */
    public Optional<Path> caFile() {
        return Optional.ofNullable(ca);
    }

    /** Tell whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return cert != null;
    }

    /** Return what is used, for the report: {@code "CA /c/ca.pem, client certificate /c/cert.pem"}. */
    public String describe() {
        String trust = ca != null ? "CA " + ca : "the JDK's default trusted CAs";
        String client = cert != null ? "client certificate " + cert : "no client certificate";
        return trust + ", " + client;
    }
}
