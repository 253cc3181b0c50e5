package dev.backendconfig.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The variables of the shell that runs the build which a resolution from the real process would read: the URL
 * variables of every service ({@code TEST_BACKEND_URL}, {@code AUTH_URL}, {@code E2E_BACKEND_URL}, ...), the settings
 * ({@code BACKENDCONFIG_*}), Docker's and compose's ({@code DOCKER_HOST}, {@code COMPOSE_PROJECT_NAME}, ...), the
 * staging file's names ({@code STAGING_*}, {@code TEST_USER_*}, {@code ENVIRONMENT}) and the compose files' port
 * variables ({@code ALPINE_TEST_*}).
 *
 * <p>A test that resolves from the real process removes them first (system-stubs:
 * {@code CallerEnvironment.present().forEach(variables::remove)}) and points Docker at a socket that does not exist
 * ({@link #noEngine(Path)}), so that neither this machine's shell nor its Docker engine decides an outcome. A test
 * that starts a process hands it {@link #without(Map)}. The build runs every test JVM with some of these variables
 * set to values that break any resolution that reads them (the parent POM's Surefire {@code environmentVariables}),
 * so a test that forgets fails on every machine, not only on the one whose shell happens to hold them.
 */
public final class CallerEnvironment {

    private static final List<String> PREFIXES = List.of("BACKENDCONFIG_", "DOCKER_", "COMPOSE_", "STAGING_",
            "ALPINE_TEST_", "TEST_USER_");

    private static final Set<String> NAMES = Set.of("XDG_RUNTIME_DIR", "ENVIRONMENT");

    private static final List<String> ENGINE = List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG",
            "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH");

    private CallerEnvironment() {
    }

    /** Tell whether a resolution, or a file our tests write, may read the variable {@code name}. */
    public static boolean isRead(String name) {
        return name.endsWith("_URL") || NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Return the names of such variables this process has, sorted, as a copy that stays valid while they are removed. */
    public static List<String> present() {
        return System.getenv().keySet().stream().filter(CallerEnvironment::isRead).sorted().toList();
    }

    /** Return a copy of {@code environment} without such variables, for a process a test starts. */
    public static Map<String, String> without(Map<String, String> environment) {
        Map<String, String> kept = new TreeMap<>(environment);
        kept.keySet().removeIf(CallerEnvironment::isRead);
        return kept;
    }

    /**
     * Return the variables of this process that say where the Docker engine is ({@code DOCKER_HOST},
     * {@code DOCKER_CONTEXT}, {@code DOCKER_CONFIG}, {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}): the one
     * input the real-Docker tests take from the caller, as the docker CLI does.
     */
    public static Map<String, String> engine() {
        Map<String, String> engine = new TreeMap<>();
        for (String name : ENGINE) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                engine.put(name, value);
            }
        }
        return engine;
    }

    /** Return a {@code DOCKER_HOST} value naming a socket in {@code directory} that does not exist. */
    public static String noEngine(Path directory) {
        return "unix://" + directory.resolve("no-engine.sock");
    }
}
