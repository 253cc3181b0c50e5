package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testkit.RecordingLogs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /** The command line's exit guard closes the JVM's scope while the scope's own shutdown hook may be closing it. */
    @Test
    void aCloseWhileAnotherRunsReturnsOnlyOnceTheFirstHasReleasedEverything() throws Exception {
        RunScope scope = RunScope.create("a test");
        CountDownLatch releasing = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        scope.hold("stack", () -> {
            releasing.countDown();
            mayFinish.await();
            done.add("stack released");
        });
        Thread first = new Thread(scope::close, "first close");
        first.start();
        assertThat(releasing.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = new Thread(() -> {
            scope.close();
            done.add("second close returned");
        }, "second close");
        second.start();
        second.join(300);
        assertThat(done).as("the second close waits for the first").isEmpty();

        mayFinish.countDown();
        first.join(10_000);
        second.join(10_000);

        assertThat(done).containsExactly("stack released", "second close returned");
    }
}
