package dev.backendconfig.docker.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ComposeProject;
import dev.backendconfig.docker.internal.compose.ComposeProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which projects on the engine are this checkout's, read from their names and each container's labels: ours by our
 * compose files whatever the name, by name only when the labels say nothing, a clash when the name is ours and the
 * files are not, the repository's rule only for a directory without compose files.
 */
class ProjectOwnershipTest {

    @TempDir
    Path root;

    private Path repository;
    private Path app;

    @BeforeEach
    void repositoryWithAnApp() throws IOException {
        repository = Files.createDirectories(root.resolve("repo"));
        Files.createDirectories(repository.resolve(".git"));
        app = Files.createDirectories(repository.resolve("app"));
        Files.writeString(app.resolve("compose.yaml"), "services:\n  backend:\n    image: backend\n");
    }

    private static ContainerSummary container(char id, String project, String workingDirectory, String configFiles) {
        Map<String, String> labels = new HashMap<>(Map.of("com.docker.compose.project", project,
                "com.docker.compose.service", "backend"));
        if (!workingDirectory.isEmpty()) {
            labels.put("com.docker.compose.project.working_dir", workingDirectory);
        }
        if (!configFiles.isEmpty()) {
            labels.put("com.docker.compose.project.config_files", configFiles);
        }
        return new ContainerSummary(String.valueOf(id).repeat(64), List.of("/" + project + "-backend-1"), labels,
                List.of(), "running", "Up 1 minute", "backend", "", "none", 0);
    }

    private static Optional<ComposeProject> model(Path directory) {
        ResolutionContext context = ResolutionContext.builder().workingDirectory(directory).environment(Map.of())
                .build();
        return ComposeProjects.load(DockerConfig.read(context), ResolutionFacts.of(context)).found();
    }

    private ProjectOwnership.Verdict classify(Path directory, ContainerSummary... containers) {
        return ProjectOwnership.classify(ProjectOwnership.group(List.of(containers)),
                Checkout.of(directory, model(directory).map(ComposeProject::directory)), model(directory));
    }

    private static List<String> ours(ProjectOwnership.Verdict verdict) {
        return verdict.ours().stream().map(owned -> owned.project().name() + ": " + owned.why()).toList();
    }

    @Test
    void ourNameWithLabelsThatSayNothingIsOursByItsNameAsComposeWouldTakeIt() {
        ProjectOwnership.Verdict verdict = classify(app, container('a', "app", "", ""));
        assertThat(ours(verdict)).containsExactly("app: its name is this checkout's project name (the name of the"
                + " project directory " + app + ")");
        assertThat(verdict.clashes()).isEmpty();
        assertThat(verdict.others()).isEmpty();
    }

    @Test
    void anyNameStartedFromOurComposeFileOrInOurProjectDirectoryIsOurs() {
        ProjectOwnership.Verdict byFile = classify(app, container('a', "ci-42", "/elsewhere",
                app.resolve("compose.yaml").toString()));
        assertThat(ours(byFile)).containsExactly("ci-42: it was started from this checkout's "
                + app.resolve("compose.yaml"));

        ProjectOwnership.Verdict byDirectory = classify(app, container('b', "ci-43", app.toString(), ""));
        assertThat(ours(byDirectory)).containsExactly("ci-43: it was started in this checkout's project directory "
                + app);
    }

