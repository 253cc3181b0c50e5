package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The steps of one exchange with an engine: each is given what its setting asks, cut to what is left of the
 * resolution's budget, and explains itself by what did not happen, within how long, and which setting gave the time.
 */
class ExchangeStepsTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration ANSWER = Duration.ofSeconds(7);
    private static final Duration PLENTY = Duration.ofHours(1);

    private static Exchange exchange(Duration left) {
        return new Exchange("GET /containers/json", new EngineTimeouts(CONNECT, ANSWER), () -> left);
    }

    @Test
    void aStepIsGivenWhatItsSettingAsksWhenAsMuchOrMoreIsLeft() {
        Step equal = Step.start("answer", "docker.answer-timeout", ANSWER, ANSWER);
        assertThat(equal.given()).isEqualTo(ANSWER);
        assertThat(equal.cut()).as("as much left as wanted is not a cut").isFalse();

        Step more = Step.start("answer", "docker.answer-timeout", ANSWER, PLENTY);
        assertThat(more.given()).isEqualTo(ANSWER);
        assertThat(more.cut()).isFalse();
        assertThat(more.deadline().total()).isEqualTo(ANSWER);
    }

    @Test
    void aStepIsCutToWhatIsLeftOfTheBudget() {
        Step cut = Step.start("answer", "docker.answer-timeout", ANSWER, Duration.ofMillis(300));
        assertThat(cut.given()).isEqualTo(Duration.ofMillis(300));
        assertThat(cut.cut()).isTrue();
        assertThat(cut.deadline().total()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aStepDescribesWhatDidNotHappenWithinHowLongAndWhichSettingGaveTheTime() {
        assertThat(Step.start("answer GET /x", "docker.answer-timeout", Duration.ofMillis(1500), PLENTY).describe())
                .isEqualTo("did not answer GET /x within 1500 ms (setting docker.answer-timeout)");
        assertThat(Step.start("answer GET /x", "docker.answer-timeout", ANSWER, Duration.ofMillis(250)).describe())
                .isEqualTo("did not answer GET /x within 250 ms (setting docker.answer-timeout, cut to what was left"
                        + " of setting timeout)");
        assertThat(Step.start("log in", "docker.timeout + docker.answer-timeout", Duration.ofSeconds(3), PLENTY)
                .describe()).isEqualTo("did not log in within 3000 ms (settings docker.timeout + docker.answer-timeout)");
    }

    @Test
    void aStepThatRanOutSaysSoAndCarriesItself() throws Exception {
        Step step = Step.start("answer GET /x", "docker.answer-timeout", Duration.ofMillis(20), PLENTY);
        Step.TimedOut timedOut = step.timedOut();
        assertThat(timedOut).hasMessage("did not answer GET /x within 20 ms (setting docker.answer-timeout)");
        assertThat(timedOut.step()).isSameAs(step);

        assertThat(step.millisLeft()).isBetween(1, 20);
        Thread.sleep(40);
        assertThatThrownBy(step::millisLeft).isInstanceOf(Step.TimedOut.class)
                .hasMessage("did not answer GET /x within 20 ms (setting docker.answer-timeout)")
                .satisfies(thrown -> assertThat(((Step.TimedOut) thrown).step()).isSameAs(step));
    }

    @Test
    void eachStepOfAnExchangeIsNamedAndTimedByItsOwnSetting() {
        Exchange exchange = exchange(PLENTY);
        assertThat(exchange.request()).isEqualTo("GET /containers/json");

        Step connecting = exchange.connecting();
        assertThat(connecting.describe()).isEqualTo("did not accept the connection within 2000 ms (setting"
                + " docker.timeout)");
        Step handshaking = exchange.handshaking();
        assertThat(handshaking.describe()).isEqualTo("did not finish the TLS handshake within 7000 ms (setting"
                + " docker.answer-timeout)");
        Step answering = exchange.answering();
        assertThat(answering.describe()).isEqualTo("did not answer GET /containers/json within 7000 ms (setting"
                + " docker.answer-timeout)");
        Step ssh = exchange.startingSsh();
        assertThat(ssh.describe()).isEqualTo("did not connect, log in and answer GET /containers/json within 9000 ms"
                + " (settings docker.timeout + docker.answer-timeout)");
    }

    @Test
    void theStepUnderWayIsTheLastOneStartedAndNoneBeforeTheFirst() {
        Exchange exchange = exchange(PLENTY);
        assertThat(exchange.current()).isNull();
        assertThat(exchange.expired()).as("nothing under way has run out").isFalse();

        Step connecting = exchange.connecting();
        assertThat(exchange.current()).isSameAs(connecting);
        Step answering = exchange.answering();
        assertThat(exchange.current()).isSameAs(answering);
        assertThat(exchange.expired()).isFalse();
    }

    @Test
    void anExchangeHasExpiredWhenItsStepUnderWayRanOut() throws InterruptedException {
        Exchange exchange = exchange(Duration.ofMillis(20));
        exchange.answering();
        Thread.sleep(40);
        assertThat(exchange.expired()).isTrue();
    }

    @Test
    void whatIsLeftOfTheBudgetIsAskedAsEachStepStarts() {
        AtomicInteger asked = new AtomicInteger();
        Exchange exchange = new Exchange("GET /x", new EngineTimeouts(CONNECT, ANSWER),
                () -> asked.incrementAndGet() == 1 ? PLENTY : Duration.ofMillis(500));
        assertThat(exchange.connecting().cut()).isFalse();
        Step answering = exchange.answering();
        assertThat(answering.cut()).isTrue();
        assertThat(answering.given()).isEqualTo(Duration.ofMillis(500));
        assertThat(asked).hasValue(2);
    }

    @Test
    void sshMayTakeDockerTimeoutToConnectButNeverMoreThanIsLeft() {
        assertThat(exchange(PLENTY).sshConnectTimeout()).isEqualTo(CONNECT);
        assertThat(exchange(CONNECT).sshConnectTimeout()).isEqualTo(CONNECT);
        assertThat(exchange(Duration.ofMillis(700)).sshConnectTimeout()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void timeoutsNameWhatIsMissing() {
        assertThatThrownBy(() -> new EngineTimeouts(null, ANSWER)).isInstanceOf(NullPointerException.class)
                .hasMessage("connect");
        assertThatThrownBy(() -> new EngineTimeouts(CONNECT, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("answer");
        assertThat(EngineTimeouts.both(ANSWER)).isEqualTo(new EngineTimeouts(ANSWER, ANSWER));
    }

    @Test
    void anEngineExceptionCarriesItsReason() {
        assertThat(new EngineException("engine x refused")).hasMessage("engine x refused");
    }
}
