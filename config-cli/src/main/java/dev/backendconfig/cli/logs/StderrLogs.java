package dev.backendconfig.cli.logs;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The command's SLF4J provider, registered in the runnable jar only: the library's lines at {@code WARN} and above on
 * standard error, one line each, as {@code [WARN] message} (and a throwable's stack trace after its line). The level is
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} ({@code trace}, {@code debug}, {@code info}, {@code warn},
 * {@code error} or {@code off}; {@code warn} by default), the property slf4j-simple read when it was the command's
 * binding: its lines look the same. (slf4j-simple's per-logger levels, {@code org.slf4j.simpleLogger.log.NAME}, and
 * its marker text are not read or written: the library names no marker, and its loggers all warn alike.)
 *
 * <p>Why not slf4j-simple: its start (reading its settings file through the class loader, a date format, lambdas) and
 * SLF4J's loading of a provider named by {@code slf4j.provider} (a {@code String.format}, which compiles a regular
 * expression) cost the command's process some 20 ms, a fifth of a bare JVM's start; this provider is found by SLF4J's
 * own {@code ServiceLoader} and starts with nothing to read (docs/benchmarks.md). A project that runs the command in
 * its own JVM ({@code Explain.execute}) keeps its own binding: the module's jar does not register this one.
 */
public final class StderrLogs implements SLF4JServiceProvider {

    /** The system property that sets the level, as slf4j-simple named it. */
    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private Factory factory;

    /** Made by SLF4J's {@code ServiceLoader}. */
    public StderrLogs() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        factory = new Factory(System.err, threshold(System.getProperty(LEVEL_PROPERTY)));
    }

    /**
     * The lowest level shown for a value of {@link #LEVEL_PROPERTY}: {@code warn} for none; {@code off} shows nothing
     * ({@link Integer#MAX_VALUE}). A value that names no level is warn as well, the command's own default (slf4j-simple
     * took such a value as info).
     */
    static int threshold(String value) {
        if (value == null) {
            return Level.WARN.toInt();
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "trace":
                return Level.TRACE.toInt();
            case "debug":
                return Level.DEBUG.toInt();
            case "info":
                return Level.INFO.toInt();
            case "error":
                return Level.ERROR.toInt();
            case "off":
                return Integer.MAX_VALUE;
            default:
                return Level.WARN.toInt();
        }
    }

    /** One logger for every name: the lines do not show the logger's name. */
    static final class Factory implements ILoggerFactory {

        private final Line logger;

        Factory(PrintStream out, int threshold) {
            this.logger = new Line(out, threshold);
        }

        @Override
        public Logger getLogger(String name) {
            return logger;
        }
    }

    /** Writes {@code [LEVEL] message} lines at or above its threshold. */
    static final class Line extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        private final transient PrintStream out;
        private final int threshold;

        Line(PrintStream out, int threshold) {
            this.out = out;
            this.threshold = threshold;
            this.name = "backend-config";
        }

        private boolean shows(Level level) {
            return level.toInt() >= threshold;
        }

        @Override
        public boolean isTraceEnabled() {
            return shows(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return shows(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return shows(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return shows(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return shows(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                Object[] arguments, Throwable throwable) {
            String line = "[" + level + "] " + MessageFormatter.basicArrayFormat(messagePattern, arguments);
            synchronized (out) { // the line and its stack trace together; System.err flushes at each line
                out.println(line);
                if (throwable != null) {
                    throwable.printStackTrace(out);
                }
            }
        }
    }
}
