package dev.backendconfig.docker.internal;

/**
 * The checks of engine replies and addresses that every first docker resolution runs, written as scans of their
 * characters rather than regular expressions: compiling a pattern loads some forty classes of {@code java.util.regex}
 * and links the lambdas they hold, a cost of a fresh JVM's first call that no answer needed. Each method says the
 * pattern it stands for; {@code ScansTest} checks each against that pattern over every short string of an alphabet
 * that holds the edge characters.
 */
public final class Scans {

    private Scans() {
    }

    /** {@code [0-9a-f]{12,64}}: a container id as the engine lists it. */
    public static boolean isContainerId(String text) {
        if (text.length() < 12 || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z0-9_.-]{1,128}}: a word a request path may hold as one segment. */
    public static boolean isPathWord(String text) {
        return text.length() >= 1 && text.length() <= 128 && allOf(text, "_.-");
    }

    /** {@code [A-Za-z0-9._~%:-]+}: what a URL's host may hold (unreserved characters, IPv6's : and zone %). */
    public static boolean isHostText(String text) {
        return !text.isEmpty() && allOf(text, "._~%:-");
    }

    /** {@code [A-Za-z][A-Za-z0-9+.-]*}: a URL scheme. */
    public static boolean isScheme(String text) {
        return !text.isEmpty() && isLetter(text.charAt(0)) && allOf(text, "+.-");
    }

    /** {@code [0-9A-Za-z.+~_-]{1,40}}: an engine's version, as its headers give it. */
    public static boolean isVersion(String text) {
        return text.length() >= 1 && text.length() <= 40 && allOf(text, ".+~_-");
    }

    /**
     * {@code (Docker|Libpod)/([0-9A-Za-z.+~_-]{1,40})(\s.*)?}: an engine's Server header. Return its version (the
     * pattern's second group) when {@code text} is such a header of {@code product} ({@code Docker} or
     * {@code Libpod}), else null.
     */
    public static String serverVersion(String text, String product) {
        if (!text.startsWith(product + "/")) {
            return null;
        }
        int start = product.length() + 1;
        int end = start;
        while (end < text.length() && isLetterOrDigit(text.charAt(end)) || end < text.length()
                && ".+~_-".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        if (end == start || end - start > 40) {
            return null;
        }
        if (end < text.length()) {
            // then a white space (\s: space, tab, line feed, vertical tab, form feed, carriage return) and any
            // characters but line terminators (what . matches)
            if (" \t\n\u000B\f\r".indexOf(text.charAt(end)) < 0) {
                return null;
            }
            for (int i = end + 1; i < text.length(); i++) {
                if ("\n\r\u0085\u2028\u2029".indexOf(text.charAt(i)) >= 0) {
                    return null;
                }
            }
        }
        return text.substring(start, end);
    }

    /**
     * {@code (25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}}: an
     * IPv4 address, four decimal numbers 0-255 without a leading zero.
     */
    public static boolean isIpv4(String text) {
        int parts = 0;
        int i = 0;
        while (true) {
            int start = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || digits > 1 && text.charAt(start) == '0'
                    || Integer.parseInt(text, start, i, 10) > 255) {
                return false;
            }
            parts++;
            if (i == text.length()) {
                return parts == 4;
            }
            if (text.charAt(i) != '.') { // a fifth number is refused at the end, by the count
                return false;
            }
            i++;
        }
    }

    /** {@code [0-9A-Fa-f:.]{2,45}}: the characters an IPv6 literal may hold, at a length it may have. */
    public static boolean isIpv6Text(String text) {
        if (text.length() < 2 || text.length() > 45) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code (?i).*compose.*\\.ya?ml}: a file name that holds "compose" and ends in .yml or .yaml, in any case of
     * ASCII letters (the pattern's case-insensitivity is ASCII's only), on one line.
     */
    public static boolean isComposeFileName(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("\n\r\u0085\u2028\u2029".indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        int suffix = endsWithAscii(text, ".yml") ? text.length() - 4 : endsWithAscii(text, ".yaml") ? text.length() - 5
                : -1;
        for (int at = 0; at + 7 <= suffix; at++) {
            if (regionAscii(text, at, "compose")) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithAscii(String text, String lowerCase) {
        return text.length() >= lowerCase.length() && regionAscii(text, text.length() - lowerCase.length(), lowerCase);
    }

    /** Tell whether {@code text} holds {@code lowerCase} at {@code at}, ASCII letters in either case. */
    private static boolean regionAscii(String text, int at, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            char c = text.charAt(at + i);
            char folded = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (folded != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z0-9_-]+}: a compose project name as the label carries it. */
    public static boolean isComposeProjectName(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [a-z][a-z0-9]*(-[a-z0-9]+)*}: a service name as a setting may write it: a lower-case letter, then letters
     * and digits, single dashes between them.
     */
    public static boolean isServiceName(String text) {
        if (text.isEmpty() || !(text.charAt(0) >= 'a' && text.charAt(0) <= 'z')) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alphanumeric && !(c == '-' && i + 1 < text.length() && text.charAt(i + 1) != '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9A-Fa-f]{4}}: the four hexadecimal digits of a JSON unicode escape. */
    public static boolean isFourHexDigits(String text) {
        return text.length() == 4 && isIpv6Text(text) && text.indexOf(':') < 0 && text.indexOf('.') < 0;
    }

    /**
     * {@code replaceAll("[^A-Za-z0-9_.-]", "_")}: {@code text} with every character (code point) other than ASCII
     * letters, digits, {@code _ . -} written {@code _}, for a file name.
     */
    public static String fileNamePart(String text) {
        StringBuilder part = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            part.append(c < 128 && (isLetterOrDigit((char) c) || "_.-".indexOf(c) >= 0) ? (char) c : '_');
        }
        return part.toString();
    }

    /** Tell whether every character is an ASCII letter, an ASCII digit or one of {@code others}. */
    private static boolean allOf(String text, String others) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isLetterOrDigit(c) && others.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isLetterOrDigit(char c) {
        return isLetter(c) || c >= '0' && c <= '9';
    }
}
