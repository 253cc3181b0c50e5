package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;


/**
 * Render text that came from outside — a container label or name, an engine's message, a health check's output, a
 * file or variable name — so that it can go into a report, a message or a log line without forging a line or moving
 * the cursor.
 *
 * <p>{@link #oneLine(String)} keeps the text on one line: a line feed, carriage return and tab become {@code \n},
 * {@code \r} and {@code \t}; every other control character (C0, DEL, C1 such as the CSI that starts an ANSI escape),
 * the Unicode line and paragraph separators and the invisible format characters (bidirectional overrides, zero-width
 * characters) become {@code \}{@code uXXXX}. Everything else, backslashes included, is kept as it is.
 * {@link #excerpt(String, int)} also masks secrets and shortens, for quoting a piece of outside text in a message.
 *
 * <p>The report renders every reason, note and origin through {@link #oneLine(String)}, so a provider that forgets
 * cannot forge a line; providers still escape at the source, where the text is known to come from outside.
 */
@API(status = STABLE, since = "1.0")
public final class OutsideText {

    /** How long {@link #excerpt(String)} lets a quoted piece of outside text be. */
    public static final int DEFAULT_EXCERPT_CHARS = 160;

    private OutsideText() {
    }

    /** Return {@code text} on one line, with control and invisible format characters escaped as described above. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        if (isOneLine(text)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (mustEscape(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /**
     * Return a piece of outside text fit to quote in a message: secrets masked ({@link Secrets#maskText(String)}),
     * on one line, and at most {@link #DEFAULT_EXCERPT_CHARS} characters ({@code ...} marks a cut).
     */
    public static String excerpt(String text) {
        return excerpt(text, DEFAULT_EXCERPT_CHARS);
    }

    /**
     * Return a piece of outside text fit to quote in a message: secrets masked first (so that a cut never leaves part
     * of a password unmasked), then on one line, then at most {@code maxChars} characters.
     */
    public static String excerpt(String text, int maxChars) {
        String oneLine = oneLine(Secrets.maskText(text));
        if (oneLine.length() <= maxChars) {
            return oneLine;
        }
        int cut = Math.max(0, maxChars);
        if (cut > 0 && Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
            cut--;
        }
        return oneLine.substring(0, cut) + "...";
    }

    /** Tell whether {@code text} holds anything {@link #oneLine(String)} would escape. */
    public static boolean isOneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (mustEscape(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mustEscape(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
