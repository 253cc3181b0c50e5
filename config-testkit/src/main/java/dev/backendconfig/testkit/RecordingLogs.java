package dev.backendconfig.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A log capture for tests: an SLF4J provider that records every event at every level, so that a test can prove
 * what is logged, and that no secret ever reaches a log line.
 *
 * <p>It is <em>not</em> registered in a {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} file, so that
 * putting config-testkit on a test classpath never takes over the project's own SLF4J binding. A project activates
 * it explicitly with the system property SLF4J 2.0.9 and later honour, for example in the Surefire configuration:
 *
 * <pre>{@code
 * <systemPropertyVariables>
 *   <slf4j.provider>dev.backendconfig.testkit.RecordingLogs</slf4j.provider>
 * </systemPropertyVariables>
 * }</pre>
 *
 * <p>{@link #isActive()} tells whether it is the provider SLF4J chose; tests that read the recorded events should
 * check it first and be skipped, with a reason, when it is not (see {@link EndpointProviderContractTest}).
 */
@API(status = EXPERIMENTAL, since = "1.0")
public final class RecordingLogs implements SLF4JServiceProvider {

    /** The value of system property {@code slf4j.provider} that activates the capture: this class's name. */
    public static final String PROVIDER = "dev.backendconfig.testkit.RecordingLogs";

    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ILoggerFactory loggers = new RecordingLoggerFactory();

    /** Create the provider; SLF4J does, when system property {@code slf4j.provider} names this class. */
    public RecordingLogs() {
        // the events are kept in a static list, shared by every logger
    }

    /**
     * One recorded event.
     *
     * @param logger the logger's name
     * @param level the level
     * @param message the formatted message
     * @param thrown the text of the attached throwable and its causes, or empty
     */
    @API(status = STABLE, since = "1.0")
    public record Event(String logger, Level level, String message, String thrown) {
        /** Return everything the event would print. */
        public String text() {
            return level + " " + logger + " " + message + (thrown.isEmpty() ? "" : "\n" + thrown);
        }
    }

    /**
     * Tell whether SLF4J chose this provider, that is whether log events are being recorded in this JVM. It is
     * false when system property {@code slf4j.provider} does not name this class (another binding, or none, is in
     * charge).
     */
    public static boolean isActive() {
        return LoggerFactory.getILoggerFactory() instanceof RecordingLoggerFactory;
    }

    /** Return every event recorded so far. */
    public static List<Event> events() {
        return List.copyOf(EVENTS);
    }

    /** Return the events of one level. */
    public static List<Event> events(Level level) {
        return EVENTS.stream().filter(event -> event.level() == level).toList();
    }

    /** Return all recorded events as one text, one per line. */
    public static String text() {
        return EVENTS.stream().map(Event::text).collect(Collectors.joining("\n"));
    }

    /** Forget every recorded event. */
    public static void clear() {
        EVENTS.clear();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
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
        // nothing to set up
    }

    private static final class RecordingLoggerFactory implements ILoggerFactory {
        @Override
        public org.slf4j.Logger getLogger(String name) {
            return new RecordingLogger(name);
        }
    }

    private static final class RecordingLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        RecordingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            EVENTS.add(new Event(name, level, message, describe(throwable)));
        }

        private static String describe(Throwable throwable) {
            StringBuilder text = new StringBuilder();
            for (Throwable t = throwable; t != null; t = t.getCause()) {
                text.append(t).append('\n');
            }
            return text.toString();
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }
}
