package dev.backendconfig.api.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One service a resolution must find: {@code backend} always, and those declared with setting {@code services}
 * ({@code services=auth,frontend}). Every provider answers for all of them or for none, so that tests never mix
 * services of two environments.
 *
 * @param name the service's name, lower-case words joined by {@code -}: {@code backend}, {@code auth}
 * @param required whether resolution needs it (setting {@code services.<name>.required}, default true; the backend
 *     is always required)
 */
public record Service(String name, boolean required) {

    /** The name of the service every resolution finds. */
    public static final String BACKEND = "backend";

    /** What a service name looks like: lower-case letters and digits, words joined by {@code -}. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Service {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a service name is lower-case letters and digits, words joined by '-'"
                    + " (such as auth or payments-api); got '" + name + "'");
        }
        if (BACKEND.equals(name) && !required) {
            throw new IllegalArgumentException("the backend is always required");
        }
    }

    /** Return the backend service. */
    public static Service backend() {
        return new Service(BACKEND, true);
    }

    /** Tell whether this is the backend. */
    public boolean isBackend() {
        return BACKEND.equals(name);
    }

    /**
     * Return the name as variables write it: upper case, {@code -} as {@code _} ({@code payments-api} is
     * {@code PAYMENTS_API}), so that its default variables are {@code TEST_PAYMENTS_API_URL} and the like.
     */
    public String variableName() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Return the variables that name this service's URLs by convention — the env provider's defaults and the lines
     * of {@code explain --format env}: {@code TEST_AUTH_URL}, {@code AUTH_URL}, {@code TEST_AUTH_WEBSOCKET_URL} and
     * {@code AUTH_WEBSOCKET_URL} for {@code auth}; {@code TEST_BACKEND_URL}, {@code BACKEND_URL},
     * {@code TEST_WEBSOCKET_URL} and {@code WEBSOCKET_URL} for the backend.
     */
    public List<String> urlVariables() {
        String webSocket = isBackend() ? "WEBSOCKET" : variableName() + "_WEBSOCKET";
        return List.of("TEST_" + variableName() + "_URL", variableName() + "_URL", "TEST_" + webSocket + "_URL",
                webSocket + "_URL");
    }
}
