package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftTest {

    @TempDir
    Path repository;

    /** The compose command a machine with the v2 plugin has. */
    private static final java.util.function.Supplier<String> DOCKER_COMPOSE = () -> "docker compose";

    private static final Instant CREATED = Instant.parse("2026-11-24T10:00:00.123456789Z");

    private static ContainerSummary container(String configFiles, String workingDirectory) {
        return new ContainerSummary("a".repeat(64), List.of("shop-backend-1"), Map.of(
                ContainerSummary.PROJECT_LABEL, "shop", ContainerSummary.SERVICE_LABEL, "backend",
                "com.docker.compose.project.config_files", configFiles,
                "com.docker.compose.project.working_dir", workingDirectory), List.of(), "running", "", "", "", "", 0);
    }

    private Path file(String name, Instant modified) throws Exception {
        Path file = Files.writeString(repository.resolve(name), "services: {}\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void aFileModifiedAfterTheContainerWasCreatedIsNamedWithTheCommandThatAppliesIt() throws Exception {
        Path compose = file("compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        Path override = file("compose.override.yaml", CREATED.minus(Duration.ofMinutes(5)));
        ContainerSummary backend = container(compose + "," + override, repository.toString());

        List<String> warnings = Drift.warnings(List.of(new Drift.Created(backend, CREATED)), List.of(), DOCKER_COMPOSE);

        assertThat(warnings).containsExactly("warning: compose file " + compose + " was modified at "
                + CREATED.plus(Duration.ofMinutes(5)) + ", after container shop-backend-1 (service backend) was created"
                + " at " + CREATED + ": the running stack does not show that change; apply it with docker compose -p"
                + " shop -f " + compose + " -f " + override + " up -d");
    }

    @Test
    void theCommandIsTheComposeCommandInstalledHereAskedOnlyWhenThereIsAWarning() throws Exception {
        Path compose = file("compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<String> v1 = () -> {
            asked.incrementAndGet();
            return "docker-compose";
        };

        assertThat(Drift.warnings(List.of(new Drift.Created(container(compose.toString(), repository.toString()),
                CREATED)), List.of(), v1)).singleElement().satisfies(warning -> assertThat(warning)
                .endsWith("; apply it with docker-compose -p shop -f " + compose + " up -d"));
        assertThat(asked).hasValue(1);
        assertThat(Drift.warnings(List.of(new Drift.Created(container(compose.toString(), repository.toString()),
                CREATED.plus(Duration.ofHours(1)))), List.of(), v1)).isEmpty();
        assertThat(asked).as("no warning, no compose command looked for").hasValue(1);
    }

    @Test
    void filesOlderThanTheContainerOrWithinASecondOfItGiveNoWarning() throws Exception {
        Path compose = file("compose.yaml", CREATED.plus(Duration.ofMillis(900)));
        assertThat(Drift.warnings(List.of(new Drift.Created(container(compose.toString(), repository.toString()),
                CREATED)), List.of(), DOCKER_COMPOSE)).isEmpty();
    }

    @Test
    void composeV1sRelativeLabelIsJoinedToItsWorkingDirectory() throws Exception {
        Files.createDirectories(repository.resolve("docker"));
        Path compose = file("docker/compose.yaml", CREATED.plus(Duration.ofHours(1)));
        ContainerSummary v1 = container("docker/compose.yaml", repository.toString());

        assertThat(Drift.warnings(List.of(new Drift.Created(v1, CREATED)), List.of(), DOCKER_COMPOSE)).singleElement()
                .satisfies(warning -> assertThat(warning).startsWith("warning: compose file " + compose + " was"));
    }

    @Test
    void aFileThatIsGoneOrNotRegularGivesNoWarning() throws Exception {
        Files.createDirectory(repository.resolve("dir.yaml"));
        ContainerSummary gone = container(repository.resolve("gone.yaml") + "," + repository.resolve("dir.yaml"),
                repository.toString());
        assertThat(Drift.warnings(List.of(new Drift.Created(gone, CREATED)), List.of(), DOCKER_COMPOSE)).isEmpty();
    }

    @Test
    void aFileThatTwoContainersCameFromIsNamedOnceForTheFirstOfThem() throws Exception {
        Path compose = file("compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        ContainerSummary backend = container(compose.toString(), repository.toString());
        ContainerSummary worker = new ContainerSummary("b".repeat(64), List.of("shop-worker-1"), Map.of(
                ContainerSummary.PROJECT_LABEL, "shop", ContainerSummary.SERVICE_LABEL, "worker",
                "com.docker.compose.project.config_files", compose.toString(),
                "com.docker.compose.project.working_dir", repository.toString()), List.of(), "running", "", "", "", "",
                0);

        List<String> warnings = Drift.warnings(List.of(new Drift.Created(backend, CREATED), new Drift.Created(worker,
                CREATED)), List.of(), DOCKER_COMPOSE);

        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning).contains(
                "after container shop-backend-1 (service backend)"));
    }

    @Test
    void aRelativeLabelWithoutAWorkingDirectoryIsLeftOut() throws Exception {
        Path compose = file("compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        ContainerSummary noDirectory = container("compose.yaml", "");

        assertThat(Drift.warnings(List.of(new Drift.Created(noDirectory, CREATED)), List.of(compose), () -> {
            throw new AssertionError("no warning, no compose command");
        })).isEmpty();
    }

    @Test
    void aRelativeLabelMissingUnderItsWorkingDirectoryIsTheCheckoutsFileEndingInItBelowThatDirectory()
            throws Exception {
        // docker-compose -f docker/compose.yaml, run in the repository: working_dir is the repository's docker/
        Path docker = Files.createDirectories(repository.resolve("docker"));
        Path compose = file("docker/compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        Path other = file("docker/other.yaml", CREATED.plus(Duration.ofMinutes(5)));
        Path elsewhere = Files.createDirectories(repository.resolve("elsewhere/docker"));
        Path outside = Files.writeString(elsewhere.resolve("compose.yaml"), "services: {}\n");
        Files.setLastModifiedTime(outside, FileTime.from(CREATED.plus(Duration.ofMinutes(5))));
        ContainerSummary v1 = container("docker/compose.yaml", docker.toString());

        List<String> warnings = Drift.warnings(List.of(new Drift.Created(v1, CREATED)), List.of(outside, other,
                compose), DOCKER_COMPOSE);

        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning).startsWith(
                "warning: compose file " + compose + " was modified").endsWith(" -f " + compose + " up -d"));
    }

    @Test
    void aRelativeLabelFoundUnderItsWorkingDirectoryIsThatFileWhateverTheCheckoutHolds() throws Exception {
        Path docker = Files.createDirectories(repository.resolve("docker"));
        Files.createDirectories(docker.resolve("docker"));
        Path joined = file("docker/docker/compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        Path compose = file("docker/compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        ContainerSummary v1 = container("docker/compose.yaml", docker.toString());

        assertThat(Drift.warnings(List.of(new Drift.Created(v1, CREATED)), List.of(compose), DOCKER_COMPOSE))
                .singleElement().satisfies(warning -> assertThat(warning).startsWith("warning: compose file " + joined
                        + " was modified"));
    }

    @Test
    void anEntryThatCannotBeAPathEndsTheFilesWithThoseBeforeIt() throws Exception {
        Path compose = file("compose.yaml", CREATED.plus(Duration.ofMinutes(5)));
        Path later = file("later.yaml", CREATED.plus(Duration.ofMinutes(5)));
        ContainerSummary broken = container(compose + ",bad\u0000.yaml," + later, repository.toString());

        assertThat(Drift.warnings(List.of(new Drift.Created(broken, CREATED)), List.of(), DOCKER_COMPOSE))
                .singleElement().satisfies(warning -> assertThat(warning).startsWith("warning: compose file " + compose
                        + " was modified").endsWith("docker compose -p shop -f " + compose + " up -d"));
    }

    @Test
    void anAbsoluteLabelIsReadEvenWithoutAWorkingDirectory() throws Exception {
        Path compose = file("compose.yaml", CREATED.plus(Duration.ofMinutes(5)));

        assertThat(Drift.warnings(List.of(new Drift.Created(container(compose.toString(), ""), CREATED)), List.of(),
                DOCKER_COMPOSE)).singleElement().satisfies(warning -> assertThat(warning).startsWith(
                        "warning: compose file " + compose + " was modified"));
    }

    @Test
    void aRelativeLabelWithoutAWorkingDirectoryIsNeverReadAgainstTheJvmsOwnDirectory() throws Exception {
        // a file that is there, relative to the JVM's working directory (the module's pom.xml, under Maven)
        String here;
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("").toAbsolutePath())) {
            here = files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).findFirst()
                    .orElseThrow();
        }
        ContainerSummary noDirectory = container(here, "");

        assertThat(Drift.warnings(List.of(new Drift.Created(noDirectory, Instant.EPOCH)), List.of(), DOCKER_COMPOSE))
                .isEmpty();
    }
}
