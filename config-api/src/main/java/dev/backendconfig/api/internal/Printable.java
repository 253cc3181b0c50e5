package dev.backendconfig.api.internal;

/** Make text from outside fit a one-line message: control characters escaped, length bounded. */
public final class Printable {

    private Printable() {
    }

    /** Return {@code text} with control characters as {@code \\n}, {@code \\u001b} and the like, cut at {@code max}. */
    public static String shorten(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.length() < max || text.length() <= max ? out.toString() : out + "...";
    }
}
