package dev.backendconfig.docker.internal;

import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.Suggestions;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which compose service of one project is a service's — exactly, never by a name that merely contains it: the one its
 * setting names ({@code docker.service}, {@code services.<name>.docker.service}); else the compose service of exactly
 * its name; else the one whose network alias is exactly its name; for the backend alone, else the one service that
 * publishes its container port. What would only have matched loosely becomes a "did you mean", which never offers a
 * service that looks like a database first (an {@code auth-db} running {@code postgres} is no auth service).
 */
public final class ServiceMatch {

    /** A name setting {@code services} can declare (the rule of {@link Service}'s constructor). */

    private ServiceMatch() {
    }

    /**
     * A compose service that could be a service's.
     *
     * @param name the compose service name
     * @param aliases its network aliases
     * @param containerPorts the container ports it publishes (or, for a service not running, its compose file names)
     * @param database why it looks like a database ({@code "image postgres:16"}), or empty text
     */
    public record Candidate(String name, Set<String> aliases, List<Integer> containerPorts, String database) {
        public Candidate {
            Objects.requireNonNull(name, "name");
            aliases = Set.copyOf(aliases);
            containerPorts = List.copyOf(containerPorts);
            Objects.requireNonNull(database, "database");
        }
    }

    /** What matching found. */
    public sealed interface Outcome {
        /**
         * The service's compose service.
         *
         * @param name the compose service
         * @param how why it, for the report: {@code "its name"}, {@code "setting docker.service names it"}
         */
        record Chosen(String name, String how) implements Outcome {
        }

        /**
         * No compose service is the service's.
         *
         * @param reason what was looked for, and what might have been meant
         */
        record None(String reason) implements Outcome {
        }

        /**
         * Several compose services could be the service's, and nothing tells them apart.
         *
         * @param names the candidates
         * @param why what they have in common: {@code "publish container port 8000"}
         */
        record Ambiguous(List<String> names, String why) implements Outcome {
        }
    }

    /**
     * Match one service.
     *
     * @param candidates the project's compose services
     * @param claimed compose services other services already took or named (never suggested, and never the
     *     backend's for publishing its container port)
     * @param project the project, for messages: {@code "project shop"}
     */
    public static Outcome choose(ServiceTarget target, Collection<Candidate> candidates, Set<String> claimed,
            String project) {
        Service service = target.service();
        String key = target.composeServiceKey();
        Optional<String> explicit = target.findComposeService();
        if (explicit.isPresent()) {
            if (named(candidates, explicit.get())) {
                return new Outcome.Chosen(explicit.get(), "setting " + key + " names it");
            }
            return new Outcome.None(project + " has no compose service " + Listing.shown(explicit.get())
                    + " (setting " + key + ")" + typo(explicit.get(), candidates, key, service, true)
                    + "; its services: " + names(candidates));
        }
        String wanted = service.name();
        if (named(candidates, wanted)) {
            return new Outcome.Chosen(wanted, "its name");
        }
        List<String> aliased = candidates.stream().filter(c -> c.aliases().contains(wanted)).map(Candidate::name)
                .toList();
        if (aliased.size() == 1) {
            return new Outcome.Chosen(aliased.get(0), "its network alias is " + wanted);
        }
        if (aliased.size() > 1) {
            return new Outcome.Ambiguous(aliased.stream().sorted().toList(), "have network alias " + wanted);
        }
        if (service.isBackend()) {
            int port = target.findContainerPort().orElse(DockerSettings.BACKEND_CONTAINER_PORT);
            // a compose service another service takes (by its name or setting) is never the backend's by its port
            List<String> publishing = candidates.stream().filter(c -> c.containerPorts().contains(port)
                    && !claimed.contains(c.name())).map(Candidate::name).toList();
            if (publishing.size() == 1) {
                return new Outcome.Chosen(publishing.get(0), "it is the one service publishing container port "
                        + port + " and none is named backend");
            }
            if (publishing.size() > 1) {
                return new Outcome.Ambiguous(publishing.stream().sorted().toList(), "publish container port " + port);
            }
        }
        return new Outcome.None(project + " has no compose service named " + wanted + " or with network alias "
                + wanted + (service.isBackend() ? ", and none publishes container port "
                        + target.findContainerPort().orElse(DockerSettings.BACKEND_CONTAINER_PORT)
                        + takenPublishers(target, candidates, claimed) : "")
                + suggestion(target, candidates, claimed) + "; its services: " + names(candidates));
    }

