package dev.backendconfig.docker.internal;

import java.util.Locale;

/**
 * How well a compose service or container is named after a service: its service name or container name equals
 * the service's name, contains it, or neither. Network aliases are compared the same way, but only when names do
 * not decide, since reading them costs an engine request per container.
 */
public enum NameMatch {
    /** The service name or container name equals the wanted name. */
    EXACT,
    /** The service name or container name contains the wanted name. */
    CONTAINS,
    /** Neither. */
    NONE;

    /** Compare a compose service name and a container name (or compose {@code container_name}) with {@code wanted}. */
    public static NameMatch of(String wanted, String serviceName, String containerName) {
        String service = lower(serviceName);
        String container = lower(containerName);
        String name = lower(wanted);
        if (service.equals(name) || container.equals(name)) {
            return EXACT;
        }
        if (service.contains(name) || container.contains(name)) {
            return CONTAINS;
        }
        return NONE;
    }

    /** Compare network aliases with {@code wanted}. */
    public static NameMatch ofAliases(String wanted, java.util.Collection<String> aliases) {
        String name = lower(wanted);
        if (aliases.stream().map(NameMatch::lower).anyMatch(name::equals)) {
            return EXACT;
        }
        if (aliases.stream().map(NameMatch::lower).anyMatch(alias -> alias.contains(name))) {
            return CONTAINS;
        }
        return NONE;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
