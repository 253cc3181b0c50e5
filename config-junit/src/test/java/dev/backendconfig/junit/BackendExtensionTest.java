package dev.backendconfig.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.TestContext;
import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.testkit.LoopbackWebSocketServer;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.CountingProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;
import uk.org.webcompere.systemstubs.properties.SystemProperties;

/** The extension tested through the engine: fixture classes run, and their events and messages are checked. */
@ExtendWith(SystemStubsExtension.class)
class BackendExtensionTest {

    @SystemStub
    private EnvironmentVariables variables = new EnvironmentVariables();

    @SystemStub
    private SystemProperties properties;

    private HttpServer http;
    private final AtomicInteger healthRequests = new AtomicInteger();

    @BeforeEach
    void reset() {
        CallerEnvironment.present().forEach(variables::remove);
        CountingProvider.RESOLUTIONS.set(0);
        CountingProvider.ACTIVE.set(false);
    }

    @AfterEach
    void stop() {
        CountingProvider.ACTIVE.set(true);
        if (http != null) {
            http.stop(0);
        }
    }

    private int httpBackend(int status) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/health", exchange -> {
            healthRequests.incrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        http.start();
        return http.getAddress().getPort();
    }

    // ---- fixtures: run only through EngineRun ----

    @BackendTest
    static class AnotherClassWithoutABackend {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    @BackendTest
    static class UsesTestContextToo {
        @Test
        void both(ServiceEndpoint endpoint) {
            assertThat(TestContext.get().endpoint()).isEqualTo(endpoint);
        }
    }


    @BackendTest
    static class InjectsEveryService {
        @HttpUrl(value = "/login", service = "auth")
        URI login;

        @Test
        void servicesByAnnotation(@BackendUrl URI backend, @HttpUrl(service = "auth") URI auth,
                @WebSocketUrl(value = "/events", service = "auth") String events, TestContext context) {
            assertThat(backend).isEqualTo(URI.create("http://localhost:8002"));
            assertThat(auth).isEqualTo(URI.create("http://localhost:8083"));
            assertThat(login).isEqualTo(URI.create("http://localhost:8083/login"));
            assertThat(events).isEqualTo("ws://localhost:8083/events");
            assertThat(context.service("auth").source()).isEqualTo("env");
        }
    }

    @BackendTest
    static class NamesAnUndeclaredService {
        @Test
        void payments(@HttpUrl(service = "payments") URI payments) {
        }
    }

    @BackendTest
    static class NeedsAnOptionalService {
        @HttpUrl(service = "frontend")
        URI frontend;

        @Test
        void usesTheFrontend() {
        }

        @Test
        void doesNotNeedIt(@BackendUrl URI backend) {
        }
    }

    @BackendTest
    @RequiresReachableService(service = "auth", path = "/health")
    static class RequiresAuthHealth {
        @Test
        void login() {
        }
    }


    @BackendTest
    @RequiresReachableBackend(path = "/health")
    @RequiresReachableService(service = "auth", path = "/health")
    static class RequiresBackendAndAuth {
        @Test
        void both() {
        }
    }

    @BackendTest
    @RequiresReachableService(path = "/health")
    @RequiresReachableService(service = "auth", path = "/health")
    static class RequiresEveryServiceRepeated {
        @Test
        void both() {
        }
    }

    @BackendTest
    static class InjectsEverything {
        @BackendUrl
        static URI staticHttp;

        @BackendUrl("/api")
        URI api;

        @WebSocketUrl("/ws/chat")
        String chat;

        @Test
        void parametersAndFields(ServiceEndpoint endpoint, TestContext context, ResolutionReport report,
                @BackendUrl URI http, @WebSocketUrl URI webSocket, @WebSocketUrl("/ws/chat") URI chatParameter,
                @BackendUrl("/health") String health) {
            assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002"));
            assertThat(context.webSocketUrl("/ws/chat")).isEqualTo(URI.create("ws://localhost:8002/ws/chat"));
            assertThat(report.line("env")).isPresent();
            assertThat(http).isEqualTo(URI.create("http://localhost:8002"));
            assertThat(webSocket).isEqualTo(URI.create("ws://localhost:8002"));
            assertThat(chatParameter).isEqualTo(URI.create("ws://localhost:8002/ws/chat"));
            assertThat(health).isEqualTo("http://localhost:8002/health");
            assertThat(staticHttp).isEqualTo(URI.create("http://localhost:8002"));
            assertThat(api).isEqualTo(URI.create("http://localhost:8002/api"));
            assertThat(chat).isEqualTo("ws://localhost:8002/ws/chat");
        }
    }

    @BackendTest
    static class NeedsABackend {
        @Test
        void first() {
        }

        @Test
        void second(ServiceEndpoint endpoint) {
        }
    }

    @BackendTest(onMissing = OnMissing.SKIP)
    static class SkipsWithoutABackend {
        @Test
        void first() {
        }

        @Test
        void second(ServiceEndpoint endpoint) {
        }
    }

    @BackendTest
    static class ThreeTests {
        @Test
        void one(ServiceEndpoint endpoint) {
        }

        @Test
        void two(ServiceEndpoint endpoint) {
        }

        @Test
        void three(ServiceEndpoint endpoint) {
        }
    }

    @BackendTest
    static class AnotherClass {
        @Test
        void four(ServiceEndpoint endpoint) {
        }
    }

    @BackendTest
    @RequiresReachableBackend(probe = ProbeKind.HTTP, path = "/health")
    static class RequiresHealth {
        @Test
        void one() {
        }

        @Test
        void two() {
        }

        @Test
        void three() {
        }
    }

    @BackendTest
    @RequiresReachableBackend(probe = ProbeKind.HTTP, path = "/health")
    static class AlsoRequiresHealth {
        @Test
        void four() {
        }
    }

    @BackendTest(onMissing = OnMissing.SKIP)
    @RequiresReachableBackend(path = "/health")
    static class RequiresHealthOrSkips {
        @Test
        void one() {
        }
    }

    @BackendTest
    static class RequiresWebSocket {
        @Test
        @RequiresReachableBackend(probe = ProbeKind.WEBSOCKET, path = "/ws")
        void handshake() {
        }
    }

    @BackendTest
    static class WrongParameterType {
        @Test
        void port(@BackendUrl int port) {
        }
    }

    @BackendTest
    static class WrongFieldType {
        @WebSocketUrl
        java.io.File chat;

        @Test
        void test() {
        }
    }

    @BackendTest
    static class FinalField {
        @BackendUrl
        final URI http = null;

        @Test
        void test() {
        }
    }

    @BackendTest
    @RequiresReachableService(service = "payments", path = "/health")
    static class RequiresAnUndeclaredService {
        @Test
        void pay() {
        }
    }

    @BackendTest
    @RequiresReachableService(service = "frontend", probe = ProbeKind.NONE)
    static class NamesAnOptionalServiceWithoutProbing {
        @Test
        void runs() {
        }
    }

    static class RegisteredWithAReachabilityCheck {
        @RegisterExtension
        static BackendExtension backend = BackendExtension.builder().requireReachable(ProbeKind.HTTP, "/health")
                .build();

        @Test
        void test() {
        }
    }

    static class RegisteredWithAnInvalidSetting {
        @RegisterExtension
        static BackendExtension backend = BackendExtension.builder().onMissing(OnMissing.SKIP)
                .setting("timeout", "soon").build();

        @Test
        void test() {
        }
    }

    static class RegisteredInCode {
        @RegisterExtension
        static BackendExtension backend = BackendExtension.builder().onMissing(OnMissing.SKIP)
                .setting("url", "http://127.0.0.1:9099").build();

        @Test
        void test(@BackendUrl URI http) {
            assertThat(http).isEqualTo(URI.create("http://127.0.0.1:9099"));
        }
    }

    // ---- tests ----

    @Test
    void injectsTheUrlsOfADeclaredServiceIntoParametersAndFields() {
        properties.set("backendconfig.services", "auth");
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        variables.set("TEST_AUTH_URL", "http://localhost:8083");
        EngineRun run = EngineRun.of(InjectsEveryService.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(run.succeeded()).isEqualTo(1);
    }

    @Test
    void aServiceNamedInAnAnnotationButNotDeclaredFailsNamingTheDeclaredOnes() {
        properties.set("backendconfig.services", "auth");
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        variables.set("TEST_AUTH_URL", "http://localhost:8083");
        EngineRun run = EngineRun.of(NamesAnUndeclaredService.class);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.onlyThrown()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@HttpUrl on parameter 'arg0' of void dev.backendconfig.junit."
                        + "BackendExtensionTest$NamesAnUndeclaredService.payments(java.net.URI) names service 'payments':"
                        + " no service 'payments' is declared; declared services are backend, auth");
    }

    @Test
    void aTestNeedingAnOptionalServiceThatWasNotFoundIsSkippedAndTheOthersRun() {
        properties.set("backendconfig.services", "frontend");
        properties.set("backendconfig.services.frontend.required", "false");
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        EngineRun run = EngineRun.of(NeedsAnOptionalService.class);
        assertThat(run.aborted()).isEqualTo(2);
        assertThat(run.onlyThrown()).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("Skipped because optional service frontend (named by @HttpUrl on field"
                        + " 'frontend' of dev.backendconfig.junit.BackendExtensionTest$NeedsAnOptionalService) was not"
                        + " found by env; the report says why:");
    }

    @Test
    void requiresReachableServiceProbesTheServiceItNames() throws IOException {
        int port = httpBackend(503);
        properties.set("backendconfig.services", "auth");
        variables.set("TEST_BACKEND_URL", "http://localhost:8002");
        variables.set("TEST_AUTH_URL", "http://127.0.0.1:" + port);
        EngineRun run = EngineRun.of(RequiresAuthHealth.class);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.onlyThrown()).isInstanceOf(ServiceUnreachableException.class)
                .hasMessageStartingWith("The service auth http://127.0.0.1:" + port + " (from env) is not reachable:"
                        + " http GET http://127.0.0.1:" + port + "/health: answered 503 (a server error: not ready)\n");
        assertThat(((BackendConfigException) run.onlyThrown()).code()).isEqualTo("BCFG05001");
        assertThat(run.onlyThrown().toString()).startsWith(ServiceUnreachableException.class.getName() + " [BCFG05001]:");
        assertThat(healthRequests).hasValue(1);
    }

    @Test
    void requiresReachableBackendBesideAServiceProbesBoth() throws IOException {
        int port = httpBackend(200);
        properties.set("backendconfig.services", "auth");
        variables.set("TEST_BACKEND_URL", "http://localhost:" + port);
        variables.set("TEST_AUTH_URL", "http://127.0.0.1:" + port);
        EngineRun run = EngineRun.of(RequiresBackendAndAuth.class);
        assertThat(run.succeeded()).isEqualTo(1);
        assertThat(healthRequests).hasValue(2);
    }

    @Test
    void repeatedRequiresReachableServiceProbesEveryServiceItNames() throws IOException {
        int port = httpBackend(200);
        properties.set("backendconfig.services", "auth");
        variables.set("TEST_BACKEND_URL", "http://localhost:" + port);
        variables.set("TEST_AUTH_URL", "http://127.0.0.1:" + port);
        EngineRun run = EngineRun.of(RequiresEveryServiceRepeated.class);
        assertThat(run.succeeded()).isEqualTo(1);
        assertThat(healthRequests).hasValue(2);
    }

    @Test
    void requiresReachableBackendBesideAServiceFailsOnTheServiceThatDoesNotAnswer() throws IOException {
        int port = httpBackend(200);
        int closed = dev.backendconfig.testkit.LoopbackServers.closedPort();
        properties.set("backendconfig.services", "auth");
        variables.set("TEST_BACKEND_URL", "http://localhost:" + port);
        variables.set("TEST_AUTH_URL", "http://127.0.0.1:" + closed);
        EngineRun run = EngineRun.of(RequiresBackendAndAuth.class);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.onlyThrown()).isInstanceOf(ServiceUnreachableException.class)
                .hasMessageStartingWith("The service auth http://127.0.0.1:" + closed + " (from env) is not"
                        + " reachable: http GET http://127.0.0.1:" + closed + "/health: ");
        assertThat(healthRequests).hasValue(1);
    }

    @Test
    void injectsEndpointContextReportAndUrlsIntoParametersAndFields() {
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(InjectsEverything.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(run.succeeded()).isEqualTo(1);
    }

    @Test
    void noBackendFailsEveryTestTheFirstWithTheWholeReportTheOthersWithOneLine() {
        EngineRun run = EngineRun.of(NeedsABackend.class, AnotherClassWithoutABackend.class);
        assertThat(run.failed()).isEqualTo(4);
        List<Throwable> thrown = run.thrown();
        assertThat(thrown).allMatch(ServiceNotFoundException.class::isInstance)
                .allSatisfy(failure -> assertThat(((BackendConfigException) failure).code()).isEqualTo("BCFG00001"));
        assertThat(thrown.get(0)).hasMessageStartingWith("No backend found.\nbackend: none found (2 providers asked, ")
                .hasMessageContaining("  env       300  skipped      none of TEST_BACKEND_URL, BACKEND_URL,"
                        + " TEST_WEBSOCKET_URL, WEBSOCKET_URL is set")
                .hasMessageContaining("What to do next:");
        assertThat(thrown.subList(1, thrown.size())).extracting(Throwable::getMessage).containsOnly("No backend found"
                + " (see the first failure in this run for the whole report, or run explain): env skipped, counting"
                + " skipped");
    }

    @Test
    void theExtensionAndTestContextGetShareOneResolution() {
        CountingProvider.ACTIVE.set(true);
        EngineRun run = EngineRun.of(UsesTestContextToo.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(CountingProvider.RESOLUTIONS).hasValue(1);
    }

    @Test
    void onMissingSkipAbortsWithTheReportAsReason() {
        EngineRun run = EngineRun.of(SkipsWithoutABackend.class);
        assertThat(run.aborted()).isEqualTo(2);
        assertThat(run.thrown()).allMatch(TestAbortedException.class::isInstance);
        assertThat(run.thrown().get(0)).hasMessageStartingWith("Skipped because no backend was found (on-missing ="
                + " skip).\nNo backend found.\nbackend: none found");
        assertThat(run.thrown().get(1)).hasMessage("Skipped because no backend was found (on-missing = skip).\nNo"
                + " backend found (see the first failure in this run for the whole report, or run explain): env skipped,"
                + " counting skipped");
    }

    @Test
    void theJunitOnMissingSettingSkipsToo() {
        properties.set("backendconfig.junit.on-missing", "skip");
        EngineRun run = EngineRun.of(NeedsABackend.class);
        assertThat(run.aborted()).isEqualTo(2);
    }

    @Test
    void theJunitConfigurationParameterSkipsWhenNoSettingSaysOtherwise() {
        EngineRun run = EngineRun.withParameters(Map.of("backendconfig.junit.on-missing", "skip"), NeedsABackend.class);
        assertThat(run.aborted()).isEqualTo(2);
        assertThat(run.failed()).isZero();
    }

    @Test
    void theSettingWinsOverTheJunitConfigurationParameter() {
        properties.set("backendconfig.junit.on-missing", "fail");
        EngineRun run = EngineRun.withParameters(Map.of("backendconfig.junit.on-missing", "skip"), NeedsABackend.class);
        assertThat(run.failed()).isEqualTo(2);
    }

    @Test
    void aJunitConfigurationParameterThatIsNoChoiceIsAnErrorNamingIt() {
        EngineRun run = EngineRun.withParameters(Map.of("backendconfig.junit.on-missing", "skp"), NeedsABackend.class);
        assertThat(run.failed()).isEqualTo(2);
        assertThat(run.thrown().get(0)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("JUnit configuration parameter backendconfig.junit.on-missing: setting junit.on-missing"
                        + " expects one of fail, skip, got a value that is not one of them; did you mean 'skip'?");
    }

    @Test
    void invalidConfigurationFailsEvenWhenSkippingIsAskedFor() {
        variables.set("BACKEND_URL", "localhost:8002");
        EngineRun run = EngineRun.of(SkipsWithoutABackend.class);
        assertThat(run.failed()).isEqualTo(2);
        assertThat(run.thrown()).allMatch(InvalidConfigurationException.class::isInstance)
                .allSatisfy(failure -> assertThat(((BackendConfigException) failure).code()).isEqualTo("BCFG01002"))
                .allSatisfy(thrown -> assertThat(thrown).hasMessageStartingWith("variable BACKEND_URL: expected an"
                        + " absolute http or https URL such as http://localhost:8002, got a value without a scheme"));
        assertThat(run.thrown().get(0)).hasMessageContaining("\nResolution stopped at provider env");
        assertThat(run.thrown().get(1)).hasMessageEndingWith("(see the first failure in this run for the whole"
                + " report)");
    }

    @Test
    void aSettingTypoStopsBeforeAnyReportAndLaterFailuresDoNotPromiseOne() {
        properties.set("backendconfig.provders", "env");
        EngineRun run = EngineRun.of(NeedsABackend.class);
        assertThat(run.failed()).isEqualTo(2);
        String problem = "system property backendconfig.provders: unknown setting 'backendconfig.provders'; did you"
                + " mean 'backendconfig.providers'? (every setting is listed in docs/settings.md, and by 'explain"
                + " --help')";
        assertThat(run.thrown().get(0)).hasMessage(problem);
        assertThat(run.thrown().get(1)).hasMessage(problem + " (the first failure in this run says the same)");
    }

    @Test
    void resolvesOncePerTestRunAndKeepsNothingAfterIt() {
        CountingProvider.ACTIVE.set(true);
        EngineRun first = EngineRun.of(ThreeTests.class, AnotherClass.class);
        assertThat(first.succeeded()).isEqualTo(4);
        assertThat(CountingProvider.RESOLUTIONS).hasValue(1);
        EngineRun.of(ThreeTests.class);
        assertThat(CountingProvider.RESOLUTIONS).hasValue(2);
    }

    @Test
    void aReachableBackendIsProbedOncePerRun() throws IOException {
        properties.set("backendconfig.url", "http://127.0.0.1:" + httpBackend(200));
        EngineRun run = EngineRun.of(RequiresHealth.class);
        assertThat(run.succeeded()).isEqualTo(3);
        assertThat(healthRequests).hasValue(1);
    }

    @Test
    void anUnreachableBackendFailsSayingWhatWasProbed() throws IOException {
        int port = httpBackend(503);
        properties.set("backendconfig.url", "http://127.0.0.1:" + port);
        EngineRun run = EngineRun.of(RequiresHealth.class);
        assertThat(run.failed()).isEqualTo(3);
        assertThat(run.thrown()).allMatch(ServiceUnreachableException.class::isInstance);
        assertThat(run.thrown().get(0))
                .hasMessageStartingWith("The backend http://127.0.0.1:" + port + " (from env) is not reachable: http"
                        + " GET http://127.0.0.1:" + port + "/health: answered 503 (a server error: not ready)\n"
                        + "backend: http://127.0.0.1:" + port);
    }

    @Test
    void anUnreachableServiceCarriesTheReportInTheFirstFailureOfTheRunAndOneLineInTheOthers() throws IOException {
        int port = httpBackend(503);
        properties.set("backendconfig.url", "http://127.0.0.1:" + port);
        EngineRun run = EngineRun.of(RequiresHealth.class, AlsoRequiresHealth.class);
        assertThat(run.failed()).isEqualTo(4);
        List<Throwable> thrown = run.thrown();
        assertThat(thrown).allMatch(ServiceUnreachableException.class::isInstance);
        String summary = "The backend http://127.0.0.1:" + port + " (from env) is not reachable: http GET"
                + " http://127.0.0.1:" + port + "/health: answered 503 (a server error: not ready)";
        assertThat(thrown.get(0)).hasMessageStartingWith(summary + "\nbackend: http://127.0.0.1:" + port)
                .hasMessageContaining("  env       300  found");
        assertThat(thrown.subList(1, thrown.size())).extracting(Throwable::getMessage).containsOnly(summary + " (see the"
                + " first failure in this run for the whole report)");
    }

    @Test
    void anUnreachableBackendIsSkippedWhenAskedFor() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        properties.set("backendconfig.url", "http://127.0.0.1:" + port);
        EngineRun run = EngineRun.of(RequiresHealthOrSkips.class);
        assertThat(run.aborted()).isEqualTo(1);
        assertThat(run.onlyThrown()).hasMessageContaining("is not reachable: http GET http://127.0.0.1:" + port
                + "/health: connection refused");
    }

    @Test
    void aWebSocketHandshakeCanBeRequired() throws IOException {
        try (LoopbackWebSocketServer server = LoopbackWebSocketServer.startAccepting("/ws")) {
            properties.set("backendconfig.url", server.httpUri().toString());
            assertThat(EngineRun.of(RequiresWebSocket.class).succeeded()).isEqualTo(1);
            assertThat(server.handshakePaths()).containsExactly("/ws");
        }
    }

    @Test
    void anUnsupportedParameterTypeNamesItAndTheSupportedOnes() {
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(WrongParameterType.class);
        assertThat(run.onlyThrown()).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("@BackendUrl cannot be injected into parameter")
                .hasMessageContaining("of type int; supported types are java.net.URI and java.lang.String");
    }

    @Test
    void anUnsupportedFieldTypeOrAFinalFieldIsLoud() {
        properties.set("backendconfig.url", "http://localhost:8002");
        assertThat(EngineRun.of(WrongFieldType.class).onlyThrown()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@WebSocketUrl cannot be injected into field 'chat' of " + WrongFieldType.class.getName()
                        + " of type java.io.File; supported types are java.net.URI and java.lang.String");
        assertThat(EngineRun.of(FinalField.class).onlyThrown()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@BackendUrl cannot be injected into final field 'http' of " + FinalField.class.getName()
                        + "; remove final");
    }

    @Test
    void aBlankJunitConfigurationParameterCountsAsUnset() {
        EngineRun run = EngineRun.withParameters(Map.of("backendconfig.junit.on-missing", " "), NeedsABackend.class);
        assertThat(run.failed()).isEqualTo(2);
        assertThat(run.thrown()).allMatch(ServiceNotFoundException.class::isInstance);
    }

    @Test
    void aServiceNamedByRequiresReachableServiceButNotDeclaredFailsNamingTheDeclaredOnes() {
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(RequiresAnUndeclaredService.class);
        assertThat(run.onlyThrown()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@RequiresReachableService names service 'payments': no service 'payments' is declared;"
                        + " declared services are backend (declare more with setting services, for example"
                        + " services=auth,frontend)");
    }

    @Test
    void aReachabilityRequirementWithProbeNoneAsksNothingEvenOfAnOptionalServiceThatWasNotFound() {
        properties.set("backendconfig.services", "frontend");
        properties.set("backendconfig.services.frontend.required", "false");
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(NamesAnOptionalServiceWithoutProbing.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(run.succeeded()).isEqualTo(1);
    }

    @Test
    void theBuildersReachabilityCheckProbesTheBackendBeforeEachTest() throws IOException {
        int port = httpBackend(503);
        properties.set("backendconfig.url", "http://127.0.0.1:" + port);
        EngineRun run = EngineRun.of(RegisteredWithAReachabilityCheck.class);
        String summary = "The backend http://127.0.0.1:" + port + " (from env) is not reachable: http GET"
                + " http://127.0.0.1:" + port + "/health: answered 503 (a server error: not ready)";
        assertThat(run.onlyThrown()).isInstanceOf(ServiceUnreachableException.class)
                .hasMessageStartingWith(summary + "\nbackend: http://127.0.0.1:" + port);
        assertThat(((ServiceUnreachableException) run.onlyThrown()).summary()).isEqualTo(summary);
        assertThat(healthRequests).hasValue(1);
    }

    @Test
    void anInvalidSettingOfAnExtensionRegisteredInCodeFailsEvenWhenSkippingIsAskedFor() {
        EngineRun run = EngineRun.of(RegisteredWithAnInvalidSetting.class);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.onlyThrown()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("setting timeout given to BackendExtension: setting timeout expects a duration such as"
                        + " 500ms, 2s or 1m, at most 24h, got a value that is not a duration");
    }

    @Test
    void anExtensionRegisteredInCodeUsesItsOwnSettings() {
        EngineRun run = EngineRun.of(RegisteredInCode.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(run.succeeded()).isEqualTo(1);
    }

    /** What the fixture below held for the run, and when each was released. */
    static final List<String> RELEASED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BackendTest
    static class HoldsSomethingForTheRun {
        @Test
        void first() {
            RunScope.jvm().hold("fixture lease", () -> RELEASED.add("fixture lease"));
            assertThat(RELEASED).isEmpty();
        }

        @Test
        void second() {
            assertThat(RELEASED).isEmpty();
        }
    }

    @Test
    void whatAProviderHoldsForTheRunIsReleasedWhenTheRunEndsAndNotBefore() {
        RELEASED.clear();
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(HoldsSomethingForTheRun.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(run.succeeded()).isEqualTo(2);
        assertThat(RELEASED).containsExactly("fixture lease");
        assertThat(RunScope.jvm().hold("fixture lease", () -> { })).as("the fixture lease is no longer held").isTrue();
        RunScope.jvm().release("fixture lease");
    }
}
