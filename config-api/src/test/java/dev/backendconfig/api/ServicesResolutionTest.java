package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.ResolutionReport.ServiceLine;
import dev.backendconfig.api.internal.DeclaredServices;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.testsupport.FixedProvider;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several services, one environment: what the resolver makes of providers that find all, some or none of them. */
class ServicesResolutionTest {

    private static ServiceEndpoint endpoint(String source, String service, String http) {
        return ServiceEndpoint.builder(source).service(service).http(URI.create(http), Origin.other(source + " " + service))
                .build();
    }

    /** A provider that finds exactly the services named in {@code has}, at port 8000 + index. */
    private static FixedProvider providing(String id, int priority, Set<String> has) {
        return new FixedProvider(id, priority, context -> {
            ProviderResult.Services answer = ProviderResult.services();
            for (Service service : context.services()) {
                if (has.contains(service.name())) {
                    answer.found(endpoint(id, service.name(), "http://" + id + "-" + service.name() + ".test"),
                            id + " knows " + service.name());
                } else {
                    answer.missing(service.name(), id + " has no " + service.name());
                }
            }
            return answer.result(id + " asked");
        });
    }

    private static ResolutionContext context(Map<String, String> settings) {
        return ResolutionContext.builder().settings(settings).build();
    }

    @Test
    void theFirstProviderThatFindsEveryRequiredServiceWinsAndTheOthersAreFromTheSameProvider() {
        FixedProvider partial = providing("local", 300, Set.of("backend"));
        FixedProvider complete = providing("staging", 100, Set.of("backend", "auth", "frontend"));
        Resolution resolution = ServiceResolver.of(List.of(partial, complete))
                .resolve(context(Map.of("services", "auth,frontend")));
        assertThat(resolution.services()).containsOnlyKeys("backend", "auth", "frontend");
        assertThat(resolution.services().values()).extracting(ServiceEndpoint::source).containsOnly("staging");
        assertThat(resolution.service("auth").http()).isEqualTo(URI.create("http://staging-auth.test"));
        ResolutionReport.Line local = resolution.report().line("local").orElseThrow();
        assertThat(local.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(local.reason()).isEqualTo("local asked; lacks required services auth, frontend");
        assertThat(local.services()).extracting(ServiceLine::service, ServiceLine::found, ServiceLine::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("backend", true, "local knows backend"),
                        org.assertj.core.groups.Tuple.tuple("auth", false, "local has no auth"),
                        org.assertj.core.groups.Tuple.tuple("frontend", false, "local has no frontend"));
    }

    @Test
    void theReportShowsEveryServiceUnderEachProviderAndEveryEndpointInTheHeadline() {
        Resolution resolution = ServiceResolver.of(List.of(providing("local", 300, Set.of("backend")),
                providing("staging", 100, Set.of("backend", "auth")))).resolve(context(Map.of("services", "auth")));
        String text = resolution.report().render();
        assertThat(text).startsWith("backend: http://staging-backend.test  ws://staging-backend.test  (from staging, ")
                .contains("\nauth:    http://staging-auth.test  ws://staging-auth.test\n")
                .contains("  local    300  partial      local asked; lacks required service auth")
                .contains("\n                             backend: local knows backend\n"
                        + "                               http: local backend\n"
                        + "                               websocket: derived from the HTTP URL (local backend)\n"
                        + "                             auth (not found): local has no auth\n")
                .contains("  staging  100  found        staging asked");
    }

    @Test
    void anOptionalServiceMayBeMissingAndTheReportSaysSo() {
        Resolution resolution = ServiceResolver.of(List.of(providing("local", 300, Set.of("backend", "auth"))))
                .resolve(context(Map.of("services", "auth,frontend", "services.frontend.required", "false")));
        assertThat(resolution.services()).containsOnlyKeys("backend", "auth");
        assertThat(resolution.findService("frontend")).isEmpty();
        assertThatThrownBy(() -> resolution.service("frontend")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("service frontend is optional and was not found by local, which found the"
                        + " backend; the report says why:");
        assertThat(resolution.report().line("local").orElseThrow().notes())
                .contains("optional service frontend was not found: local has no frontend");
    }

    @Test
    void anUnknownServiceNameIsAClearErrorListingTheDeclaredOnes() {
        Resolution resolution = ServiceResolver.of(List.of(providing("local", 300, Set.of("backend", "auth"))))
                .resolve(context(Map.of("services", "auth")));
        assertThatThrownBy(() -> resolution.service("payments")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no service 'payments' is declared; declared services are backend, auth (declare more with"
                        + " setting services, for example services=auth,frontend)");
    }

    @Test
    void aProviderThatOnlyKnowsTheBackendIsPartialWhenMoreIsRequired() {
        FixedProvider backendOnly = new FixedProvider("port-file", 250, context -> ProviderResult.found(
                endpoint("port-file", "backend", "http://localhost:9999"), "the launcher wrote the port"));
        FixedProvider complete = providing("staging", 100, Set.of("backend", "auth"));
        Resolution resolution = ServiceResolver.of(List.of(backendOnly, complete))
                .resolve(context(Map.of("services", "auth")));
        assertThat(resolution.endpoint().source()).isEqualTo("staging");
        assertThat(resolution.report().line("port-file").orElseThrow().services())
                .filteredOn(line -> line.service().equals("auth")).singleElement()
                .extracting(ServiceLine::reason).isEqualTo("gave no endpoint for it");
    }

    @Test
    void nothingCompleteIsNotFoundWithEveryProvidersPartialAnswer() {
        assertThatThrownBy(() -> ServiceResolver.of(List.of(providing("local", 300, Set.of("backend")),
                providing("staging", 100, Set.of("auth")))).resolve(context(Map.of("services", "auth"))))
                .isInstanceOf(ServiceNotFoundException.class)
                .hasMessageContaining("  local    300  partial      local asked; lacks required service auth")
                .hasMessageContaining("  staging  100  partial      staging asked; lacks required service backend")
                .hasMessageContaining("What to do next:\n  - local: service auth is missing (local has no auth): provide"
                        + " it here, or mark it optional with services.auth.required=false\n  - staging: service backend is"
                        + " missing (staging has no backend): provide it here\n");
    }

    @Test
    void aPartialAnswerWithItsOwnNextStepKeepsItInsteadOfTheGenericOne() {
        FixedProvider local = new FixedProvider("local", 300, context -> ProviderResult.services()
                .found(endpoint("local", "backend", "http://local-backend.test"), "local knows backend")
                .missing("auth", "auth is stopped").result("local asked").withNextStep("start auth: make auth-up"));
        assertThatThrownBy(() -> ServiceResolver.of(List.of(local)).resolve(context(Map.of("services", "auth"))))
                .isInstanceOf(ServiceNotFoundException.class)
                .hasMessageContaining("What to do next:\n  - local: start auth: make auth-up\n")
                .hasMessageNotContaining("provide it here");
    }

    @Test
    void anEndpointGivenUnderAnotherServicesNameIsTheProvidersFault() {
        FixedProvider mixed = new FixedProvider("mixed", 300, context -> new ProviderResult.Found(Map.of("backend",
                endpoint("mixed", "auth", "http://mixed-auth.test")), Map.of(), "mixed asked", Map.of(), List.of(), ""));
        assertThatThrownBy(() -> ServiceResolver.of(List.of(mixed)).resolve(context(Map.of("services", "auth"))))
                .isInstanceOf(ProviderFailedException.class)
                .hasMessageContaining("returned the endpoint of service auth as service backend");
    }

    @Test
    void aSplitEndpointOfOneOfSeveralServicesIsNotedWithTheServicesName() {
        FixedProvider split = new FixedProvider("split", 300, context -> ProviderResult.services()
                .found(endpoint("split", "backend", "http://split-backend.test"), "split knows backend")
                .found(ServiceEndpoint.builder("split").service("auth").http(URI.create("https://auth.test"),
                        Origin.other("a")).webSocket(URI.create("wss://auth-events.test/ws"), Origin.other("b")).build(),
                        "split knows auth")
                .result("split asked"));
        Resolution resolution = ServiceResolver.of(List.of(split)).resolve(context(Map.of("services", "auth")));
        assertThat(resolution.report().line("split").orElseThrow().notes()).containsExactly("auth: HTTP and WebSocket"
                + " URLs point to different hosts or ports (auth.test:443 and auth-events.test:443)");
    }

    @Test
    void aServiceWhoseWebSocketIsSwitchedOffKeepsItsDetails() {
        FixedProvider detailed = new FixedProvider("detailed", 300, context -> ProviderResult.services()
                .found(endpoint("detailed", "backend", "http://detailed-backend.test"), "detailed knows backend")
                .found(ServiceEndpoint.builder("detailed").service("auth").http(URI.create("http://auth.test"),
                        Origin.other("a")).detail("realm", "shop", Origin.other("r")).build(), "detailed knows auth")
                .result("detailed asked"));
        Resolution resolution = ServiceResolver.of(List.of(detailed))
                .resolve(context(Map.of("services", "auth", "services.auth.websocket", "false")));
        assertThat(resolution.service("auth").findWebSocket()).isEmpty();
        assertThat(resolution.service("auth").details()).containsExactly(java.util.Map.entry("realm", "shop"));
        assertThat(resolution.service("auth").origins()).containsKey("realm");
    }

    @Test
    void aProviderThatFoundEveryServiceHasNoNextStepWhateverItSaid() {
        FixedProvider eager = new FixedProvider("eager", 300, context -> ProviderResult.services()
                .found(endpoint("eager", "backend", "http://eager-backend.test"), "eager knows backend")
                .found(endpoint("eager", "auth", "http://eager-auth.test"), "eager knows auth")
                .result("eager asked").withNextStep("nothing to do"));
        Resolution resolution = ServiceResolver.of(List.of(eager)).resolve(context(Map.of("services", "auth")));
        assertThat(resolution.report().line("eager").orElseThrow().nextStep()).isEmpty();
    }

    @Test
    void anInvalidServiceNameInTheServicesSettingIsAnErrorNamingItsSource() {
        assertThatThrownBy(() -> ResolutionContext.builder().systemProperties(Map.of("backendconfig.services",
                "auth,Front End")).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("system property backendconfig.services: setting services expects names of lower-case"
                        + " letters and digits, words joined by '-' (such as auth,frontend), got 'Front End'");
    }

    private static String upper(Service service) {
        return service.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** A provider that reads variables X_<NAME> and X_<NAME>_WS for each service, and finds nothing. */
    private static final class ReadingVariables extends FixedProvider {
        ReadingVariables() {
            super("vars", 300, context -> ProviderResult.skipped("nothing set"));
        }

        @Override
        public List<String> urlVariables(Service service) {
            return List.of("X_" + upper(service));
        }

        @Override
        public List<String> webSocketVariables(Service service) {
            return List.of("X_" + upper(service) + "_WS");
        }
    }

    @Test
    void aServiceWhoseVariablesByAProvidersConventionWouldBeAnothersIsRefused() {
        assertThatThrownBy(() -> ServiceResolver.of(List.of(new ReadingVariables())).resolve(ResolutionContext.builder()
                .systemProperties(Map.of("backendconfig.services", "a,a-ws")).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("system property backendconfig.services: setting services: service a-ws would share variable"
                        + " X_A_WS with service a (provider vars reads X_A_WS and X_A_WS_WS for service a-ws, and X_A and"
                        + " X_A_WS for service a); give service a-ws another name");
    }

    /** A provider that counts how often it is asked for the names of a service. */
    private static final class CountingNames extends FixedProvider {
        final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        CountingNames() {
            super("counting", 300, context -> ProviderResult.skipped("finds nothing"));
        }

        @Override
        public List<String> namesOf(Service service) {
            asked.incrementAndGet();
            return List.of("X_" + upper(service));
        }
    }

    private static String servicesNamed(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "s" + i)
                .collect(java.util.stream.Collectors.joining(","));
    }

    @Test
    void moreServicesThanTheLimitAreRefusedNamingTheSettingTheCountAndTheLimit() {
        assertThatThrownBy(() -> ResolutionContext.builder().systemProperties(Map.of("backendconfig.services",
                servicesNamed(DeclaredServices.MAX_SERVICES + 1) + ",pl4nted-s3cret")).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("system property backendconfig.services: names 102 services; at most 100 are"
                        + " resolved (not configurable: a suite's environment has a handful of services)")
                .hasMessageNotContaining("pl4nted-s3cret");
        assertThatThrownBy(() -> ResolutionContext.builder().systemProperties(Map.of("backendconfig.services",
                servicesNamed(20_000))).build()).hasMessageContaining("names 20000 services; at most 100");
    }

    @Test
    void theLimitOfServicesIsAcceptedAndEachServicesNamesAreAskedOncePerProvider() {
        CountingNames names = new CountingNames();
        ResolutionContext context = ResolutionContext.builder().systemProperties(Map.of("backendconfig.services",
                servicesNamed(DeclaredServices.MAX_SERVICES - 1))).build();
        assertThat(context.services()).hasSize(DeclaredServices.MAX_SERVICES);
        assertThatThrownBy(() -> ServiceResolver.of(List.of(names)).resolve(context))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThat(names.asked.get()).as("asked once per service, not once per pair").isEqualTo(DeclaredServices
                .MAX_SERVICES);
    }

    @Test
    void theCoreKnowsNoVariableConventionOfItsOwn() {
        Resolution resolution = ServiceResolver.of(List.of(providing("local", 300, Set.of("backend", "websocket",
                "test")))).resolve(context(Map.of("services", "websocket,test")));
        assertThat(resolution.services()).containsOnlyKeys("backend", "websocket", "test");
    }

    @Test
    void servicesWhoseNamesOnlyLookAlikeAreAccepted() {
        assertThat(ResolutionContext.builder().systemProperties(Map.of("backendconfig.services",
                "auth,auth-api,websockets,tests")).build().services()).extracting(Service::name)
                .containsExactly("backend", "auth", "auth-api", "websockets", "tests");
    }

    @Test
    void aPerServiceKeyOfAServiceThatIsNotDeclaredIsAnError() {
        ServiceResolver resolver = ServiceResolver.of(List.of(providing("local", 300, Set.of("backend", "auth"))));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of("services", "auth", "services.payments.required",
                "false"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageEndingWith(": setting 'services.payments.required' is for service 'payments', which setting"
                        + " services does not declare (declared: backend, auth); add it to setting services:"
                        + " services=auth,payments");
    }

    @Test
    void aPerServiceKeyWithAMisspelledServiceSuggestsTheDeclaredOne() {
        ServiceResolver resolver = ServiceResolver.of(List.of(providing("local", 300, Set.of("backend", "auth"))));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of("services", "auth", "services.auht.required",
                "false"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageEndingWith(": setting 'services.auht.required' is for service 'auht', which setting"
                        + " services does not declare (declared: backend, auth); did you mean service 'auth'? Or add it"
                        + " to setting services: services=auth,auht");
    }

    @Test
    void theBackendListedInServicesIsTheBackendOnceAndCannotBeOptional() {
        ResolutionContext context = context(Map.of("services", "backend,auth,auth"));
        assertThat(context.services()).containsExactly(new Service(Service.BACKEND, true), new Service("auth", true));
        ServiceResolver resolver = ServiceResolver.of(List.of(providing("local", 300, Set.of("backend", "auth"))));
        assertThatThrownBy(() -> resolver.resolve(context(Map.of("services.backend.required", "false"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("setting 'services.backend.required'");
    }

    @Test
    void oneInfoLineNamesEveryEndpointFound() {
        dev.backendconfig.testkit.RecordingLogs.clear();
        ServiceResolver.of(List.of(providing("local", 300, Set.of("backend", "auth"))))
                .resolve(context(Map.of("services", "auth")));
        assertThat(dev.backendconfig.testkit.RecordingLogs.events(org.slf4j.event.Level.INFO).stream()
                .filter(event -> event.logger().equals(ServiceResolver.class.getName())))
                .singleElement().extracting(dev.backendconfig.testkit.RecordingLogs.Event::message).asString()
                .startsWith("backend: http://local-backend.test ws://local-backend.test; auth: http://local-auth.test"
                        + " ws://local-auth.test (from local: ");
    }
}
