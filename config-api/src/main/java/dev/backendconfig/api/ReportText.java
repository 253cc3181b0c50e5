package dev.backendconfig.api;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.Origin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lay a {@link ResolutionReport} out as aligned plain text. */
final class ReportText {

    private static final int MAX_REASON_COLUMN = 72;
    private static final List<String> URL_KEYS = List.of(BackendEndpoint.HTTP, BackendEndpoint.WEBSOCKET);

    private ReportText() {
    }

    static String render(ResolutionReport report) {
        StringBuilder text = new StringBuilder();
        text.append(headline(report)).append('\n');
        int idWidth = report.lines().stream().mapToInt(line -> line.provider().length()).max().orElse(0);
        int reasonWidth = Math.min(MAX_REASON_COLUMN,
                report.lines().stream().mapToInt(line -> line.reason().length()).max().orElse(0));
        String indent = " ".repeat(2 + idWidth + 2 + 3 + 2 + 12 + 1);
        for (Line line : report.lines()) {
            text.append("  ").append(pad(line.provider(), idWidth)).append("  ")
                    .append(line.outcome() == Outcome.NOT_LOADED ? "  -" : String.format("%3d", line.priority()))
                    .append("  ").append(pad(line.outcome().label(), 12)).append(' ');
            boolean timed = line.outcome() != Outcome.NOT_ASKED && line.outcome() != Outcome.EXCLUDED
                    && line.outcome() != Outcome.NOT_LOADED;
            if (timed) {
                text.append(pad(line.reason(), reasonWidth)).append("  ").append(millis(line.elapsed()));
            } else {
                text.append(line.reason());
            }
            trimEnd(text);
            text.append('\n');
            List<String> details = new ArrayList<>();
            for (Map.Entry<String, Origin> origin : line.origins().entrySet()) {
                if (URL_KEYS.contains(origin.getKey())) {
                    text.append(indent).append(origin.getKey()).append(": ").append(origin.getValue().describe())
                            .append('\n');
                } else {
                    details.add(origin.getKey());
                }
            }
            if (!details.isEmpty()) {
                text.append(indent).append("details: ").append(String.join(", ", details)).append('\n');
            }
            for (String note : line.notes()) {
                text.append(indent).append("note: ").append(note).append('\n');
            }
        }
        for (String note : report.notes()) {
            text.append("  ").append(note).append('\n');
        }
        return text.toString();
    }

    private static String headline(ResolutionReport report) {
        return report.endpoint().map(endpoint -> "backend: " + endpoint.maskedHttp() + "  " + endpoint.maskedWebSocket()
                + "  (from " + endpoint.source() + ", " + millis(report.elapsed()) + ")")
                .orElseGet(() -> "backend: none found (" + asked(report) + " asked, " + millis(report.elapsed()) + ")");
    }

    private static String asked(ResolutionReport report) {
        long asked = report.lines().stream().filter(line -> line.outcome() != Outcome.NOT_ASKED
                && line.outcome() != Outcome.EXCLUDED && line.outcome() != Outcome.NOT_LOADED).count();
        return asked == 1 ? "1 provider" : asked + " providers";
    }

    static String millis(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (micros < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0);
        }
        return (micros / 1000) + " ms";
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
