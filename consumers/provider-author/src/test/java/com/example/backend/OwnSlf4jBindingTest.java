package com.example.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.backendconfig.testkit.RecordingLogs;
import java.util.ServiceLoader;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/** config-testkit on the test class path leaves the project's own SLF4J binding in charge. */
class OwnSlf4jBindingTest {

    @Test
    void slf4jSimpleIsTheBindingAndTheTestkitRegistersNone() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
        assertThat(ServiceLoader.load(SLF4JServiceProvider.class)).extracting(provider -> provider.getClass().getName())
                .containsExactly("org.slf4j.simple.SimpleServiceProvider");
        assertThat(RecordingLogs.isActive()).isFalse();
    }

    @Test
    void theContractPassesAndItsLogCheckIsSkippedWithTheReasonNotPassed() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PortFileEndpointProviderContractTest.class)).execute().testEvents();

        assertThat(tests.failed().count()).isZero();
        assertThat(tests.succeeded().count()).isEqualTo(8);
        assertThat(tests.aborted().list()).singleElement().satisfies(event -> {
            assertThat(event.getTestDescriptor().getDisplayName()).isEqualTo("neverLogsThePlantedSecret()");
            assertThat(event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow()).hasMessageContaining("log capture is off: system property"
                            + " slf4j.provider does not name dev.backendconfig.testkit.RecordingLogs");
        });
    }
}
