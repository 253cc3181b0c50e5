package dev.backendconfig.docker.internal;

import dev.backendconfig.api.Secrets;

/**
 * Render text from outside (an engine's header, ssh's error output) for a one-line report: user info of URLs
 * masked, control characters escaped ({@code \n}, {@code \t}, {@code \x1b}), shortened with {@code ...}.
 */
final class Printable {

    private Printable() {
    }

    /** Return the text masked, escaped and cut to {@code max} characters. */
    static String oneLine(String text, int max) {
        String masked = Secrets.maskText(text);
        StringBuilder out = new StringBuilder(Math.min(masked.length(), max) + 8);
        int i = 0;
        for (; i < masked.length() && out.length() < max; i++) {
            char c = masked.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return i < masked.length() ? out + "..." : out.toString();
    }
}
