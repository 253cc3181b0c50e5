package dev.backendconfig.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.testsupport.CallerEnvironment;
import dev.backendconfig.testsupport.CountingProvider;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import uk.org.webcompere.systemstubs.environment.EnvironmentVariables;
import uk.org.webcompere.systemstubs.jupiter.SystemStub;
import uk.org.webcompere.systemstubs.jupiter.SystemStubsExtension;
import uk.org.webcompere.systemstubs.properties.SystemProperties;

/**
 * Which fields and parameters the extension fills, when, and which it refuses, tested through the engine: static fields
 * before all tests, targets it does not own left to other resolvers, bad targets refused whatever the environment.
 */
@ExtendWith(SystemStubsExtension.class)
class InjectionTargetsTest {

    @SystemStub
    private EnvironmentVariables variables = new EnvironmentVariables();

    @SystemStub
    private SystemProperties properties;

    @BeforeEach
    void reset() {
        CallerEnvironment.present().forEach(variables::remove);
        CountingProvider.ACTIVE.set(false);
    }

    @AfterEach
    void restore() {
        CountingProvider.ACTIVE.set(true);
    }

    // ---- fixtures: run only through EngineRun ----

    @BackendTest
    static class ReadsAStaticFieldBeforeAll {
        @BackendUrl("/api")
        static URI api;

        static URI seenBeforeAll;

        @org.junit.jupiter.api.BeforeAll
        static void remember() {
            seenBeforeAll = api;
        }

        @Test
        void test() {
        }
    }

    @BackendTest
    static class AlsoTakesTestInfo {
        @Test
        void named(TestInfo info, ServiceEndpoint endpoint) {
            assertThat(info.getDisplayName()).isEqualTo("named(TestInfo, ServiceEndpoint)");
            assertThat(endpoint.http()).isEqualTo(URI.create("http://localhost:8002"));
        }
    }

    @BackendTest
    static class TwoUrlAnnotations {
        @Test
        void test(@BackendUrl @WebSocketUrl URI url) {
        }
    }

    @BackendTest
    static class WrongStaticFieldType {
        @BackendUrl
        static int port;

        @Test
        void test() {
        }
    }

    @BackendTest
    static class WrongFieldType {
        @HttpUrl
        java.io.File http;

        @Test
        void test() {
        }
    }

    @BackendTest
    static class TakesTheEndpointInItsConstructor {
        TakesTheEndpointInItsConstructor(ServiceEndpoint endpoint) {
        }

        @Test
        void test() {
        }
    }

    // ---- tests ----

    @Test
    void staticFieldsAreInjectedBeforeAllTestsOfTheClass() {
        ReadsAStaticFieldBeforeAll.api = null;
        ReadsAStaticFieldBeforeAll.seenBeforeAll = null;
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(ReadsAStaticFieldBeforeAll.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(ReadsAStaticFieldBeforeAll.seenBeforeAll).isEqualTo(URI.create("http://localhost:8002/api"));
    }

    @Test
    void parametersOfOtherTypesAreLeftToTheirOwnResolvers() {
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(AlsoTakesTestInfo.class);
        assertThat(run.thrown()).isEmpty();
        assertThat(run.succeeded()).isEqualTo(1);
    }

    @Test
    void aParameterWithTwoUrlAnnotationsIsRefusedNamingBoth() {
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(TwoUrlAnnotations.class);
        assertThat(run.onlyThrown()).isInstanceOf(ParameterResolutionException.class)
                .hasMessage("parameter 'arg0' of void " + TwoUrlAnnotations.class.getName() + ".test(java.net.URI)"
                        + " is annotated both @BackendUrl and @WebSocketUrl; choose one");
    }

    @Test
    void aStaticFieldOfAnUnsupportedTypeIsRefusedNamingTheSupportedOnes() {
        properties.set("backendconfig.url", "http://localhost:8002");
        EngineRun run = EngineRun.of(WrongStaticFieldType.class);
        assertThat(run.onlyThrown()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@BackendUrl cannot be injected into field 'port' of " + WrongStaticFieldType.class.getName()
                        + " of type int; supported types are java.net.URI and java.lang.String");
    }

    @Test
    void aFieldOfAnUnsupportedTypeIsRefusedEvenWhenNoBackendWasFound() {
        EngineRun run = EngineRun.of(WrongFieldType.class);
        assertThat(run.onlyThrown()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@HttpUrl cannot be injected into field 'http' of " + WrongFieldType.class.getName()
                        + " of type java.io.File; supported types are java.net.URI and java.lang.String");
    }

    @Test
    void aConstructorParameterWithoutABackendFailsNamingTheParameterWithTheReasonAsCause() {
        EngineRun run = EngineRun.of(TakesTheEndpointInItsConstructor.class);
        assertThat(run.onlyThrown()).isInstanceOf(ParameterResolutionException.class)
                .hasMessage("cannot inject the backend into dev.backendconfig.api.ServiceEndpoint arg0: no backend was"
                        + " found")
                .cause().isInstanceOf(ServiceNotFoundException.class).hasMessageStartingWith("No backend found.\n");
    }
}
