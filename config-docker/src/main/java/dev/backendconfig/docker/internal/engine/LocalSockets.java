package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.engine.EngineLocator.Located;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sockets an engine on this machine listens on, tried when nothing names one: the default socket, then the
 * per-user sockets of rootless Docker, Docker Desktop, Colima, Rancher Desktop and OrbStack, then rootful Podman's
 * and the user's Podman socket ({@code $XDG_RUNTIME_DIR/podman/podman.sock}), whichever exists first.
 *
 * @param defaultSocket the socket a default installation listens on
 * @param rootPodmanSockets the sockets rootful Podman's API service listens on (none, for tests that must not see
 *     this machine's)
 */
public record LocalSockets(Path defaultSocket, List<Path> rootPodmanSockets) {

    /** This machine's: {@code /var/run/docker.sock}, and rootful Podman's {@code /run/podman/podman.sock}. */
    public static final LocalSockets SYSTEM = new LocalSockets(Path.of("/var/run/docker.sock"),
            List.of(Path.of("/run/podman/podman.sock")));

    public LocalSockets {
        Objects.requireNonNull(defaultSocket, "defaultSocket");
        rootPodmanSockets = List.copyOf(rootPodmanSockets);
    }

    /** Return another default socket and no rootful Podman socket, for tests that must not see this machine's. */
    public static LocalSockets only(Path defaultSocket) {
        return new LocalSockets(defaultSocket, List.of());
    }

    /** Find the first socket that exists, or say where none was. */
    Located find(ResolutionFacts facts) {
        if (Files.exists(defaultSocket)) {
            return new Located.Found(EngineAddress.unix(defaultSocket, "the default socket"));
        }
        List<Path> candidates = dockerUserSockets(facts);
        candidates.addAll(rootPodmanSockets);
        facts.variable("XDG_RUNTIME_DIR").ifPresent(runtime -> candidates.add(Path.of(runtime, "podman/podman.sock")));
        for (Path candidate : candidates) {
            if (Files.exists(candidate)) {
                return new Located.Found(EngineAddress.unix(candidate, rootPodmanSockets.contains(candidate)
                        ? "rootful Podman's socket" : "a per-user socket that exists"));
            }
        }
        List<String> looked = new ArrayList<>();
        looked.add(defaultSocket.toString());
        candidates.forEach(candidate -> looked.add(candidate.toString()));
        return new Located.Missing("no Docker engine: none of " + String.join(", ", looked) + " exists and DOCKER_HOST"
                + " is not set");
    }

    /** Return the per-user sockets Docker variants listen on, in the order they are tried. */
    private static List<Path> dockerUserSockets(ResolutionFacts facts) {
        Path home = facts.userHome();
        List<Path> sockets = new ArrayList<>();
        Optional<Path> runtime = facts.variable("XDG_RUNTIME_DIR").map(Path::of);
        runtime.ifPresent(directory -> sockets.add(directory.resolve("docker.sock")));
        sockets.add(home.resolve(".docker/run/docker.sock"));
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        sockets.add(home.resolve(".colima/default/docker.sock"));
        sockets.add(home.resolve(".rd/docker.sock"));
        sockets.add(home.resolve(".orbstack/run/docker.sock"));
        return sockets;
    }
}