    /** Name the compose services that publish the backend's container port but another service takes, if any. */
    private static String takenPublishers(ServiceTarget target, Collection<Candidate> candidates,
            Set<String> claimed) {
        int port = target.findContainerPort().orElse(DockerSettings.BACKEND_CONTAINER_PORT);
        List<String> taken = candidates.stream().filter(c -> c.containerPorts().contains(port)
                && claimed.contains(c.name())).map(c -> Listing.shown(c.name())).toList();
        return taken.isEmpty() ? "" : " but " + String.join(", ", taken) + ", which another service takes";
    }

    /**
     * Return the "did you mean" for a service no compose service matches exactly: a near spelling first
     * ({@code fronted} for {@code frontend}), then a name that contains it or is contained in it, then any other
     * service no other service took; a database-looking one only after every other.
     */
    static String suggestion(ServiceTarget target, Collection<Candidate> candidates, Set<String> claimed) {
        String wanted = target.service().name();
        String key = target.composeServiceKey();
        String typo = typo(wanted, candidates, key, target.service(), false);
        if (!typo.isEmpty()) {
            return typo;
        }
        List<Candidate> free = candidates.stream().filter(c -> !claimed.contains(c.name())).sorted(Comparator
                .comparingInt((Candidate c) -> c.database().isEmpty() ? 0 : 1)
                .thenComparingInt(c -> related(wanted, c) ? 0 : 1)).toList();
        if (free.isEmpty()) {
            return "";
        }
        Candidate first = free.get(0);
        StringBuilder text = new StringBuilder("; did you mean " + key + "=" + Listing.shown(first.name()) + "?");
        List<String> databases = free.stream().filter(c -> !c.database().isEmpty())
                .map(c -> Listing.shown(c.name()) + " looks like a database (" + c.database() + ")").toList();
        if (!databases.isEmpty() && first.database().isEmpty()) {
            text.append(" (").append(String.join("; ", databases)).append(")");
        }
        return text.toString();
    }

    /** Return a "did you mean" for a near spelling among the candidates, or empty text. */
    private static String typo(String typed, Collection<Candidate> candidates, String key, Service service,
            boolean setting) {
        // never the typed name itself: a candidate of exactly that name was chosen before any "did you mean"
        Optional<String> near = Suggestions.nearest(typed, candidates.stream().map(Candidate::name).toList());
        if (near.isEmpty()) {
            return "";
        }
        String shown = Listing.shown(near.get());
        if (setting || service.isBackend() || !Scans.isServiceName(near.get())) {
            return "; did you mean " + key + "=" + shown + "?";
        }
        return "; did you mean " + shown + "? (name the service " + shown + " in setting services, or set " + key
                + "=" + shown + ")";
    }

    private static boolean related(String wanted, Candidate candidate) {
        String name = candidate.name().toLowerCase(Locale.ROOT);
        return name.contains(wanted) || wanted.contains(name)
                || candidate.aliases().stream().anyMatch(alias -> alias.toLowerCase(Locale.ROOT).contains(wanted));
    }

    /** Tell whether a candidate is the compose service {@code name}. */
    private static boolean named(Collection<Candidate> candidates, String name) {
        for (Candidate candidate : candidates) {
            if (candidate.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String names(Collection<Candidate> candidates) {
        List<String> names = new ArrayList<>(candidates.stream().map(Candidate::name).sorted().map(Listing::shown)
                .toList());
        return names.isEmpty() ? "none" : Listing.join(", ", names, 10);
    }
}
