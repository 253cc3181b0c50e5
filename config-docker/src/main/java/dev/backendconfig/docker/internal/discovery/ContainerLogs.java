package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines a container wrote ({@code GET /containers/{id}/logs}, standard output and error together), for a
 * report or an error that says why a container stopped or never became healthy. The engine sends them multiplexed
 * (an 8-byte header before each frame) unless the container has a terminal; both are read. Each line is masked, put
 * on one line and cut at 300 characters: a log is outside text and may hold a password.
 */
public final class ContainerLogs {

    /** How many characters of one log line are kept. */
    public static final int MAX_LINE_CHARS = 300;

    private ContainerLogs() {
    }

    /**
     * Return the container's last {@code count} log lines, oldest first; empty when the engine has none or refuses
     * (a logging driver that keeps nothing locally).
     *
     * @param containerId a container id as the engine listed it
     * @throws EngineException when the engine cannot be asked
     */
    public static List<String> tail(EngineClient client, String containerId, int count) throws EngineException {
        EngineClient.Reply reply = client.get(EngineClient.path("containers", containerId, "logs")
                + "?stdout=1&stderr=1&timestamps=0&tail=" + count);
        if (reply.status() != 200) {
            return List.of();
        }
        List<String> lines = lines(demultiplex(reply.body()));
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** Return the lines as one clause for a report line: {@code "; its last log lines: a | b"}, or empty text. */
    public static String clause(List<String> lines) {
        return lines.isEmpty() ? "" : "; its last log lines: " + String.join(" | ", lines);
    }

    /** Return the text of a log body: the frames' payloads when it is multiplexed, else the body as it is. */
    static String demultiplex(byte[] body) {
        if (!multiplexed(body)) {
            return new String(body, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at + 8 <= body.length) {
            long size = ((body[at + 4] & 0xFFL) << 24) | ((body[at + 5] & 0xFF) << 16) | ((body[at + 6] & 0xFF) << 8)
                    | (body[at + 7] & 0xFF);
            int start = at + 8;
            int end = (int) Math.min(body.length, start + size);
            text.append(new String(body, start, end - start, StandardCharsets.UTF_8));
            at = end;
        }
        return text.toString();
    }

    private static boolean multiplexed(byte[] body) {
        return body.length >= 8 && body[0] >= 0 && body[0] <= 2 && body[1] == 0 && body[2] == 0 && body[3] == 0;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(OutsideText.excerpt(line.stripTrailing(), MAX_LINE_CHARS));
            }
        }
        return lines;
    }
}
