package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.Optional;

/**
 * Find the Docker engine the way the docker CLI does: setting {@code docker.host}, else {@code DOCKER_HOST},
 * else the context named by {@code DOCKER_CONTEXT} or by {@code currentContext} in
 * {@code $DOCKER_CONFIG/config.json} ({@link CliContext}), else Podman's {@code CONTAINER_HOST}, else the sockets of
 * this machine ({@link LocalSockets}). Each value is read by {@link EngineUrl}; whether a {@code tcp://} engine is
 * reached with TLS, and with which files, is {@link EngineTls}'s rule.
 */
public final class EngineLocator {

    private EngineLocator() {
    }

    /** What locating found: an engine to try, nothing at all, or an engine this library cannot talk to. */
    public sealed interface Located {
        /** An engine to try. */
        record Found(EngineAddress address) implements Located {
        }

        /** No configuration and no socket file: there is no local engine. */
        record Missing(String reason) implements Located {
        }

        /**
         * An engine named explicitly that this library cannot reach (npipe://, a socket that is gone).
         *
         * @param reason what was named and why it cannot be used
         * @param nextStep what to do about it: fix or unset the variable, setting or context that named it
         */
        record Unusable(String reason, String nextStep) implements Located {
        }
    }

    /**
     * Find the engine.
     *
     * @param sockets the sockets of this machine to look for when nothing names an engine
     * @throws InvalidInputException when {@code docker.host}, {@code DOCKER_HOST} or
     *     {@code CONTAINER_HOST} is malformed, a named context cannot be read, or TLS files are missing
     */
    public static Located locate(DockerConfig config, ResolutionFacts facts, LocalSockets sockets) {
        if (!config.host().isEmpty()) {
            return EngineUrl.read(config.host(), config.hostOrigin(), "setting docker.host",
                    new SettingsTls(config, facts));
        }
        Optional<String> dockerHost = facts.variable("DOCKER_HOST");
        if (dockerHost.isPresent()) {
            return EngineUrl.read(dockerHost.get(), Origin.variable("DOCKER_HOST"), "DOCKER_HOST",
                    new SettingsTls(config, facts));
        }
        Optional<CliContext> cli = CliContext.current(facts);
        if (cli.isPresent()) {
            CliContext named = cli.get();
            return EngineUrl.read(named.host(), named.origin(), named.why(), () -> EngineTls.fromContext(named));
        }
        Optional<String> containerHost = facts.variable("CONTAINER_HOST");
        if (containerHost.isPresent()) {
            return EngineUrl.read(containerHost.get(), Origin.variable("CONTAINER_HOST"), "CONTAINER_HOST",
                    Optional::empty);
        }
        return sockets.find(facts);
    }

    /**
     * The TLS files the settings and variables give, read only when the address is a TCP one that uses TLS: a class
     * rather than a lambda (a first resolution links no lambda; each costs a fresh JVM a class spun at run time).
     */
    private static final class SettingsTls implements EngineUrl.TlsRule {

        private final DockerConfig config;
        private final ResolutionFacts facts;

        SettingsTls(DockerConfig config, ResolutionFacts facts) {
            this.config = config;
            this.facts = facts;
        }

        @Override
        public Optional<TlsMaterial> material() {
            return EngineTls.fromSettings(config, facts);
        }
    }
}
