package dev.backendconfig.api.internal;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The order providers are asked in: setting {@code providers}, else highest priority first (ties by id). */
public final class ProviderOrder {

    /** The code of setting providers naming a provider that is not loaded. */
    private static final String CODE = "BCFG00014";

    private ProviderOrder() {
    }

    /**
     * Highest priority first, ties by id. A class of its own rather than {@code Comparator.comparingInt(...)
     * .reversed().thenComparing(...)}: those combinators link half a dozen lambdas and method handles in every
     * first resolution, which a fresh JVM pays for more than for the sorting.
     */
    private static final class HighestPriorityFirst implements Comparator<EndpointProvider> {
        @Override
        public int compare(EndpointProvider one, EndpointProvider other) {
            int byPriority = Integer.compare(other.priority(), one.priority());
            return byPriority != 0 ? byPriority : one.id().compareTo(other.id());
        }
    }

    /** Return the loaded providers, highest priority first, ties broken by id. */
    public static List<EndpointProvider> byPriority(List<EndpointProvider> loaded) {
        List<EndpointProvider> sorted = new ArrayList<>(loaded);
        sorted.sort(new HighestPriorityFirst());
        return sorted;
    }

    /**
     * Return the providers to ask, in order.
     *
     * @throws InvalidInputException when setting {@code providers} names one that is not loaded
     */
    public static List<EndpointProvider> toAsk(List<EndpointProvider> loaded, Settings settings) {
        Optional<List<String>> explicit = settings.find(CoreSettings.PROVIDERS);
        if (explicit.isEmpty() || explicit.get().isEmpty()) {
            return byPriority(loaded);
        }
        List<EndpointProvider> ordered = new ArrayList<>();
        List<String> named = explicit.get();
        for (int i = 0; i < named.size(); i++) {
            String id = named.get(i);
            int position = i + 1;
            EndpointProvider provider = loadedWithId(loaded, id);
            if (provider == null) {
                throw notLoaded(id, position, loaded, settings);
            }
            if (!ordered.contains(provider)) {
                ordered.add(provider);
            }
        }
        return ordered;
    }

    /** Return the loaded provider of this id, or null (a loop: this runs in every first resolution). */
    private static EndpointProvider loadedWithId(List<EndpointProvider> loaded, String id) {
        for (EndpointProvider provider : loaded) {
            if (provider.id().equals(id)) {
                return provider;
            }
        }
        return null;
    }

    /** Say which entry names no loaded provider by its position, never by the text set: it may be a misplaced value. */
    private static InvalidInputException notLoaded(String id, int position,
            List<EndpointProvider> loaded, Settings settings) {
        List<String> ids = loaded.stream().map(EndpointProvider::id).toList();
        String problem = "names, as entry " + position + ", a provider that is not loaded; loaded providers are "
                + (ids.isEmpty() ? "none" : String.join(", ", ids));
        Optional<String> nearest = Suggestions.nearest(id, ids);
        problem += nearest.map(name -> "; did you mean '" + name + "'?")
                .orElse("; a provider is loaded when its module (or your class, listed in META-INF/services/"
                        + EndpointProvider.class.getName() + ") is on the test classpath");
        return new InvalidInputException(CODE, settings.origin(CoreSettings.PROVIDERS), problem);
    }
}
