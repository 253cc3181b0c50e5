package dev.backendconfig.api.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** How a setting's key is written in each place it is read from. */
public final class SettingNames {

    /** The prefix of every setting's system property. */
    public static final String PROPERTY_PREFIX = "backendconfig.";
    /** The prefix of every setting's environment variable. */
    public static final String VARIABLE_PREFIX = "BACKENDCONFIG_";
    /** The prefix of every per-service key: {@code services.<name>.<suffix>}. */
    public static final String SERVICE_PREFIX = "services.";

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private SettingNames() {
    }

    /** Tell whether a service name is lower-case letters and digits, words joined by {@code -}. */
    public static boolean isServiceName(String name) {
        return SERVICE_NAME.matcher(name).matches();
    }

    /** Return the environment variable of a key: {@code BACKENDCONFIG_<KEY>}, dots and dashes as {@code _}. */
    public static String variable(String key) {
        return VARIABLE_PREFIX + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
