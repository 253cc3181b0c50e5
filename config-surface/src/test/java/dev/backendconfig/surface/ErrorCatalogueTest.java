package dev.backendconfig.surface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ResolutionOutcome;
import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.FakeDockerEngine;
import dev.backendconfig.testsupport.FixedProvider;
import dev.backendconfig.testsupport.Recorded;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual's error catalogue ({@code docs/reliability-and-errors.md}) and the codes the library throws are one set:
 * every code written in the main sources is documented, every documented code is in the main sources, and each is
 * thrown by what its row says (the JUnit extension's {@code BCFG05001} by its own test, through the engine).
 */
class ErrorCatalogueTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern ROW = Pattern.compile("^\\| `(BCFG[0-9]{5})` \\|", Pattern.MULTILINE);
    private static final Pattern LITERAL = Pattern.compile("\"(BCFG[0-9]{5})\"");

    @TempDir
    Path repository;

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();
    private FakeDockerEngine engine;

    @BeforeEach
    void aRepositoryWithoutAnEngine() throws IOException {
        Files.createDirectory(repository.resolve(".git"));
        reset();
    }

    private static List<String> documented() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/reliability-and-errors.md"));
        String catalogue = page.substring(page.indexOf("## Errors you can meet"));
        int next = catalogue.indexOf("\n## ");
        catalogue = next < 0 ? catalogue : catalogue.substring(0, next);
        List<String> codes = new ArrayList<>();
        Matcher row = ROW.matcher(catalogue);
        while (row.find()) {
            codes.add(row.group(1));
        }
        return codes;
    }

    private static Map<String, List<Path>> thrownInMainSources() throws IOException {
        Map<String, List<Path>> codes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT, 20)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/"))
                    .filter(path -> !path.toString().contains("/target/")).toList()) {
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    codes.computeIfAbsent(literal.group(1), code -> new ArrayList<>()).add(file);
                }
            }
        }
        return codes;
    }

    @Test
    void everyCodeTheLibraryThrowsIsDocumentedOnceAndEveryDocumentedCodeIsThrown() throws IOException {
        List<String> documented = documented();
        assertThat(documented).as("rows of the catalogue").doesNotHaveDuplicates().isSorted().isNotEmpty();
        assertThat(new TreeSet<>(thrownInMainSources().keySet())).as("codes in the main sources")
                .containsExactlyElementsOf(documented);
    }

    @Test
    void eachCodeIsThrownByWhatItsRowSays() throws IOException {
        Map<String, Function<ErrorCatalogueTest, BackendConfigException>> scenarios = scenarios();
        List<String> documented = new ArrayList<>(documented());
        documented.remove("BCFG05001");
        assertThat(scenarios.keySet()).as("a scenario for every code but the JUnit extension's")
                .containsExactlyElementsOf(documented);
        scenarios.forEach((code, scenario) -> {
            BackendConfigException thrown = scenario.apply(this);
            assertThat(thrown.code()).as("code of %s", thrown).isEqualTo(code);
            assertThat(thrown.toString()).startsWith(thrown.getClass().getName() + " [" + code + "]: ");
            reset();
        });
    }

    @AfterEach
    void reset() {
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            engine = null;
        }
        environment.clear();
        environment.put("DOCKER_HOST", "unix://" + repository.resolve("no-engine.sock"));
        settings.clear();
        try {
            Files.deleteIfExists(repository.resolve(".env.staging.e2e"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Function<ErrorCatalogueTest, BackendConfigException>> scenarios() {
        Map<String, Function<ErrorCatalogueTest, BackendConfigException>> scenarios = new TreeMap<>();
        scenarios.put("BCFG00001", test -> test.failure());
        scenarios.put("BCFG00002", test -> test.failure(ServiceResolver.of(List.of(new FixedProvider("broken", 300,
                context -> {
                    throw new IllegalStateException("a bug");
                })))));
        scenarios.put("BCFG00010", test -> test.withSetting("provders", "env").failure());
        scenarios.put("BCFG00011", test -> test.withSetting("timeout", "soon").failure());
        scenarios.put("BCFG00012", test -> test.failureWithResource("docker.service=\\uZZZZ\n"));
        scenarios.put("BCFG00013", test -> test.withSetting("services", "Front End").failure());
        scenarios.put("BCFG00014", test -> test.withSetting("providers", "nope").failure());
        scenarios.put("BCFG00015", test -> test.failureWithResource("docker.ssh-command=ssh,-oProxyCommand=true\n"));
        scenarios.put("BCFG01000", test -> test.withVariable("DOCKER_HOST", "localhost:2375").failure());
        scenarios.put("BCFG01001", test -> test.withSetting("staging.env-file", ".git").failure());
        scenarios.put("BCFG01002", test -> test.withVariable("TEST_BACKEND_URL", "localhost:8002").failure());
        scenarios.put("BCFG01003", test -> test.withStagingFile("STAGING_BASE_URL\n").failure());
        scenarios.put("BCFG01004", test -> test.withStagingFile("STAGING_BASE_URL=${UNSET_FOR_CATALOGUE:?set it}\n")
                .failure());
        scenarios.put("BCFG02001", test -> test.withVariable("TEST_BACKEND_URL", "http://localhost:8002")
                .withSetting("services", "auth").failure());
        scenarios.put("BCFG03001", test -> test.withEngine(ours('a', "shop", "backend"),
                stopped(ours('b', "shop", "auth"))).withSetting("services", "auth").failure());
        scenarios.put("BCFG03002", test -> test.withEngine(ours('a', "shop", "backend")).withSetting("services", "auth")
                .failure());
        scenarios.put("BCFG03003", test -> test.withEngine(ours('a', "shop", "backend"), ours('b', "shop2", "backend"))
                .failure());
        scenarios.put("BCFG03004", test -> test.withEngine(ours('a', "shop", "api"), ours('b', "shop", "web"))
                .failure());
        scenarios.put("BCFG03005", ErrorCatalogueTest::aStartWithoutAComposeCommand);
        scenarios.put("BCFG03006", ErrorCatalogueTest::aProjectOfThisNameStartedElsewhere);
        scenarios.put("BCFG04001", test -> test.withSetting("staging.env-file", "missing.env").failure());
        scenarios.put("BCFG04002", test -> test.withStagingFile("""
                STAGING_BASE_URL=https://backend-staging.example.test
                STAGING_WEBSOCKET_URL=wss://backend-staging.example.test/ws
                """).withVariable("STAGING_BASE_URL", "https://pr-7.example.test").failure());
        return scenarios;
    }

    /** This repository has a compose file; a project of its name runs, started from another directory's files. */
    private BackendConfigException aProjectOfThisNameStartedElsewhere() {
        try {
            Files.writeString(repository.resolve("compose.yaml"), "services:\n  backend:\n    image: backend\n");
            return withEngine(sameNameStartedElsewhere('c', "backend")).failure();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(repository.resolve("compose.yaml"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code docker.start=if-missing} on an engine that answers, with no compose command on PATH. */
    private BackendConfigException aStartWithoutAComposeCommand() {
        try (FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(repository.resolve("engine.sock"))) {
            engine.answer("/networks", 200, "[]");
            Files.writeString(repository.resolve("compose.yaml"), "services:\n  backend:\n    image: backend\n");
            Path empty = Files.createDirectories(repository.resolve("empty-bin"));
            return withVariable("DOCKER_HOST", engine.dockerHost()).withVariable("PATH", empty.toString())
                    .withSetting("providers", "docker").withSetting("docker.start", "if-missing")
                    .withSetting("docker.lease-dir", repository.resolve("leases").toString()).failure();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(repository.resolve("compose.yaml"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A running container of {@code project}/{@code service}, publishing 8000, started from this repository. */
    private static Function<Path, Map<String, Object>> ours(char id, String project, String service) {
        return repository -> Recorded.startedIn(Recorded.renamed(Recorded.listEntry("alpine-test-backend"),
                String.valueOf(id).repeat(64), service, project + "-" + service + "-1"), repository, project);
    }

    /** A container of a project with this repository's project name, started from another directory's files. */
    private static Function<Path, Map<String, Object>> sameNameStartedElsewhere(char id, String service) {
        return repository -> {
            String project = repository.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9_-]", "");
            return Recorded.startedIn(Recorded.renamed(Recorded.listEntry("alpine-test-backend"),
                    String.valueOf(id).repeat(64), service, project + "-" + service + "-1"),
                    Path.of("/srv/another-checkout"), project);
        };
    }

    private static Function<Path, Map<String, Object>> stopped(Function<Path, Map<String, Object>> container) {
        return repository -> Recorded.exited(container.apply(repository));
    }

    /** Ask a fake engine that runs these containers (of this repository) and nothing else. */
    @SafeVarargs
    private ErrorCatalogueTest withEngine(Function<Path, Map<String, Object>>... containers) {
        try {
            engine = FakeDockerEngine.onUnixSocket(repository.resolve("engine.sock"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Function<Path, Map<String, Object>> container : containers) {
            listed.add(container.apply(repository));
        }
        engine.containers(Recorded.write(listed));
        listed.forEach(container -> engine.inspect(Recorded.id(container), Recorded.text(Recorded.inspection("alpine"))));
        environment.put("DOCKER_HOST", engine.dockerHost());
        return this;
    }

    private ErrorCatalogueTest withSetting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    private ErrorCatalogueTest withVariable(String name, String value) {
        environment.put(name, value);
        return this;
    }

    private ErrorCatalogueTest withStagingFile(String text) {
        try {
            Files.writeString(repository.resolve(".env.staging.e2e"), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    private BackendConfigException failure() {
        return failure(ServiceResolver.create());
    }

    private BackendConfigException failure(ServiceResolver resolver) {
        return failure(resolver, builder());
    }

    private BackendConfigException failureWithResource(String properties) {
        try {
            Path resources = Files.createDirectories(repository.resolve("resources"));
            Files.writeString(resources.resolve("backend-config.properties"), properties);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
                return failure(ServiceResolver.create(), builder().settingsResource(loader));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResolutionContext.Builder builder() {
        return ResolutionContext.builder().workingDirectory(repository).environment(environment)
                .systemProperties(Map.of("user.home", repository.toString())).settings(settings);
    }

    /** Resolve, building the context too, and return the error the outcome holds; fail when there is none. */
    private static BackendConfigException failure(ServiceResolver resolver, ResolutionContext.Builder builder) {
        ResolutionOutcome outcome;
        try {
            outcome = resolver.outcome(builder.build());
        } catch (BackendConfigException e) {
            return e;
        }
        return outcome.<BackendConfigException>fold(found -> {
            throw new AssertionError("expected an error, found " + found);
        }, notFound -> notFound, invalid -> invalid, broken -> broken);
    }

}
