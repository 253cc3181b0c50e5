package dev.backendconfig.api.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J binding for tests that records every event at every level, so that a test can prove what the library
 * logs, and that no secret ever reaches a log line. Registered in this test-jar's
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 */
public final class RecordingLogs implements SLF4JServiceProvider {

    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ILoggerFactory loggers = RecordingLogger::new;

    /**
     * One recorded event.
     *
     * @param logger the logger's name
     * @param level the level
     * @param message the formatted message
     * @param thrown the text of the attached throwable and its causes, or empty
     */
    public record Event(String logger, Level level, String message, String thrown) {
        /** Return everything the event would print. */
        public String text() {
            return level + " " + logger + " " + message + (thrown.isEmpty() ? "" : "\n" + thrown);
        }
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
