package dev.backendconfig.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class StderrLogsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Logger logger(int threshold) {
        return new StderrLogs.Factory(new PrintStream(bytes, true, StandardCharsets.UTF_8), threshold).getLogger("x");
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLevelPropertyNamesTheLowestLevelShownWarnUnlessItNamesAnother() {
        assertThat(StderrLogs.threshold(null)).isEqualTo(Level.WARN.toInt());
        assertThat(StderrLogs.threshold("trace")).isEqualTo(Level.TRACE.toInt());
        assertThat(StderrLogs.threshold(" DEBUG ")).isEqualTo(Level.DEBUG.toInt());
        assertThat(StderrLogs.threshold("info")).isEqualTo(Level.INFO.toInt());
        assertThat(StderrLogs.threshold("warn")).isEqualTo(Level.WARN.toInt());
        assertThat(StderrLogs.threshold("error")).isEqualTo(Level.ERROR.toInt());
        assertThat(StderrLogs.threshold("off")).isEqualTo(Integer.MAX_VALUE);
        assertThat(StderrLogs.threshold("verbose")).isEqualTo(Level.WARN.toInt());
    }

    @Test
    void aLineIsTheLevelInBracketsAndTheMessageWithItsArguments() {
        Logger logger = logger(Level.WARN.toInt());
        logger.warn("{} wins over {}", "TEST_BACKEND_URL", "BACKEND_URL");
        logger.error("broken: {}", 42);
        assertThat(printed()).isEqualTo("[WARN] TEST_BACKEND_URL wins over BACKEND_URL\n[ERROR] broken: 42\n");
    }

    @Test
    void levelsBelowTheThresholdPrintNothingAndSayTheyAreOff() {
        Logger logger = logger(Level.WARN.toInt());
        logger.info("hidden {}", 1);
        logger.debug("hidden");
        logger.trace("hidden");
        assertThat(printed()).isEmpty();
        assertThat(logger.isInfoEnabled()).isFalse();
        assertThat(logger.isDebugEnabled()).isFalse();
        assertThat(logger.isTraceEnabled()).isFalse();
        assertThat(logger.isWarnEnabled()).isTrue();
        assertThat(logger.isErrorEnabled()).isTrue();

        Logger all = logger(Level.TRACE.toInt());
        all.trace("t");
        all.debug("d");
        all.info("i");
        assertThat(printed()).isEqualTo("[TRACE] t\n[DEBUG] d\n[INFO] i\n");
        assertThat(logger(Integer.MAX_VALUE).isErrorEnabled()).isFalse();
        Logger errorsOnly = logger(Level.ERROR.toInt());
        assertThat(errorsOnly.isWarnEnabled()).isFalse();
        assertThat(errorsOnly.isErrorEnabled()).isTrue();
    }

    @Test
    void aThrowablesStackTraceFollowsItsLine() {
        logger(Level.WARN.toInt()).warn("failed: {}", "x", new IllegalStateException("the cause"));
        assertThat(printed()).startsWith("[WARN] failed: x\njava.lang.IllegalStateException: the cause\n\tat ");
    }

    @Test
    void theProviderStartsWithTheFactoryItsPropertyChose() {
        StderrLogs provider = new StderrLogs();
        provider.initialize();
        assertThat(provider.getLoggerFactory()).isInstanceOf(StderrLogs.Factory.class);
        assertThat(provider.getMarkerFactory()).isNotNull();
        assertThat(provider.getMDCAdapter()).isNotNull();
        assertThat(provider.getRequestedApiVersion()).startsWith("2.0");
    }
}
