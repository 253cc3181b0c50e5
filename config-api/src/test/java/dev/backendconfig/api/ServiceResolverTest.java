package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.FixedProvider;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ServiceResolverTest {

    private static FixedProvider finding(String id, int priority, String http) {
        return new FixedProvider(id, priority, context -> ProviderResult.found(ServiceEndpoint.builder(id)
                .http(URI.create(http), Origin.other("test " + id)).build(), id + " knows it"));
    }

    private static FixedProvider skipping(String id, int priority) {
        return new FixedProvider(id, priority, context -> ProviderResult.skipped("nothing configured for " + id));
    }

    private static ResolutionContext context(Map<String, String> settings) {
        return ResolutionContext.builder().settings(settings).build();
    }

    @Test
    void aProviderSlowerThanTwoSecondsIsLoggedAtInfoWhileItIsAwaited() {
        FixedProvider slow = new FixedProvider("slow", 300, context -> {
            try {
                Thread.sleep(2_400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProviderResult.found(ServiceEndpoint.builder("slow").http(URI.create("http://localhost:8002"),
                    Origin.other("test slow")).build(), "slow knows it");
        });
        RecordingLogs.clear();
        ServiceResolver.of(List.of(slow)).resolve(context(Map.of("timeout", "10s")));
        assertThat(RecordingLogs.events(Level.INFO)).filteredOn(event -> event.logger().endsWith("ProviderRunner"))
                .singleElement().satisfies(event -> assertThat(event.message())
                        .startsWith("still asking provider slow: 2 s so far, at most ")
                        .endsWith(" s more (what is left of setting timeout)"));
    }

    @Test
    void aProviderThatAnswersWithinTwoSecondsIsNotLoggedAsAwaited() {
        RecordingLogs.clear();
        ServiceResolver.of(List.of(finding("quick", 300, "http://localhost:8002"))).resolve(context(Map.of()));
        assertThat(RecordingLogs.events(Level.INFO)).noneMatch(event -> event.logger().endsWith("ProviderRunner"));
    }

    @Test
    void aResolutionAskedOnAnInterruptedThreadStopsSayingSoAndKeepsTheInterrupt() {
        FixedProvider env = new FixedProvider("env", 300, context -> {
            try {
                Thread.sleep(10_000); // still working when the resolution is interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProviderResult.skipped("interrupted");
        });
        Thread.currentThread().interrupt();
        Throwable thrown;
        try {
            thrown = catchThrowable(() -> ServiceResolver.of(List.of(env)).resolve(context(Map.of())));
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(thrown).isInstanceOf(ProviderFailedException.class)
                .hasMessageContaining("resolution was interrupted while asking it");
    }

    @Test
    void eachProvidersTimeIsPartOfTheResolutionsTime() {
        Resolution resolution = ServiceResolver.of(List.of(skipping("env", 300), finding("docker", 200,
                "http://localhost:8002"))).resolve(context(Map.of()));
        for (String provider : List.of("env", "docker")) {
            assertThat(resolution.report().line(provider).orElseThrow().elapsed())
                    .isBetween(Duration.ZERO, resolution.report().elapsed());
        }
    }

    @Test
    void aProviderWhoseHintIsNullOrThrowsGivesNoNextStep() {
        FixedProvider silent = new FixedProvider("silent", 300, context -> ProviderResult.skipped("nothing here")) {
            @Override
            public String hint() {
                return null;
            }
        };
        FixedProvider broken = new FixedProvider("broken", 250, context -> ProviderResult.skipped("nothing there")) {
            @Override
            public String hint() {
                throw new IllegalStateException("no hint today");
            }
        };
        assertThatThrownBy(() -> ServiceResolver.of(List.of(silent, broken, skipping("docker", 200)))
                .resolve(context(Map.of())))
                .isInstanceOf(ServiceNotFoundException.class)
                .hasMessageContaining("What to do next:\n  - docker: configure docker\n  - run the explain command")
                .hasMessageNotContaining("- silent").hasMessageNotContaining("- broken")
                .hasMessageNotContaining("null").hasMessageNotContaining("no hint today");
    }

    @Test
    void asksHighestPriorityFirstAndStopsAtTheFirstFound() {
        FixedProvider env = skipping("env", 300);
        FixedProvider docker = finding("docker", 200, "http://localhost:8002");
        FixedProvider staging = finding("staging", 100, "https://staging.example.test");
        Resolution resolution = ServiceResolver.of(List.of(staging, docker, env)).resolve(context(Map.of()));
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(resolution.report().lines()).extracting(ResolutionReport.Line::provider, ResolutionReport.Line::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("env", Outcome.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("docker", Outcome.FOUND),
                        org.assertj.core.groups.Tuple.tuple("staging", Outcome.NOT_ASKED));
        assertThat(staging.calls()).isZero();
    }

    @Test
    void theProvidersSettingReordersAndLeavesOut() {
        FixedProvider env = finding("env", 300, "http://localhost:8000");
        FixedProvider docker = finding("docker", 200, "http://localhost:8002");
        FixedProvider staging = finding("staging", 100, "https://staging.example.test");
        Resolution resolution = ServiceResolver.of(List.of(env, docker, staging))
                .resolve(context(Map.of("providers", "staging,docker")));
        assertThat(resolution.endpoint().source()).isEqualTo("staging");
        assertThat(resolution.report().line("env").orElseThrow().outcome()).isEqualTo(Outcome.EXCLUDED);
        assertThat(resolution.report().line("docker").orElseThrow().outcome()).isEqualTo(Outcome.NOT_ASKED);
        assertThat(env.calls()).isZero();
    }

    @Test
    void aProvidersSettingWhenNoProviderIsLoadedSaysNoneIs() {
        assertThatThrownBy(() -> ServiceResolver.of(List.of()).resolve(context(Map.of("providers", "env"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("names, as entry 1, a provider that is not loaded; loaded providers are none");
    }

    @Test
    void aProvidersSettingThatNamesNoProviderAsksEveryProviderByPriority() {
        Resolution resolution = ServiceResolver.of(List.of(finding("staging", 100, "https://staging.example.test"),
                finding("docker", 200, "http://localhost:8002"))).resolve(context(Map.of("providers", " , ")));
        assertThat(resolution.endpoint().source()).isEqualTo("docker");
    }

    @Test
    void aProvidersSettingNamingAnUnknownProviderIsAnError() {
        ServiceResolver resolver = ServiceResolver.of(List.of(skipping("env", 300), skipping("docker", 200)));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of("providers", "env,dokcer"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("setting providers given to ResolutionContext.Builder.settings: names, as entry 2, a provider"
                        + " that is not loaded; loaded providers are env, docker; did you mean 'docker'?");
        assertThatThrownBy(() -> resolver.resolve(context(Map.of("providers", "env,docker,hunter2"))))
                .hasMessageEndingWith("names, as entry 3, a provider that is not loaded; loaded providers are env, docker;"
                        + " a provider is loaded when its module (or your class, listed in META-INF/services/"
                        + "dev.backendconfig.api.spi.EndpointProvider) is on the test classpath")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void nothingFoundThrowsWithTheWholeReportAndWhatToDoNext() {
        ServiceResolver resolver = ServiceResolver.of(List.of(skipping("env", 300),
                new FixedProvider("docker", 200, c -> ProviderResult.unavailable("engine at unix:///var/run/docker.sock"
                        + " refused the connection")),
                skipping("staging", 100)));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of())))
                .isInstanceOf(ServiceNotFoundException.class)
                .hasMessageContaining("No backend found.\nbackend: none found (3 providers asked, ")
                .hasMessageContaining("  env      300  skipped      nothing configured for env")
                .hasMessageContaining("  docker   200  unavailable  engine at unix:///var/run/docker.sock refused the connection")
                .hasMessageContaining("  staging  100  skipped      nothing configured for staging")
                .hasMessageContaining("What to do next:\n  - env: configure env\n  - docker: configure docker\n  - staging: configure staging\n");
    }

    @Test
    void aTestsFailureEndsWithTheExplainStepAndAToolThatShowsTheReportLeavesOnlyTheProvidersSteps() {
        ServiceResolver resolver = ServiceResolver.of(List.of(skipping("env", 300), skipping("staging", 100)));
        ServiceNotFoundException failure = (ServiceNotFoundException) resolver.outcome(context(Map.of()));
        String explain = "run the explain command of config-cli in the project directory to see this report again"
                + " without running the tests";
        assertThat(failure.nextSteps()).containsExactly("env: configure env", "staging: configure staging", explain);
        assertThat(failure.getMessage()).endsWith("What to do next:\n  - env: configure env\n  - staging: configure"
                + " staging\n  - " + explain + "\n");

        ServiceNotFoundException shown = failure.withoutExplainStep();
        assertThat(shown.nextSteps()).containsExactly("env: configure env", "staging: configure staging");
        assertThat(shown.getMessage()).isEqualTo(failure.getMessage().replace("  - " + explain + "\n", ""));
        assertThat(shown.report()).isSameAs(failure.report());
        assertThat(shown.withoutExplainStep()).isSameAs(shown);
        assertThat(((ServiceNotFoundException) shown.repeated()).nextSteps()).doesNotContain(explain);
        assertThat(((ServiceNotFoundException) failure.repeated()).nextSteps()).endsWith(explain);
    }

    @Test
    void explicitButBrokenConfigurationStopsResolutionNamingTheProvider() {
        FixedProvider staging = finding("staging", 100, "https://staging.example.test");
        ServiceResolver resolver = ServiceResolver.of(List.of(new FixedProvider("env", 300, c -> {
            throw new InvalidInputException(Origin.variable("BACKEND_URL"), "expected a URL, got junk");
        }), staging));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("variable BACKEND_URL: expected a URL, got junk\nResolution stopped at provider env")
                .hasMessageContaining("  env      300  invalid      variable BACKEND_URL: expected a URL, got junk")
                .hasMessageContaining("  staging  100  not asked    resolution stopped at env")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).providerId()).contains("env"));
        assertThat(staging.calls()).isZero();
    }

    @Test
    void aProviderThatThrowsStopsTheResolutionSoThatNoLaterProviderAnswersSilently() {
        FixedProvider staging = finding("staging", 100, "https://staging.example.test");
        ServiceResolver resolver = ServiceResolver.of(List.of(
                new FixedProvider("flaky", 300, c -> {
                    throw new IllegalStateException("cannot reach http://admin:pw@10.9.9.9/x");
                }), staging));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of())))
                .isInstanceOf(ProviderFailedException.class)
                .hasMessageStartingWith("Provider flaky failed: threw IllegalStateException: cannot reach"
                        + " http://***@10.9.9.9/x\nResolution stopped: the providers after it were not asked")
                .hasMessageContaining("(please report it); to resolve without it, leave it out with setting providers")
                .hasMessageContaining("  flaky    300  failed       threw IllegalStateException: cannot reach"
                        + " http://***@10.9.9.9/x")
                .hasMessageContaining("  staging  100  not asked    resolution stopped at flaky")
                .hasMessageNotContaining("admin:pw")
                .satisfies(e -> assertThat(((ProviderFailedException) e).providerId()).isEqualTo("flaky"));
        assertThat(staging.calls()).isZero();
    }

    @Test
    void aProviderThatHangsIsLeftWhenTheBudgetRunsOut() {
        FixedProvider hanging = new FixedProvider("hanging", 300, c -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProviderResult.skipped("woke up");
        });
        FixedProvider staging = finding("staging", 100, "https://staging.example.test");
        ServiceResolver resolver = ServiceResolver.of(List.of(hanging, staging));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of("timeout", "300ms"))))
                .isInstanceOf(ServiceNotFoundException.class)
                .satisfies(e -> {
                    ResolutionReport report = ((ServiceNotFoundException) e).report();
                    assertThat(report.line("hanging").orElseThrow().reason())
                            .startsWith("did not answer within the ").endsWith(" left of the time budget (setting timeout);"
                                    + " stopped");
                    assertThat(report.line("staging").orElseThrow().outcome()).isEqualTo(Outcome.NOT_ASKED);
                    assertThat(report.line("staging").orElseThrow().reason())
                            .isEqualTo("the time budget (setting timeout = 300 ms) was used up");
                    assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(5));
                });
    }

    @Test
    void aProviderThatExtendsItsBudgetForAStepOfItsOwnIsWaitedForBeyondSettingTimeout() {
        FixedProvider starting = new FixedProvider("starting", 300, context -> {
            context.extendBudget(Duration.ofSeconds(5));
            try {
                Thread.sleep(1200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ProviderResult.skipped("interrupted");
            }
            return ProviderResult.found(ServiceEndpoint.builder("starting").http(URI.create("http://localhost:8002"),
                    Origin.other("test")).build(), "started it");
        });
        Resolution resolution = ServiceResolver.of(List.of(starting)).resolve(context(Map.of("timeout", "400ms")));
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://localhost:8002"));
        assertThat(resolution.report().line("starting").orElseThrow().reason()).isEqualTo("started it");
    }

    @Test
    void anExtensionNeverShortensTheBudget() {
        ResolutionContext context = context(Map.of("timeout", "10s"));
        context.extendBudget(Duration.ofMillis(1));
        assertThat(context.remaining()).isGreaterThan(Duration.ofSeconds(9));
    }

    @Test
    void anEndpointWhoseSourceIsNotTheProviderIdIsRefused() {
        FixedProvider liar = new FixedProvider("liar", 300, c -> ProviderResult.found(ServiceEndpoint.builder("env")
                .http(URI.create("http://h"), Origin.other("x")).build(), "claims to be env"));
        ServiceResolver resolver = ServiceResolver.of(List.of(liar, finding("staging", 100, "https://s.example.test")));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of())))
                .isInstanceOf(ProviderFailedException.class)
                .hasMessageStartingWith("Provider liar failed: returned an endpoint whose source is 'env' instead of its"
                        + " id");
    }

    @Test
    void duplicateIdsKeepTheFirstAndReportTheSecond() {
        Resolution resolution = ServiceResolver.of(List.of(finding("env", 300, "http://first"),
                finding("env", 250, "http://second"))).resolve(context(Map.of()));
        assertThat(resolution.endpoint().http()).isEqualTo(URI.create("http://first"));
        assertThat(resolution.report().lines()).anySatisfy(line -> {
            assertThat(line.outcome()).isEqualTo(Outcome.NOT_LOADED);
            assertThat(line.reason()).isEqualTo("id 'env' is already used by " + FixedProvider.class.getName()
                    + ", which was loaded first");
        });
    }

    @Test
    void cachesNothingEveryResolutionAsksAgain() {
        FixedProvider env = finding("env", 300, "http://localhost:8002");
        ServiceResolver resolver = ServiceResolver.of(List.of(env));
        resolver.resolve(context(Map.of()));
        resolver.resolve(context(Map.of()));
        assertThat(env.calls()).isEqualTo(2);
    }

    @Test
    void whatABrokenProviderThrewIsMaskedInItsStackTraceAndInTheDebugLogButKeepsItsClassNames() {
        RecordingLogs.clear();
        IllegalArgumentException root = new IllegalArgumentException("Illegal character in authority at index 7:"
                + " http://admin:s3/cr3t@host x");
        ServiceResolver resolver = ServiceResolver.of(List.of(new FixedProvider("flaky", 300, c -> {
            throw new IllegalStateException("cannot parse token=s3/cr3t\n[WARN] forged line", root);
        })));
        Throwable thrown = catchThrowable(() -> resolver.resolve(context(Map.of())));
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("s3/cr3t")
                .contains("Caused by: java.lang.IllegalStateException: cannot parse token=***\\n[WARN] forged line")
                .contains("Caused by: java.lang.IllegalArgumentException: Illegal character in authority at index 7:"
                        + " http://***@host x")
                .contains("at dev.backendconfig.api.ServiceResolverTest");
        assertThat(thrown.getMessage().lines()).noneMatch(line -> line.startsWith("[WARN]"));
        assertThat(RecordingLogs.events(Level.DEBUG)).anySatisfy(event -> assertThat(event.thrown())
                .contains("java.lang.IllegalStateException: cannot parse token=***")
                .contains("java.lang.IllegalArgumentException"));
        assertThat(RecordingLogs.text()).doesNotContain("s3/cr3t");
    }

    @Test
    void textFromAProviderIsRenderedOnOneLineSoThatNoLineCanBeForged() {
        String forged = "found it\n[WARN] forged line\u001b[2J\r\u009b31m";
        ServiceResolver resolver = ServiceResolver.of(List.of(
                new FixedProvider("odd\nid", 300, c -> ProviderResult.skipped(forged).withNotes(List.of(forged))),
                new FixedProvider("env", 200, c -> ProviderResult.found(ServiceEndpoint.builder("env")
                        .http(URI.create("http://localhost:8002"), Origin.other("container x\n[WARN] y")).build(),
                        forged))));
        String report = resolver.resolve(context(Map.of())).report().render();
        assertThat(report.lines()).hasSize(6).noneMatch(line -> line.strip().startsWith("[WARN]"));
        assertThat(report).doesNotContain("\u001b", "\r", "\u009b")
                .contains("  odd\\nid  300  skipped      found it\\n[WARN] forged line\\u001b[2J\\r\\u009b31m")
                .contains("http: container x\\n[WARN] y");
    }

    @Test
    void theReportOfAResolutionThatStoppedOnASettingNeverShowsThatSettingsValue() {
        Setting<String> url = Setting.text("acme.url", null, "Where acme is.");
        ServiceResolver resolver = ServiceResolver.of(List.of(new EndpointProvider() {
            @Override
            public String id() {
                return "acme";
            }

            @Override
            public int priority() {
                return 300;
            }

            @Override
            public ProviderResult resolve(ResolutionContext context) {
                throw new InvalidInputException(context.settings().origin(url), "is not a URL");
            }

            @Override
            public List<Setting<?>> settings() {
                return List.of(url);
            }
        }));
        Throwable thrown = catchThrowable(() -> resolver.resolve(context(Map.of("acme.url", "hunter2",
                "probe.http-path", "/health"))));
        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("  setting acme.url=(the value found invalid; not shown) (given to"
                        + " ResolutionContext.Builder.settings)")
                .hasMessageContaining("  setting probe.http-path=/health (given to ResolutionContext.Builder.settings)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void logsOneInfoLineWithTheMaskedEndpointAndTheReportAtDebug() {
        RecordingLogs.clear();
        ServiceResolver.of(List.of(finding("env", 300, "http://user:hunter2@localhost:8002"))).resolve(context(Map.of()));
        List<RecordingLogs.Event> info = RecordingLogs.events(Level.INFO).stream()
                .filter(event -> event.logger().equals(ServiceResolver.class.getName())).toList();
        assertThat(info).singleElement().extracting(RecordingLogs.Event::message).asString()
                .startsWith("backend: http://***@localhost:8002 ws://***@localhost:8002 (from env: env knows it, ");
        assertThat(RecordingLogs.text()).doesNotContain("hunter2");
    }

    @Test
    void aSettingOfAProviderThatIsNotLoadedIsAnErrorSayingSo() {
        ServiceResolver resolver = ServiceResolver.of(List.of(finding("env", 300, "http://localhost:8002")));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of("docker.service", "backend"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("setting docker.service given to ResolutionContext.Builder.settings: setting 'docker.service'"
                        + " has no effect: no provider 'docker' is on the classpath (loaded: env); add the module that"
                        + " provides it as a test dependency, or remove the setting");
    }

    @Test
    void aProviderThatStaysBlockedPastTheGraceIsReportedAsStillRunning() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FixedProvider stubborn = new FixedProvider("stubborn", 300, c -> {
            while (true) {
                try {
                    release.await();
                    return ProviderResult.skipped("released");
                } catch (InterruptedException ignored) {
                    // a badly written provider that swallows the interrupt
                }
            }
        });
        try {
            assertThatThrownBy(() -> ServiceResolver.of(List.of(stubborn)).resolve(context(Map.of("timeout", "100ms"))))
                    .isInstanceOf(ServiceNotFoundException.class)
                    .hasMessageContaining("left of the time budget (setting timeout); interrupted, and still running");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSplitEndpointIsAllowedAndNoted() {
        FixedProvider staging = new FixedProvider("staging", 100, c -> ProviderResult.found(ServiceEndpoint.builder("staging")
                .http(URI.create("https://api.example.test"), Origin.other("a"))
                .webSocket(URI.create("wss://ws.example.test/ws"), Origin.other("b")).build(), "file"));
        Resolution resolution = ServiceResolver.of(List.of(staging)).resolve(context(Map.of()));
        assertThat(resolution.report().line("staging").orElseThrow().notes()).containsExactly(
                "HTTP and WebSocket URLs point to different hosts or ports (api.example.test:443 and ws.example.test:443)");
    }

    @Test
    void theOutcomeHoldsTheErrorInsteadOfThrowingItAndFoldCallsExactlyTheMatchingFunction() {
        ResolutionOutcome notFound = ServiceResolver.of(List.of(skipping("env", 300))).outcome(context(Map.of()));
        assertThat(notFound).isInstanceOf(ServiceNotFoundException.class);
        assertThat(notFound.report().line("env").orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(notFound.<String>fold(found -> "found", missing -> "not found", invalid -> "invalid",
                broken -> "broken")).isEqualTo("not found");
        assertThatThrownBy(notFound::orElseThrow).isSameAs(notFound);

        ResolutionOutcome found = ServiceResolver.of(List.of(finding("env", 300, "http://localhost:8002")))
                .outcome(context(Map.of()));
        assertThat(found.orElseThrow()).isSameAs(found);
        assertThat(found.<String>fold(resolution -> resolution.endpoint().source(), missing -> "not found",
                invalid -> "invalid", broken -> "broken")).isEqualTo("env");

        ResolutionOutcome invalid = ServiceResolver.of(List.of(skipping("env", 300)))
                .outcome(context(Map.of("providers", "nope")));
        assertThat(invalid.<String>fold(resolution -> "found", missing -> "not found", wrong -> wrong.code(),
                broken -> "broken")).isEqualTo("BCFG00014");
        assertThat(invalid.report().lines()).as("it ended before any provider was asked").isEmpty();

        ResolutionOutcome broken = ServiceResolver.of(List.of(new FixedProvider("env", 300, context -> {
            throw new IllegalStateException("a bug");
        }))).outcome(context(Map.of()));
        assertThat(broken.<String>fold(resolution -> "found", missing -> "not found", wrong -> "invalid",
                failed -> failed.code() + " " + failed.providerId())).isEqualTo("BCFG00002 env");
    }

    @Test
    void everyErrorIsABackendConfigExceptionWithItsCodeShownByToString() {
        Throwable thrown = catchThrowable(() -> ServiceResolver.of(List.of(skipping("env", 300)))
                .resolve(context(Map.of())));
        assertThat(thrown).isInstanceOf(BackendConfigException.class);
        assertThat(((BackendConfigException) thrown).code()).isEqualTo("BCFG00001");
        assertThat(((BackendConfigException) thrown).summary()).isEqualTo("env skipped");
        assertThat(thrown.toString()).startsWith("dev.backendconfig.api.ServiceNotFoundException [BCFG00001]: No backend"
                + " found.\n");
        assertThat(((BackendConfigException) thrown).repeated()).isInstanceOf(ServiceNotFoundException.class)
                .hasMessage("No backend found (see the first failure in this run for the whole report, or run"
                        + " explain): env skipped");
    }

    @Test
    void aProviderAnsweringForSomeServicesIsJudgedByTheResolverAloneAgainstWhatIsRequired() {
        FixedProvider backendOnly = new FixedProvider("local", 300, context -> ProviderResult.services()
                .found(ServiceEndpoint.builder("local").http(URI.create("http://localhost:8002"), Origin.other("t"))
                        .build(), "knows the backend")
                .missing("auth", "has no auth").result("asked"));
        assertThat(backendOnly.resolve(context(Map.of("services", "auth")))).as("what the provider answers")
                .isInstanceOfSatisfying(ProviderResult.Found.class, found -> assertThat(found.missing())
                        .containsExactly(Map.entry("auth", "has no auth")));
        assertThat(ServiceResolver.of(List.of(backendOnly)).outcome(context(Map.of("services", "auth"))).report()
                .line("local").orElseThrow().outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(ServiceResolver.of(List.of(backendOnly)).resolve(context(Map.of("services", "auth",
                "services.auth.required", "false"))).report().line("local").orElseThrow().outcome())
                .isEqualTo(Outcome.FOUND);
    }
}
