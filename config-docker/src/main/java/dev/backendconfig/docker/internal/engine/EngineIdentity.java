package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.docker.internal.Scans;
import dev.backendconfig.toolkit.OutsideText;
import java.util.function.UnaryOperator;

/**
 * What kind of engine answered, read from the headers of a reply it sent anyway (no extra request):
 * {@code Server: Docker/20.10.24+dfsg1 (linux)} is Docker, {@code Server: Libpod/4.3.1 (linux)} (or a
 * {@code Libpod-Api-Version} header) is Podman; {@code Api-Version} gives the Engine API version.
 *
 * @param kind {@link Kind#DOCKER}, {@link Kind#PODMAN} or {@link Kind#UNKNOWN}
 * @param version the engine's version, or empty text
 * @param apiVersion the Engine API version, or empty text
 * @param server the Server header for an unknown kind (escaped and shortened), else empty text
 */
public record EngineIdentity(Kind kind, String version, String apiVersion, String server) {

    /** What no reply has told yet. */
    public static final EngineIdentity UNKNOWN = new EngineIdentity(Kind.UNKNOWN, "", "", "");


    /** The kinds of engine told apart. */
    public enum Kind {
        /** Docker Engine (dockerd), also inside Docker Desktop, Colima, OrbStack, Rancher Desktop. */
        DOCKER("Docker"),
        /** Podman's Docker-compatible API service. */
        PODMAN("Podman"),
        /** An engine whose replies did not say. */
        UNKNOWN("an engine of unknown kind");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Return how the report names it. */
        public String label() {
            return label;
        }
    }

    /**
     * Read the identity from a reply's headers.
     *
     * @param header a header's value by name (in any case), or null when the reply has no such header
     */
    public static EngineIdentity from(UnaryOperator<String> header) {
        String server = header.apply("Server") == null ? "" : header.apply("Server").strip();
        String api = clean(header.apply("Api-Version"));
        String libpod = clean(header.apply("Libpod-Api-Version"));
        String docker = Scans.serverVersion(server, "Docker");
        if (docker != null) {
            return new EngineIdentity(Kind.DOCKER, docker, api, "");
        }
        String podman = Scans.serverVersion(server, "Libpod");
        if (podman != null) {
            return new EngineIdentity(Kind.PODMAN, podman, api, "");
        }
        if (!libpod.isEmpty()) {
            return new EngineIdentity(Kind.PODMAN, libpod, api, "");
        }
        return new EngineIdentity(Kind.UNKNOWN, "", api, OutsideText.excerpt(server, 60));
    }

    private static String clean(String header) {
        return header != null && Scans.isVersion(header.strip()) ? header.strip() : "";
    }

    /** Tell whether the engine is Podman. */
    public boolean isPodman() {
        return kind == Kind.PODMAN;
    }

    /** Return the identity for the report: {@code Docker 20.10.24 (API 1.41)}, {@code Podman 4.3.1 (API 1.41)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind.label());
        if (!version.isEmpty()) {
            text.append(' ').append(version);
        }
        if (kind == Kind.UNKNOWN) {
            text.append(server.isEmpty() ? " (no Server header)" : " (Server: " + server + ")");
        }
        if (!apiVersion.isEmpty()) {
            text.append(kind == Kind.UNKNOWN ? ", API " : " (API ").append(apiVersion)
                    .append(kind == Kind.UNKNOWN ? "" : ")");
        }
        return text.toString();
    }
}
