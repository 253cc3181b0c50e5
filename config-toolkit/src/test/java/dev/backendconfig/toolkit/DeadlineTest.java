package dev.backendconfig.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aDeadlineInTheFutureHasTimeLeftAndHasNotPassed() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        assertThat(deadline.passed()).isFalse();
        assertThat(deadline.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(deadline.millisLeft()).isBetween(1, 60_000);
        assertThat(deadline.total()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aPassedDeadlineHasNothingLeftButNeverAZeroSocketTimeout() {
        Deadline deadline = new Deadline(Duration.ofMillis(5), System.nanoTime() - 1_000_000);
        assertThat(deadline.passed()).isTrue();
        assertThat(deadline.remaining()).isZero();
        assertThat(deadline.millisLeft()).as("0 would mean wait forever").isEqualTo(1);
    }

    @Test
    void boundGivesTheShorterOfWhatIsWantedAndWhatIsLeft() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        assertThat(deadline.bound(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(deadline.bound(Duration.ofMinutes(5))).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(new Deadline(Duration.ZERO, System.nanoTime() - 1).bound(Duration.ofSeconds(2))).isZero();
    }
}
