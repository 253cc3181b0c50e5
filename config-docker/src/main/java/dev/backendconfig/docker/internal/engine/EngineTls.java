package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a {@code tcp://} engine is reached with TLS, and with which files, by the docker CLI's rules:
 * {@code DOCKER_TLS_VERIFY} (any non-empty value) or {@code DOCKER_TLS}, with {@code ca.pem}, {@code cert.pem} and
 * {@code key.pem} from {@code DOCKER_CERT_PATH} (default {@code $DOCKER_CONFIG}, else {@code ~/.docker}); a context
 * has its own TLS files under {@code contexts/tls/<sha256 of its name>/docker/} and its own {@code SkipTLSVerify}.
 * Settings {@code docker.tls-verify} and {@code docker.cert-path} override the variables. The engine's certificate
 * is always checked, even where the docker CLI would skip it.
 */
final class EngineTls {

    private EngineTls() {
    }

    /**
     * TLS for an engine named by {@code docker.host} or {@code DOCKER_HOST}: setting {@code docker.tls-verify}, else
     * {@code DOCKER_TLS_VERIFY} (any non-empty value), else {@code DOCKER_TLS}; the files from setting
     * {@code docker.cert-path}, else {@code DOCKER_CERT_PATH}, else {@code $DOCKER_CONFIG} or {@code ~/.docker}.
     */
    static Optional<TlsMaterial> fromSettings(DockerConfig config, ResolutionFacts facts) {
        String why;
        boolean skipAsked = false;
        if (config.tls() == DockerConfig.TlsChoice.PLAIN) {
            return Optional.empty();
        } else if (config.tls() == DockerConfig.TlsChoice.VERIFY) {
            why = "setting docker.tls-verify";
        } else if (facts.variable("DOCKER_TLS_VERIFY").isPresent()) {
            why = "DOCKER_TLS_VERIFY";
        } else if (facts.variable("DOCKER_TLS").isPresent()) {
            why = "DOCKER_TLS (without DOCKER_TLS_VERIFY)";
            skipAsked = true;
        } else {
            return Optional.empty();
        }
        Path directory;
        String source;
        Optional<String> variable = facts.variable("DOCKER_CERT_PATH");
        if (!config.certPath().isEmpty()) {
            directory = facts.workingDirectory().resolve(config.certPath().strip());
            source = "setting docker.cert-path " + directory;
        } else if (variable.isPresent()) {
            directory = facts.workingDirectory().resolve(variable.get().strip());
            source = "DOCKER_CERT_PATH " + directory;
        } else {
            directory = CliContext.configDirectory(facts);
            source = "the default cert path " + directory + ", DOCKER_CERT_PATH being unset";
        }
        ClientPair pair = clientPair(directory, source);
        return Optional.of(new TlsMaterial(directory.resolve("ca.pem"), pair.cert(), pair.key(), source, why,
                skipAsked));
    }

    /**
     * TLS for a context's tcp:// engine, as the docker CLI decides it: used when the context has TLS files
     * ({@code ca.pem}, {@code cert.pem}, {@code key.pem}, each optional) or sets {@code SkipTLSVerify}; without a
     * {@code ca.pem} the engine's certificate is checked against the JDK's default trusted CAs.
     */
    static Optional<TlsMaterial> fromContext(CliContext cli) {
        Path directory = cli.tlsDirectory();
        Path ca = directory.resolve("ca.pem");
        boolean hasCa = Files.exists(ca);
        String source = "context '" + cli.name() + "' TLS files in " + directory;
        ClientPair pair = clientPair(directory, source);
        if (!hasCa && pair.cert() == null && !cli.skipVerify()) {
            return Optional.empty();
        }
        String why = cli.skipVerify() ? "context '" + cli.name() + "' (SkipTLSVerify)"
                : "context '" + cli.name() + "'";
        return Optional.of(new TlsMaterial(hasCa ? ca : null, pair.cert(), pair.key(), source, why,
                cli.skipVerify()));
    }

    /** A client certificate and its key: both there, or neither. */
    private record ClientPair(Path cert, Path key) {
    }

    private static ClientPair clientPair(Path directory, String source) {
        Path cert = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        boolean hasCert = Files.exists(cert);
        boolean hasKey = Files.exists(key);
        if (hasCert && !hasKey) {
            throw new InvalidInputException(Origin.file(cert.toString(), 0), "the client certificate ("
                    + source + ") has no key beside it: " + key + " does not exist");
        }
        if (hasKey && !hasCert) {
            throw new InvalidInputException(Origin.file(key.toString(), 0), "the client key (" + source
                    + ") has no certificate beside it: " + cert + " does not exist");
        }
        return hasCert ? new ClientPair(cert, key) : new ClientPair(null, null);
    }
}
