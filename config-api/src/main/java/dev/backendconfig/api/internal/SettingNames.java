package dev.backendconfig.api.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How a setting's key is written in each place it is read from. */
public final class SettingNames {

    /** The prefix of every setting's system property. */
    public static final String PROPERTY_PREFIX = "backendconfig.";
    /** The prefix of every setting's environment variable. */
    public static final String VARIABLE_PREFIX = "BACKENDCONFIG_";
    /** The prefix of every per-service key: {@code services.<name>.<suffix>}. */
    public static final String SERVICE_PREFIX = "services.";

    /** How many keys' variable names are kept: every declared key of a run, with room for per-service keys. */
    static final int KEPT = 1024;
    /**
     * The variable names already written, by key. Every resolution looks each known setting up among the variables
     * and checks the variables set against them, hundreds of names: written once per JVM instead (a key is a
     * setting's declared name, never a value). Bounded: past {@link #KEPT} keys, names are written as they are asked.
     */
    private static final Map<String, String> VARIABLES = new ConcurrentHashMap<>();

    private SettingNames() {
    }

    /** Tell whether a service name is lower-case letters and digits, words joined by {@code -}. */
    public static boolean isServiceName(String name) {
        return isWords(name, "-");
    }

    /** Tell whether a setting's key is lower-case letters and digits, words joined by {@code .} or {@code -}. */
    public static boolean isKey(String key) {
        return isWords(key, ".-");
    }

    /**
     * Tell whether {@code text} is words of lower-case letters and digits, the first beginning with a letter, each
     * joined to the next by one of {@code separators} ({@code [a-z][a-z0-9]*([SEPARATORS][a-z0-9]+)*}). Scanned
     * rather than matched with a regular expression: settings and services are declared and checked by the dozen in
     * every first resolution, and compiling and running patterns there cost a fresh JVM time for nothing.
     */
    private static boolean isWords(String text, String separators) {
        if (text.isEmpty() || text.charAt(0) < 'a' || text.charAt(0) > 'z') {
            return false;
        }
        boolean afterSeparator = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                afterSeparator = false;
            } else if (separators.indexOf(c) >= 0 && !afterSeparator) {
                afterSeparator = true;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    /** Return the environment variable of a key: {@code BACKENDCONFIG_<KEY>}, dots and dashes as {@code _}. */
    public static String variable(String key) {
        String kept = VARIABLES.get(key);
        if (kept != null) {
            return kept;
        }
        String variable = VARIABLE_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        if (VARIABLES.size() < KEPT) {
            VARIABLES.put(key, variable);
        }
        return variable;
    }

    /** Return how many keys' variable names are kept. */
    static int kept() {
        return VARIABLES.size();
    }
}
