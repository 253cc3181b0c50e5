package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.SettingsOwner;
import dev.backendconfig.toolkit.OutsideText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load every {@code META-INF/services} entry for {@link EndpointProvider} (and for
 * for the other {@link SettingsOwner}s) on its own: one that fails to load (class missing, constructor throws, blank or
 * duplicate id) is recorded and the others go on.
 */
public final class ProviderLoader {

    /** The pattern of a provider's name in ServiceLoader's messages; compiled only when an entry fails to load. */
    private static final String PROVIDER_NAME =
            ": (?:Provider )?(\\S+) (?:not found|not a subtype|could not be instantiated)";
    private static final int MAX_FAILURES = 1000;

    /**
     * A services entry that could not be used.
     *
     * @param name the class named in the services file (or the provider's class)
     * @param reason why, for a person
     */
    public record Problem(String name, String reason) {
    }

    /**
     * What loading found.
     *
     * @param providers the providers that loaded, with unique ids, in discovery order
     * @param owners the other modules that declare settings (the JUnit extension), in discovery order
     * @param problems the entries that did not load
     */
    public record Loaded(List<EndpointProvider> providers, List<SettingsOwner> owners, List<Problem> problems) {
        public Loaded {
            providers = List.copyOf(providers);
            owners = List.copyOf(owners);
            problems = List.copyOf(problems);
        }
    }

    private ProviderLoader() {
    }

    /** Load the providers and the other settings owners visible to {@code loader}. */
    public static Loaded load(ClassLoader loader) {
        Map<String, EndpointProvider> byId = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (EndpointProvider provider : each(EndpointProvider.class, loader, problems)) {
            accept(provider, byId, problems);
        }
        return new Loaded(new ArrayList<>(byId.values()), each(SettingsOwner.class, loader, problems), problems);
    }

    private static <S> List<S> each(Class<S> service, ClassLoader loader, List<Problem> problems) {
        List<S> loaded = new ArrayList<>();
        Iterator<S> iterator = ServiceLoader.load(service, loader).iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                loaded.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                failures++;
                problems.add(describe(e, service));
            }
        }
        return loaded;
    }

    /** Check explicitly given providers the same way (blank and duplicate ids are problems). */
    public static Loaded of(List<EndpointProvider> providers) {
        Map<String, EndpointProvider> byId = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        providers.forEach(provider -> accept(provider, byId, problems));
        return new Loaded(new ArrayList<>(byId.values()), List.of(), problems);
    }

    private static void accept(EndpointProvider provider, Map<String, EndpointProvider> byId,
            List<Problem> problems) {
        String className = provider.getClass().getName();
        String id;
        try {
            id = provider.id();
        } catch (RuntimeException e) {
            problems.add(new Problem(className, "id() threw " + summary(e)));
            return;
        }
        if (id == null || id.isBlank()) {
            problems.add(new Problem(className, "id() returned no id"));
        } else if (byId.containsKey(id)) {
            problems.add(new Problem(className, "id '" + id + "' is already used by "
                    + byId.get(id).getClass().getName() + ", which was loaded first"));
        } else {
            byId.put(id, provider);
        }
    }

    private static Problem describe(ServiceConfigurationError error, Class<?> service) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        Matcher matcher = Pattern.compile(PROVIDER_NAME).matcher(message);
        String name = matcher.find() ? matcher.group(1) : "(unnamed services entry)";
        String reason;
        if (message.contains(" not found")) {
            reason = "class not found (listed in META-INF/services/" + service.getName()
                    + " but not on the classpath)";
        } else if (message.contains("could not be instantiated") && error.getCause() != null) {
            reason = "constructor threw " + summary(error.getCause());
        } else if (message.contains("not a subtype")) {
            reason = "does not implement " + service.getName();
        } else {
            reason = OutsideText.excerpt(message.substring(message.indexOf(':') + 1), 300);
        }
        return new Problem(name, reason);
    }

    /** Return {@code SimpleName: message} of a throwable, masked, on one line and shortened. */
    public static String summary(Throwable throwable) {
        String message = throwable.getMessage();
        return throwable.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + OutsideText.excerpt(message, 300));
    }
}
