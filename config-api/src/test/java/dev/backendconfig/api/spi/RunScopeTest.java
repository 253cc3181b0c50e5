package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testkit.RecordingLogs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RunScopeTest {

    private final List<String> released = new CopyOnWriteArrayList<>();

    @Test
    void closingReleasesEverythingHeldNewestFirstAndOnce() {
        RunScope scope = RunScope.create("test");
        scope.hold("first", () -> released.add("first"));
        scope.hold("second", () -> released.add("second"));

        scope.close();
        scope.close();

        assertThat(released).containsExactly("second", "first");
        assertThat(scope.hold("first", () -> released.add("first again"))).as("first is no longer held").isTrue();
    }

    @Test
    void aKeyHeldAlreadyIsNotHeldTwice() {
        RunScope scope = RunScope.create("test");
        assertThat(scope.hold("lease", () -> released.add("one"))).isTrue();
        assertThat(scope.hold("lease", () -> released.add("two"))).isFalse();

        scope.close();

        assertThat(released).containsExactly("one");
    }

    @Test
    void oneKeyCanBeReleasedAloneAndTheScopeHoldsAgainAfterItClosed() {
        RunScope scope = RunScope.create("test");
        scope.hold("a", () -> released.add("a"));
        scope.hold("b", () -> released.add("b"));
        scope.release("a");
        assertThat(released).containsExactly("a");
        scope.close();
        scope.hold("c", () -> released.add("c"));
        scope.close();
        assertThat(released).containsExactly("a", "b", "c");
    }

    @Test
    void aReleaseThatThrowsIsLoggedWithItsSecretsMaskedAndTheOthersStillRun() {
        RecordingLogs.clear();
        RunScope scope = RunScope.create("a test run");
        scope.hold("kept", () -> released.add("kept"));
        scope.hold("broken", () -> {
            throw new IllegalStateException("engine at https://deploy:Hunter2Pw@10.0.0.1 refused");
        });

        scope.close();

        assertThat(released).containsExactly("kept");
        assertThat(RecordingLogs.events(Level.WARN)).anySatisfy(event -> assertThat(event.message())
                .isEqualTo("releasing broken at the end of a test run failed: engine at https://***@10.0.0.1 refused"));
        assertThat(RecordingLogs.text()).doesNotContain("Hunter2Pw");
    }
}
