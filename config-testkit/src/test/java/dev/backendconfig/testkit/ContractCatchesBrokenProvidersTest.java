package dev.backendconfig.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.toolkit.Origin;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.LoggerFactory;

/**
 * The contract test can fail: run through the JUnit engine against a provider that keeps it and one that breaks it
 * (wrong priority, the secret in its reason and in its log), with this module's tests logging into
 * {@link RecordingLogs}.
 */
class ContractCatchesBrokenProvidersTest {

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    private static String failedNames(Events events) {
        return events.failed().list().stream().map(event -> event.getTestDescriptor().getDisplayName()).sorted()
                .toList().toString();
    }

    @Test
    void theLogCaptureIsActiveInThisModule() {
        assertThat(RecordingLogs.isActive()).isTrue();
    }

    @Test
    void aProviderThatKeepsTheContractPassesEveryCheck() {
        Events events = run(KeepingContract.class);

        assertThat(failedNames(events)).isEqualTo("[]");
        assertThat(events.aborted().count()).isZero();
        assertThat(events.succeeded().count()).isEqualTo(9);
    }

    @Test
    void aWrongPriorityAndAShownOrLoggedSecretFailTheirChecks() {
        Events events = run(LeakingContract.class);

        assertThat(failedNames(events)).isEqualTo("[idIsShortLowerCaseAndPriorityIsTheDocumentedOne(),"
                + " neverLogsThePlantedSecret(), neverShowsThePlantedSecret()]");
        assertThat(events.succeeded().count()).isEqualTo(6);
    }

    /** Finds http://localhost:8123 when variable URL is set, with the password of its user info masked. */
    public static class KeepingProvider implements EndpointProvider {
        @Override
        public String id() {
            return "keeping";
        }

        @Override
        public int priority() {
            return 123;
        }

        @Override
        public ProviderResult resolve(ResolutionContext context) {
            return context.variable("URL").<ProviderResult>map(url -> ProviderResult.found(ServiceEndpoint.builder(id())
                    .http(URI.create(url), Origin.variable("URL")).build(), "variable URL is set"))
                    .orElseGet(() -> ProviderResult.skipped("variable URL is not set"));
        }

        @Override
        public String hint() {
            return "set URL";
        }
    }

    /** Like {@link KeepingProvider}, but says and logs the URL as it is, password included. */
    public static class LeakingProvider extends KeepingProvider {
        @Override
        public String id() {
            return "leaking";
        }

        @Override
        public ProviderResult resolve(ResolutionContext context) {
            if (context.variable("URL").isEmpty()) {
                return ProviderResult.skipped("variable URL is not set");
            }
            String url = context.variable("URL").get();
            LoggerFactory.getLogger(LeakingProvider.class).info("found {}", url);
            return ProviderResult.found(ServiceEndpoint.builder(id()).http(URI.create(url), Origin.variable("URL"))
                    .build(), "URL is " + url);
        }
    }

    abstract static class UrlContract extends EndpointProviderContractTest {
        @Override
        protected ResolutionContext foundContext(Path directory) {
            return ResolutionContext.builder().workingDirectory(directory)
                    .environment(Map.of("URL", "http://e2e:" + plantedSecret() + "@localhost:8123")).build();
        }

        @Override
        protected String expectedHttp() {
            return "http://e2e:" + plantedSecret() + "@localhost:8123";
        }
    }

    static class KeepingContract extends UrlContract {
        @Override
        protected EndpointProvider provider() {
            return new KeepingProvider();
        }

        @Override
        protected int documentedPriority() {
            return 123;
        }
    }

    static class LeakingContract extends UrlContract {
        @Override
        protected EndpointProvider provider() {
            return new LeakingProvider();
        }

        @Override
        protected int documentedPriority() {
            return 124;
        }
    }
}
