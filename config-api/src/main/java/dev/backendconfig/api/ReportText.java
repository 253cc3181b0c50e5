package dev.backendconfig.api;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.ResolutionReport.ServiceLine;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lay a {@link ResolutionReport} out as aligned plain text. Every piece of text a provider handed in (ids, reasons,
 * notes, origins) goes through {@link OutsideText#oneLine(String)}, so that no provider can forge a line; a line shows
 * at most {@link #MAX_NOTES_SHOWN} notes and says how many more there are.
 */
final class ReportText {

    /** The most notes shown under one provider; the rest are counted (all are in {@link ResolutionReport#lines()}). */
    static final int MAX_NOTES_SHOWN = 20;

    private static final int MAX_REASON_COLUMN = 72;
    private static final List<String> URL_KEYS = List.of(ServiceEndpoint.HTTP, ServiceEndpoint.WEBSOCKET);

    private ReportText() {
    }

    static String render(ResolutionReport report) {
        StringBuilder text = new StringBuilder();
        text.append(headline(report)).append('\n');
        // loops, not streams: the report is rendered in the command line's first and only resolution
        int idWidth = 0;
        int longestReason = 0;
        for (Line line : report.lines()) {
            idWidth = Math.max(idWidth, safe(line.provider()).length());
            longestReason = Math.max(longestReason, safe(line.reason()).length());
        }
        int reasonWidth = Math.min(MAX_REASON_COLUMN, longestReason);
        String indent = " ".repeat(2 + idWidth + 2 + 3 + 2 + 12 + 1);
        for (Line line : report.lines()) {
            text.append("  ").append(pad(safe(line.provider()), idWidth)).append("  ")
                    .append(line.outcome() == Outcome.NOT_LOADED ? "  -" : padStart(Integer.toString(line.priority()), 3))
                    .append("  ").append(pad(line.outcome().label(), 12)).append(' ');
            boolean timed = line.outcome() != Outcome.NOT_ASKED && line.outcome() != Outcome.EXCLUDED
                    && line.outcome() != Outcome.NOT_LOADED;
            if (timed) {
                text.append(pad(safe(line.reason()), reasonWidth)).append("  ").append(millis(line.elapsed()));
            } else {
                text.append(safe(line.reason()));
            }
            trimEnd(text);
            text.append('\n');
            if (line.services().isEmpty()) {
                origins(line.origins(), indent, text);
            }
            for (ServiceLine service : line.services()) {
                text.append(indent).append(safe(service.service()))
                        .append(service.found() ? "" : service.required() ? " (not found)" : " (optional, not found)")
                        .append(": ").append(safe(service.reason())).append('\n');
                origins(service.origins(), indent + "  ", text);
            }
            List<String> notes = line.notes();
            for (String note : notes.subList(0, Math.min(notes.size(), MAX_NOTES_SHOWN))) {
                text.append(indent).append("note: ").append(safe(note)).append('\n');
            }
            if (notes.size() > MAX_NOTES_SHOWN) {
                text.append(indent).append("note: ... and ").append(notes.size() - MAX_NOTES_SHOWN)
                        .append(" more notes (all are in ResolutionReport.lines())\n");
            }
        }
        for (String note : report.notes()) {
            text.append("  ").append(safe(note)).append('\n');
        }
        return text.toString();
    }

    private static void origins(Map<String, Origin> origins, String indent, StringBuilder text) {
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, Origin> origin : origins.entrySet()) {
            if (URL_KEYS.contains(origin.getKey())) {
                text.append(indent).append(origin.getKey()).append(": ").append(origin.getValue().describe())
                        .append('\n');
            } else {
                details.add(safe(origin.getKey()));
            }
        }
        if (!details.isEmpty()) {
            text.append(indent).append("details: ").append(String.join(", ", details)).append('\n');
        }
    }

    private static String headline(ResolutionReport report) {
        ServiceEndpoint backend = report.services().get(Service.BACKEND);
        if (backend == null) {
            return "backend: none found (" + asked(report) + " asked, " + millis(report.elapsed()) + ")";
        }
        if (report.services().size() == 1) {
            return "backend: " + urls(backend) + "  (from " + safe(backend.source()) + ", " + millis(report.elapsed())
                    + ")";
        }
        int width = 0;
        for (String service : report.services().keySet()) {
            width = Math.max(width, service.length());
        }
        width++;
        StringBuilder text = new StringBuilder();
        for (ServiceEndpoint endpoint : report.services().values()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(pad(endpoint.service() + ":", width)).append(' ').append(urls(endpoint));
            if (endpoint == backend) {
                text.append("  (from ").append(safe(backend.source())).append(", ").append(millis(report.elapsed()))
                        .append(')');
            }
        }
        return text.toString();
    }

    /** Return the services' URLs on one line, for the INFO log: {@code backend: http://... ws://...; auth: ...}. */
    static String endpoints(Collection<ServiceEndpoint> endpoints) {
        List<String> parts = new ArrayList<>();
        for (ServiceEndpoint endpoint : endpoints) {
            parts.add(endpoint.service() + ": " + Secrets.mask(endpoint.http()) + " " + webSocket(endpoint)
                    + (endpoint.unconfirmed().isEmpty() ? "" : " (UNCONFIRMED)"));
        }
        return String.join("; ", parts);
    }

    private static String urls(ServiceEndpoint endpoint) {
        Optional<String> unconfirmed = endpoint.unconfirmed();
        return Secrets.mask(endpoint.http()) + "  " + webSocket(endpoint) + (unconfirmed.isPresent()
                ? "  UNCONFIRMED: " + safe(unconfirmed.get()) : "");
    }

    private static String webSocket(ServiceEndpoint endpoint) {
        Optional<URI> webSocket = endpoint.findWebSocket();
        return webSocket.isPresent() ? Secrets.mask(webSocket.get()) : "(no WebSocket)";
    }

    private static String asked(ResolutionReport report) {
        int asked = 0;
        for (Line line : report.lines()) {
            if (line.outcome() != Outcome.NOT_ASKED && line.outcome() != Outcome.EXCLUDED
                    && line.outcome() != Outcome.NOT_LOADED) {
                asked++;
            }
        }
        return asked == 1 ? "1 provider" : asked + " providers";
    }

    static String millis(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (micros < 0) {
            return String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0);
        }
        if (micros < 10_000) {
            // tenths of a millisecond, half up: what "%.1f" prints, without a Formatter (and the regular expression
            // it compiles) in a first resolution
            long tenths = (micros + 50) / 100;
            return tenths / 10 + "." + tenths % 10 + " ms";
        }
        return (micros / 1000) + " ms";
    }

    /** {@code text} with spaces before it up to {@code width}: what {@code "%3d"} prints for a number, at width 3. */
    static String padStart(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    private static String safe(String text) {
        return OutsideText.oneLine(text);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static void trimEnd(StringBuilder text) {
        while (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
    }
}
