package dev.backendconfig.tests.support;

import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.StagingExample;
import dev.backendconfig.testsupport.AlpineStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;
import uk.org.webcompere.systemstubs.properties.SystemProperties;

/**
 * What every configuration test starts from: a project repository in a temporary directory (the working
 * directory and home of the run), real variables with every name the library reads removed, and Docker pointed at
 * a socket that does not exist, so that neither this machine's variables nor its Docker engine decide an outcome.
 * A test then sets real variables (system-stubs), writes real files and starts real loopback servers.
 */
@ExtendWith(SystemStubsExtension.class)
public abstract class ConfigurationScenario {

    /** The staging file of the plan, with documentation-only hosts. */
    protected static final String STAGING_FILE = StagingExample.FILE;

    @TempDir
    protected Path repository;

    @SystemStub
    protected EnvironmentVariables variables = new EnvironmentVariables();

    @SystemStub
    protected SystemProperties properties;

    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @BeforeEach
    void isolate() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        CallerEnvironment.present().forEach(variables::remove);
        variables.set("DOCKER_HOST", CallerEnvironment.noEngine(repository));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("backendconfig."))
                .toList().forEach(properties::remove);
        properties.set("user.dir", repository.toString());
        properties.set("user.home", repository.toString());
        SuiteContext.reset();
        RecordingLogs.clear();
    }

    @AfterEach
    void release() throws Exception {
        SuiteContext.reset();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    /** Close this when the test ends. */
    protected <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** Write {@code .env.staging.e2e} at the repository root. */
    protected Path writeStagingFile() throws IOException {
        return Files.writeString(repository.resolve(".env.staging.e2e"), STAGING_FILE);
    }

    /** Write {@code docker/docker-compose.alpine-test.yml} and return it. */
    protected Path writeAlpineCompose() throws IOException {
        Path file = repository.resolve("docker/docker-compose.alpine-test.yml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, AlpineStack.COMPOSE_FILE);
    }

    /** Set a setting as a suite does, as system property {@code backendconfig.<key>}. */
    protected void setting(String key, String value) {
        properties.set("backendconfig." + key, value);
    }

    /**
     * Stop here, reported as not applicable, when the run tests the pre-fix context: for a test of the library's own
     * parts, which the pre-fix context does not have, so that such a test is never counted as passed against it.
     */
    protected static void notApplicableToThePreFixContext(String why) {
        Assumptions.assumeFalse(LegacyMode.active(), () -> "not applicable to the pre-fix context: " + why);
    }

    /**
     * Start a fake Docker engine on a real Unix socket in the repository (replies recorded from a real engine) and
     * point {@code DOCKER_HOST} at it.
     */
    protected FakeDockerEngine engine() throws IOException {
        FakeDockerEngine engine = closeLater(FakeDockerEngine.onUnixSocket(repository.resolve("engine.sock")));
        variables.set("DOCKER_HOST", engine.dockerHost());
        return engine;
    }

    /** Start a real loopback server on a free port that answers HTTP, as a listening backend does. */
    protected LoopbackServers.Server listeningBackend() throws IOException {
        return closeLater(LoopbackServers.answeringHttp());
    }

    /** Return a copy of a recorded container as started from this scenario's repository (its project is ours). */
    protected java.util.Map<String, Object> ours(java.util.Map<String, Object> recorded) {
        return dev.backendconfig.testsupport.Recorded.startedIn(recorded, repository, "shop");
    }

}