    @Test
    void ourComposeFileReachedThroughALinkIsStillOurs() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link-to-app"), app);
        ProjectOwnership.Verdict verdict = classify(app, container('a', "linked", "",
                link.resolve("compose.yaml").toString()));
        assertThat(ours(verdict)).containsExactly("linked: it was started from this checkout's "
                + link.resolve("compose.yaml"));
    }

    @Test
    void ourNameStartedFromAnotherCopysFilesIsAClashNeverOurs() {
        ProjectOwnership.Verdict verdict = classify(app, container('a', "app", "/srv/app-copy",
                "/srv/app-copy/compose.yaml"));
        assertThat(verdict.ours()).isEmpty();
        assertThat(verdict.others()).isEmpty();
        assertThat(verdict.clashes()).singleElement().satisfies(clash -> {
            assertThat(clash.project().name()).isEqualTo("app");
            assertThat(clash.why()).isEqualTo("it was started from /srv/app-copy/compose.yaml");
        });

        ProjectOwnership.Verdict byDirectoryOnly = classify(app, container('b', "app", "/srv/app-copy", ""));
        assertThat(byDirectoryOnly.clashes()).singleElement().satisfies(clash -> assertThat(clash.why())
                .isEqualTo("it was started in /srv/app-copy"));
    }

    @Test
    void ourNameWithSomeContainersFromOurFilesAndSomeFromElsewhereIsAClash() {
        ProjectOwnership.Verdict verdict = classify(app,
                container('a', "app", app.toString(), app.resolve("compose.yaml").toString()),
                container('b', "app", "/srv/app-copy", "/srv/app-copy/compose.yaml"));
        assertThat(verdict.ours()).isEmpty();
        assertThat(verdict.clashes()).singleElement().satisfies(clash -> assertThat(clash.why()).isEqualTo(
                "some of its containers were started from this checkout's files, others: it was started from"
                        + " /srv/app-copy/compose.yaml"));
    }

    @Test
    void anotherStackOfThisRepositoryIsNotOursWhenThisDirectoryHasComposeFilesButIsWhenItHasNone() throws IOException {
        Path other = Files.createDirectories(repository.resolve("other"));
        ContainerSummary otherStack = container('a', "other", other.toString(), other.resolve("compose.yaml")
                .toString());

        ProjectOwnership.Verdict fromApp = classify(app, otherStack);
        assertThat(fromApp.ours()).isEmpty();
        assertThat(fromApp.others()).extracting(ProjectOwnership.EngineProject::name).containsExactly("other");

        Path tests = Files.createDirectories(repository.resolve("tests"));
        ProjectOwnership.Verdict fromTests = classify(tests, otherStack);
        assertThat(ours(fromTests)).containsExactly("other: it was started from this checkout's "
                + other.resolve("compose.yaml"));
    }

    @Test
    void withoutComposeFilesOnlyWhereAProjectWasStartedSaysWhoseItIsNeverItsName() throws IOException {
        Path tests = Files.createDirectories(repository.resolve("tests"));
        Path infra = Files.createDirectories(repository.resolve("infra"));
        ProjectOwnership.Verdict inside = classify(tests, container('a', "tests", infra.toString(), ""));
        assertThat(ours(inside)).containsExactly("tests: it was started in this checkout's " + infra);

        ProjectOwnership.Verdict outside = classify(tests, container('b', "tests", "/srv/elsewhere", ""));
        assertThat(outside.ours()).isEmpty();
        assertThat(outside.clashes()).isEmpty();
        assertThat(outside.others()).extracting(ProjectOwnership.EngineProject::name).containsExactly("tests");
    }

    @Test
    void aWorkingDirectoryLabelThatIsNoAbsolutePathSaysNothing() {
        ProjectOwnership.Verdict verdict = classify(app, container('a', "app", "relative/dir", ""));
        assertThat(ours(verdict)).containsExactly("app: its name is this checkout's project name (the name of the"
                + " project directory " + app + ")");
    }

    @Test
    void aProjectOfAnotherNameWithNothingOfOursIsAnothersAndItsDescriptionSaysWhereItRuns() {
        ProjectOwnership.Verdict verdict = classify(app, container('a', "shop", "/srv/shop", "/srv/shop/compose.yaml"),
                stoppedContainer('b', "shop"));
        assertThat(verdict.ours()).isEmpty();
        assertThat(verdict.others()).singleElement().satisfies(project -> {
            assertThat(project.anyRunning()).isTrue();
            assertThat(project.describe()).isEqualTo("shop (started from /srv/shop/compose.yaml; running: backend;"
                    + " not running: worker)");
        });
    }

    private static ContainerSummary stoppedContainer(char id, String project) {
        return new ContainerSummary(String.valueOf(id).repeat(64), List.of("/" + project + "-worker-1"), Map.of(
                "com.docker.compose.project", project, "com.docker.compose.service", "worker"), List.of(), "exited",
                "Exited (0) 1 minute ago", "worker", "", "none", 0);
    }

    private static ContainerSummary service(char id, String project, String service, boolean running) {
        return new ContainerSummary(String.valueOf(id).repeat(64), List.of(project + "-" + service + "-1"), Map.of(
                "com.docker.compose.project", project, "com.docker.compose.service", service), List.of(),
                running ? "running" : "exited", "", service, "", "none", 0);
    }

    @Test
    void aProjectWhoseLabelsSayLittleIsDescribedByItsDirectoryOrAsStartedInAnUnknownOne() {
        ProjectOwnership.EngineProject unknown = new ProjectOwnership.EngineProject("shop",
                List.of(container('a', "shop", "", "")));
        assertThat(unknown.startedFrom()).isEqualTo("an unknown directory");
        ProjectOwnership.EngineProject inDirectory = new ProjectOwnership.EngineProject("shop",
                List.of(container('a', "shop", "/srv/shop", "")));
        assertThat(inDirectory.describe()).isEqualTo("shop (started from /srv/shop; running: backend)");
    }

    @Test
    void aProjectsDescriptionNamesEachServiceOnceRunningBeforeNotRunningAndAtMostFiveOfEach() {
        ProjectOwnership.EngineProject project = new ProjectOwnership.EngineProject("shop", List.of(
                service('a', "shop", "api", true), service('b', "shop", "api", false), service('c', "shop", "api",
                        true), service('d', "shop", "s1", true), service('e', "shop", "s2", true),
                service('f', "shop", "s3", true), service('0', "shop", "s4", true), service('1', "shop", "s5", true),
                service('2', "shop", "w1", false), service('3', "shop", "w1", false)));
        assertThat(project.describe()).isEqualTo("shop (started from an unknown directory; running: api, s1, s2, s3,"
                + " s4, and 1 more; not running: w1)");
        ProjectOwnership.EngineProject stopped = new ProjectOwnership.EngineProject("shop", List.of(
                service('a', "shop", "api", false)));
        assertThat(stopped.anyRunning()).isFalse();
        assertThat(stopped.describe()).isEqualTo("shop (started from an unknown directory; not running: api)");
    }

    @Test
    void ourNameStartedFromOurComposeFileIsOursForBothReasons() {
        ProjectOwnership.Verdict verdict = classify(app, container('a', "app", app.toString(),
                app.resolve("compose.yaml").toString()), container('b', "app", app.toString(), ""));
        assertThat(ours(verdict)).containsExactly("app: its name is this checkout's project name (the name of the"
                + " project directory " + app + ") and it was started from this checkout's "
                + app.resolve("compose.yaml"));
        assertThat(verdict.clashes()).isEmpty();
    }

    @Test
    void aNameGivenWithoutComposeFilesIsOursWithWhereInTheCheckoutItWasStarted() throws IOException {
        Path tests = Files.createDirectories(repository.resolve("tests"));
        Path infra = Files.createDirectories(repository.resolve("infra"));
        ResolutionContext context = ResolutionContext.builder().workingDirectory(tests)
                .environment(Map.of("COMPOSE_PROJECT_NAME", "shop")).build();
        Optional<ComposeProject> named = ComposeProjects.load(DockerConfig.read(context), ResolutionFacts.of(context))
                .found();
        assertThat(named).isPresent();
        ProjectOwnership.Verdict verdict = ProjectOwnership.classify(ProjectOwnership.group(List.of(
                container('a', "shop", infra.toString(), ""))), Checkout.of(tests, Optional.empty()), named);
        assertThat(ours(verdict)).containsExactly("shop: its name is this checkout's project name ("
                + named.get().nameReason() + ") and it was started in this checkout's " + infra);

        ProjectOwnership.Verdict nothingSaid = ProjectOwnership.classify(ProjectOwnership.group(List.of(
                container('a', "shop", "", ""))), Checkout.of(tests, Optional.empty()), named);
        assertThat(ours(nothingSaid)).containsExactly("shop: its name is this checkout's project name ("
                + named.get().nameReason() + ")");

        ProjectOwnership.Verdict elsewhere = ProjectOwnership.classify(ProjectOwnership.group(List.of(
                container('a', "shop", "/srv/elsewhere", ""))), Checkout.of(tests, Optional.empty()), named);
        assertThat(elsewhere.ours()).isEmpty();
        assertThat(elsewhere.clashes()).singleElement().satisfies(clash -> assertThat(clash.why())
                .isEqualTo("it was started in /srv/elsewhere"));
    }

    @Test
    void aClashNamesAtMostThreeOfTheFilesItWasStartedFrom() {
        ProjectOwnership.Verdict verdict = classify(app, container('a', "app", "/srv/copy",
                "/srv/copy/a.yaml,/srv/copy/b.yaml,/srv/copy/c.yaml,/srv/copy/d.yaml,/srv/copy/e.yaml"));
        assertThat(verdict.clashes()).singleElement().satisfies(clash -> assertThat(clash.why()).isEqualTo(
                "it was started from /srv/copy/a.yaml, /srv/copy/b.yaml, /srv/copy/c.yaml, and 2 more"));
        assertThat(verdict.clashes().get(0).project().startedFrom()).isEqualTo("/srv/copy/a.yaml, /srv/copy/b.yaml,"
                + " /srv/copy/c.yaml, and 2 more");
    }

    @Test
    void anotherExistingFileBesideOursIsNotOurs() throws IOException {
        Path copy = Files.createDirectories(root.resolve("copy"));
        Files.writeString(copy.resolve("compose.yaml"), "services:\n  backend:\n    image: backend\n");
        ProjectOwnership.Verdict verdict = classify(app, container('a', "copy", copy.toString(),
                copy.resolve("compose.yaml").toString()));
        assertThat(verdict.ours()).isEmpty();
        assertThat(verdict.others()).extracting(ProjectOwnership.EngineProject::name).containsExactly("copy");
    }

    @Test
    void ourNameStartedFromAnotherComposeFileOfThisRepositoryIsAClashNeverOurs() throws IOException {
        Path other = Files.createDirectories(repository.resolve("other"));
        ProjectOwnership.Verdict verdict = classify(app, container('a', "app", other.toString(),
                other.resolve("compose.yaml").toString()));
        assertThat(verdict.ours()).isEmpty();
        assertThat(verdict.clashes()).singleElement().satisfies(clash -> assertThat(clash.why())
                .isEqualTo("it was started from " + other.resolve("compose.yaml")));
    }

    @Test
    void aLabelNamingExactlyOurComposeFileIsOursWithoutTheFileBeingAskedFor() throws IOException {
        Optional<ComposeProject> model = model(app);
        Files.delete(app.resolve("compose.yaml")); // moved away after the stack was started
        ProjectOwnership.Verdict verdict = ProjectOwnership.classify(ProjectOwnership.group(List.of(container('a',
                "ci-42", "/elsewhere", app.resolve("compose.yaml").toString()))), Checkout.of(app, Optional.of(app)),
                model);
        assertThat(ours(verdict)).containsExactly("ci-42: it was started from this checkout's "
                + app.resolve("compose.yaml"));
    }

    @Test
    void projectsAreGroupedByNameInTheEnginesOrder() {
        List<ProjectOwnership.EngineProject> projects = ProjectOwnership.group(List.of(container('a', "b", "", ""),
                container('b', "a", "", ""), container('c', "b", "", "")));
        assertThat(projects).extracting(ProjectOwnership.EngineProject::name).containsExactly("b", "a");
        assertThat(projects.get(0).containers()).extracting(ContainerSummary::id)
                .containsExactly("a".repeat(64), "c".repeat(64));
    }
}
