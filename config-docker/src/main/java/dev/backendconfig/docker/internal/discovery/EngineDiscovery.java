package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Secrets;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.docker.internal.DatabaseLook;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.DockerErrors;
import dev.backendconfig.docker.internal.DockerConfig.ServiceTarget;
import dev.backendconfig.docker.internal.Endpoints;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.ServiceMatch;
import dev.backendconfig.docker.internal.compose.ComposeCli;
import dev.backendconfig.docker.internal.compose.ComposeProject;
import dev.backendconfig.docker.internal.compose.ComposeService;
import dev.backendconfig.docker.internal.discovery.ProjectOwnership.EngineProject;
import dev.backendconfig.docker.internal.engine.EngineIdentity;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.docker.internal.transport.EngineClient;
import dev.backendconfig.docker.internal.transport.EngineEvents;
import dev.backendconfig.docker.internal.transport.EngineException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Ask a reachable engine for every service, from this checkout's compose project only.
 *
 * <p>One request lists the compose containers, stopped ones included (only those of the project a setting or
 * variable names, when one does). The project is the one named by setting {@code docker.project} or
 * {@code COMPOSE_PROJECT_NAME}, whoever started it; else the one of this checkout ({@link ProjectOwnership}), and
 * every other project is listed as not ours. Then:
 *
 * <ul>
 *   <li>none of ours is on the engine: unavailable, naming this checkout's project and the command that starts it;
 *   <li>ours exists and nothing of it runs: unavailable — "this checkout's project shop is stopped" — with the
 *       command that starts it, so that a fallback says exactly that;
 *   <li>two of ours run: an error naming both and the setting that picks one;
 *   <li>ours runs: each service is matched exactly ({@link ServiceMatch}) among its compose services, running or
 *       not; a required service that is stopped, missing or not ready is an error naming what runs, what does not
 *       and the command that starts it — never another provider, never another project.
 * </ul>
 *
 * <p>Each running service's port comes from its container ({@link PortChoice}, {@link PublishedAddress}); readiness
 * from its healthcheck (waited for in parallel while {@code starting}, {@link Readiness}), else from the probe.
 */
public final class EngineDiscovery {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineDiscovery.class);
    /** How many log lines of a container that stopped while awaited the report shows. */
    static final int STOPPED_LOG_LINES = 5;

    private final DockerConfig config;
    private final ResolutionFacts facts;
    private final EngineClient client;
    private final String providerId;
    private final Optional<ComposeProject> model;
    private final StartAdvice advice;
    private Optional<Readiness.Bound> startBound = Optional.empty();
    private final Map<String, ContainerHealth> inspected = new HashMap<>();
    /** Why a container's healthcheck will never run (Podman without systemd), by container id, when it will not. */
    private final Map<String, String> stalled = new HashMap<>();

    /**
     * Prepare to ask {@code client} on behalf of provider {@code providerId}.
     *
     * @param model this checkout's compose project, when it has one
     * @param adviceCheck at most how long one compose command's {@code version} check may take when advice names the
     *     command installed here: {@link ComposeCli#ADVICE_CHECK} (tests of that bound pass a shorter one)
     */
    public EngineDiscovery(DockerConfig config, ResolutionFacts facts, EngineClient client, String providerId,
            Optional<ComposeProject> model, Duration adviceCheck) {
        this.config = config;
        this.facts = facts;
        this.client = client;
        this.providerId = providerId;
        this.model = model;
        this.advice = new StartAdvice(config, facts, model, new Hooks(), adviceCheck);
    }

    /**
     * Wait for health up to {@code limit} (what is left of {@code docker.start-timeout}) rather than
     * {@code docker.wait-healthy}: the lifecycle just started, or attached to, this checkout's project.
     */
    public void afterStart(Duration limit) {
        this.startBound = Optional.of(new Readiness.Bound(limit, "what is left of setting docker.start-timeout"));
    }

    /** One service's compose service, as matching chose it. */
    private record Matched(ServiceTarget target, String composeService, String how) {
    }

    /** One service's running container and port. */
    private record Selected(ServiceTarget target, ContainerSummary container, int port, String how,
            List<String> notes) {
    }

    /**
     * Find the services; when the engine cannot be asked at all (its first request fails), answer with
     * {@code unreachable} applied to why (a prediction from the compose file, for a local engine); when it fails
     * mid-way, the result is unavailable.
     *
     * @throws InvalidInputException when two of this checkout's projects run, when this checkout's
     *     project is half up, when a required service matches no compose service, or when several compose services
     *     could be one service and nothing tells them apart
     */
    public ProviderResult discoverOr(Function<String, ProviderResult> unreachable) {
        List<ContainerSummary> all;
        try {
            all = list();
        } catch (EngineException e) {
            return unreachable.apply(e.getMessage());
        }
        try {
            return discover(all).withNotes(modelNotes());
        } catch (EngineException e) {
            return ProviderResult.unavailable(e.getMessage()).withNotes(modelNotes());
        }
    }

    /**
     * List the compose containers, stopped ones included (of the named project, when a setting or variable names
     * one): the first request, whose failure means the engine cannot be asked at all.
     *
     * @throws EngineException when the engine does not answer, or answers something unusable
     */
    List<ContainerSummary> list() throws EngineException {
        List<String> labels = new ArrayList<>();
        Optional<String> named = explicitName();
        labels.add(named.isPresent() ? ContainerSummary.PROJECT_LABEL + "=" + named.get()
                : ContainerSummary.PROJECT_LABEL);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("label", labels);
        return ContainerSummary.parseList(client.getJson("/containers/json?all=1&filters="
                + URLEncoder.encode(Json.write(filters), StandardCharsets.UTF_8)), engine());
    }

    /**
     * Find the services among the containers {@link #list()} returned.
     *
     * @throws EngineException when the engine fails mid-way
     */
    ProviderResult discover(List<ContainerSummary> all) throws EngineException {
        List<EngineProject> projects = ProjectOwnership.group(all);
        Optional<String> named = explicitName();
        if (named.isPresent()) {
            String label = "compose project " + Listing.shown(named.get()) + " (named by "
                    + switch (model.orElseThrow().nameSource()) {
                        case SETTING -> "setting docker.project";
                        case VARIABLE -> "COMPOSE_PROJECT_NAME";
                        default -> model.orElseThrow().nameReason();
                    } + ")";
            Optional<EngineProject> project = Optional.empty();
            for (EngineProject candidate : projects) {
                if (candidate.name().equals(named.get())) {
                    project = Optional.of(candidate);
                    break;
                }
            }
            if (project.isEmpty()) {
                String step = model.orElseThrow().hasFiles()
                        ? "start it: " + advice.command("up -d", Optional.empty(), List.of())
                        : "start project " + Listing.shown(named.get()) + " where its compose files are, or fix"
                                + " docker.project or COMPOSE_PROJECT_NAME";
                return ProviderResult.unavailable("engine " + engine() + " has no container of " + label)
                        .withNextStep(step);
            }
            if (!project.get().anyRunning()) {
                return stopped(List.of(project.get()), label);
            }
            return serve(project.get(), label, List.of());
        }
        Checkout checkout = checkout();
        ProjectOwnership.Verdict verdict = ProjectOwnership.classify(projects, checkout, model);
        List<String> notes = new ArrayList<>();
        List<ProjectOwnership.Owned> running = new ArrayList<>();
        // why quotes a label (a compose file's path, a directory): text from outside, masked as any other
        for (ProjectOwnership.Owned owned : verdict.ours()) {
            notes.add(Secrets.maskText("compose project " + Listing.shown(owned.project().name())
                    + " is this checkout's: " + owned.why()));
            if (owned.project().anyRunning()) {
                running.add(owned);
            }
        }
        for (ProjectOwnership.Clash clash : verdict.clashes()) {
            notes.add(Secrets.maskText("not ours, though it has this checkout's project name: compose project "
                    + clash.project().describe() + "; " + clash.why() + ", not from this checkout's compose files"));
        }
        notes.addAll(notOurs(verdict.others()));
        if (running.size() > 1) {
            // project and container names and compose file paths are labels: text from outside, masked as any other
            throw new InvalidInputException(DockerErrors.SEVERAL_PROJECTS, Origin.other("engine " + engine()),
                    Secrets.maskText(running.size() + " compose projects of this checkout (" + checkout.root()
                    + ") run: " + String.join("; ", running.stream().map(owned -> owned.project().describe()
                            + ", ours because " + owned.why()).toList()) + "; set docker.project (or"
                    + " COMPOSE_PROJECT_NAME) to the one to test against, or stop the others"));
        }
        if (running.size() == 1) {
            EngineProject project = running.get(0).project();
            return serve(project, "compose project " + Listing.shown(project.name()) + " (this checkout's)", notes);
        }
        if (!verdict.clashes().isEmpty()) {
            throw nameClash(verdict.clashes().get(0));
        }
        if (!verdict.ours().isEmpty()) {
            List<EngineProject> ours = new ArrayList<>();
            for (ProjectOwnership.Owned owned : verdict.ours()) {
                ours.add(owned.project());
            }
            return stopped(ours, "this checkout's project").withNotes(notes);
        }
        return noneOfOurs(checkout, verdict.others()).withNotes(notes);
    }

    /**
     * Before a start ({@code docker.start=if-missing}) of this checkout's project {@code project}: refuse when a project
     * of that name on the engine was started from compose files that are not this checkout's — {@code up
     * --no-recreate} would add this checkout's services to another checkout's containers, and the mix would be served.
     * Refuse too when this checkout's stack runs under another name (started with {@code -p other} from this
     * checkout's files): discovery takes that project for this checkout's, and a start under {@code project} would make
     * a second copy beside it. Nothing to check when a setting or variable names the project (the user chose it,
     * wherever it was started).
     *
     * @throws InvalidInputException {@code BCFG03006} or {@code BCFG03003}, saying how to choose
     * @throws EngineException when the engine does not answer the list
     */
    public void refuseNameClash(String project) throws EngineException {
        if (explicitName().isPresent()) {
            return;
        }
        ProjectOwnership.Verdict verdict = ProjectOwnership.classify(ProjectOwnership.group(list()), checkout(),
                model);
        for (ProjectOwnership.Clash clash : verdict.clashes()) {
            if (clash.project().name().equals(project)) {
                throw nameClash(clash);
            }
        }
        for (ProjectOwnership.Owned owned : verdict.ours()) {
            if (!owned.project().name().equals(project)) {
                throw new InvalidInputException(DockerErrors.SEVERAL_PROJECTS, Origin.other("engine " + engine()),
                        Secrets.maskText("compose project " + owned.project().describe() + " is this checkout's stack,"
                                + " ours because " + owned.why() + ", but it runs under another name than this"
                                + " checkout's project name " + Listing.shown(project) + " ("
                                + model.orElseThrow().nameReason() + "): docker.start=if-missing would start "
                                + Listing.shown(project) + " beside it, a second copy of this checkout's stack; to"
                                + " test against that stack (and start what it lacks), set docker.project="
                                + Listing.shown(owned.project().name()) + ", or stop it so that the tests start"
                                + " their own"));
            }
        }
    }

    /**
     * A project with this checkout's project name runs from other compose files, and none of ours runs: compose would
     * take it for this checkout's project (it knows projects by name), but its services are another checkout's. Never
     * served, never passed over for a fallback: the caller is told how to choose.
     */
    private InvalidInputException nameClash(ProjectOwnership.Clash clash) {
        ComposeProject ours = model.orElseThrow();
        String files = ours.hasFiles() ? Listing.join(", ", ours.configFiles().stream().map(Path::toString)
                .map(Listing::shown).toList(), 3) : "none (this checkout has no compose file)";
        return new InvalidInputException(DockerErrors.NAME_CLASH, Origin.other("engine " + engine()),
                Secrets.maskText("compose project " + clash.project().describe() + " has this checkout's project"
                        + " name (" + ours.nameReason() + "), but " + clash.why() + ", not from this checkout's"
                        + " compose files (" + files + "): it is another checkout's stack with the same name, and"
                        + " compose would mix the two; " + ownName(ours) + " and start it, or stop"
                        + " that project; to test against that stack on purpose, set docker.project="
                        + Listing.shown(clash.project().name())));
    }

    /**
     * Say how to give this checkout's project a name of its own. A name from an env file is shared by every copy of
     * the checkout (a committed {@code .env}, a second worktree): only a variable or setting of this run tells them
     * apart.
     */
    private static String ownName(ComposeProject ours) {
        if (ours.nameSource() == ComposeProject.NameSource.ENV_FILE) {
            return "the env file names every copy of this checkout alike, so give this copy's project a name of its"
                    + " own for this run (variable COMPOSE_PROJECT_NAME, or setting docker.project, for example"
                    + " BACKENDCONFIG_DOCKER_PROJECT or -Dbackendconfig.docker.project)";
        }
        return "give this checkout's project a name of its own (COMPOSE_PROJECT_NAME in its .env file, or setting"
                + " docker.project)";
    }

    /** Name the project a setting or variable names, when one does. */
    private Optional<String> explicitName() {
        return model.isPresent() && model.get().namedExplicitly() ? Optional.of(model.get().name()) : Optional.empty();
    }

    /** This checkout: the working directory, and the directory of its compose project when it has one. */
    private Checkout checkout() {
        return Checkout.of(facts.workingDirectory(), model.isPresent() ? Optional.of(model.get().directory())
                : Optional.empty());
    }

    private List<String> modelNotes() {
        List<String> notes = new ArrayList<>();
        if (model.isPresent()) {
            notes.addAll(model.get().describe());
            notes.addAll(model.get().notes());
        }
        return notes;
    }

    private static List<String> notOurs(List<EngineProject> others) {
        List<String> notes = new ArrayList<>();
        for (EngineProject other : others.subList(0, Math.min(10, others.size()))) {
            notes.add("not ours: compose project " + other.describe() + "; setting docker.project="
                    + Listing.shown(other.name()) + " would use it");
        }
        if (others.size() > 10) {
            notes.add("not ours: " + (others.size() - 10) + " more compose projects");
        }
        return notes;
    }

    /** Ours exists, and nothing of it runs: unavailable, saying so, with the command that starts it. */
    private ProviderResult stopped(List<EngineProject> projects, String whose) {
        List<String> reasons = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (EngineProject project : projects) {
            List<String> states = new ArrayList<>();
            for (ContainerSummary container : project.containers()) {
                states.add(Listing.shown(container.name()) + " " + container.describeState());
            }
            String containers = Listing.join(", ", states, 5);
            reasons.add((whose.startsWith("compose project") ? whose : whose + " " + Listing.shown(project.name()))
                    + " is stopped (" + containers + ")");
            steps.add("start it: " + advice.command("start", Optional.of(project), List.of()));
        }
        return ProviderResult.unavailable(String.join("; ", reasons)).withNextStep(String.join("; ", steps));
    }

    /** None of ours is on the engine. */
    private ProviderResult noneOfOurs(Checkout checkout, List<EngineProject> others) {
        List<String> otherNames = new ArrayList<>();
        for (EngineProject other : others) {
            otherNames.add(Listing.shown(other.name()));
        }
        String reason = "no compose project of this checkout (" + checkout.root() + ") is on engine " + engine()
                + (model.isPresent() ? "; this checkout's project is " + Listing.shown(model.get().name()) + " ("
                        + model.get().nameReason() + ")" : "; this checkout has no compose file")
                + (others.isEmpty() ? "" : "; other projects run there, and are not ours: " + Listing.join(", ",
                        otherNames, 5) + " (setting docker.project uses one)");
        String step = model.isPresent() && model.get().hasFiles() ? "start this checkout's stack: "
                + advice.command("up -d", Optional.empty(), List.of())
                : "start this checkout's stack, or set docker.project to the project to test against";
        return ProviderResult.unavailable(reason).withNextStep(step);
    }

    /** Find every service in the one project chosen, which runs. */
    private ProviderResult serve(EngineProject project, String label, List<String> notes) throws EngineException {
        Map<String, List<ContainerSummary>> byService = new LinkedHashMap<>();
        for (ContainerSummary container : project.containers()) {
            List<ContainerSummary> ofService = byService.get(container.service());
            if (ofService == null) {
                ofService = new ArrayList<>();
                byService.put(container.service(), ofService);
            }
            ofService.add(container);
        }
        Optional<ComposeProject> described = described(project);
        Map<Service, Matched> matched = new LinkedHashMap<>();
        Map<Service, String> unknown = new LinkedHashMap<>();
        match(project, byService, described, matched, unknown);
        List<ServiceTarget> requiredUnknown = new ArrayList<>();
        for (ServiceTarget target : config.services()) {
            if (target.service().required() && unknown.containsKey(target.service())) {
                requiredUnknown.add(target);
            }
        }
        if (!requiredUnknown.isEmpty()) {
            throw new InvalidInputException(DockerErrors.NO_SUCH_SERVICE, Origin.other("engine " + engine()),
                    label + ": "
                    + String.join("; ", requiredUnknown.stream().map(t -> "service " + t.service().name() + ": "
                            + unknown.get(t.service())).toList()));
        }
        ProviderResult.Services answer = ProviderResult.services();
        for (String note : notes) {
            answer.note(note);
        }
        for (Map.Entry<Service, String> entry : unknown.entrySet()) {
            answer.missing(entry.getKey().name(), entry.getValue());
        }
        Map<Service, String> notRunning = new LinkedHashMap<>();
        Map<Service, String> missing = new LinkedHashMap<>();
        List<String> toStart = new ArrayList<>();
        List<String> toCreate = new ArrayList<>();
        Map<Service, Selected> selected = new LinkedHashMap<>();
        for (Matched match : matched.values()) {
            Service service = match.target().service();
            List<ContainerSummary> containers = byService.getOrDefault(match.composeService(), List.of());
            List<ContainerSummary> up = new ArrayList<>();
            for (ContainerSummary container : containers) {
                if (container.running()) {
                    up.add(container);
                }
            }
            if (containers.isEmpty()) {
                missing.put(service, "compose service " + Listing.shown(match.composeService()) + " has no container");
                toCreate.add(match.composeService());
            } else if (up.isEmpty()) {
                ContainerSummary first = containers.get(0);
                notRunning.put(service, "compose service " + Listing.shown(match.composeService()) + ", container "
                        + Listing.shown(first.name()) + ": " + first.describeState());
                toStart.add(match.composeService());
            } else {
                Optional<Selected> choice = select(match, up, described, notRunning);
                if (choice.isPresent()) {
                    selected.put(service, choice.get());
                }
            }
        }
        Map<Service, String> notReady = ready(selected, answer);
        notRunning.putAll(notReady);
        for (ServiceTarget target : config.services()) {
            if (target.service().required() && (notRunning.containsKey(target.service())
                    || missing.containsKey(target.service()))) {
                throw halfUp(project, label, notRunning, missing, toStart, toCreate);
            }
        }
        for (Map.Entry<Service, String> entry : notRunning.entrySet()) {
            answer.missing(entry.getKey().name(), entry.getValue());
        }
        for (Map.Entry<Service, String> entry : missing.entrySet()) {
            answer.missing(entry.getKey().name(), entry.getValue());
        }
        return result(answer, label);
    }

    /**
     * Return this checkout's compose project when it describes {@code project}: it has compose files, and it has the
     * project's name or a container of the project was started from exactly its files.
     */
    private Optional<ComposeProject> described(EngineProject project) {
        if (model.isEmpty() || !model.get().hasFiles()) {
            return Optional.empty();
        }
        ComposeProject ours = model.get();
        if (ours.name().equals(project.name())) {
            return model;
        }
        for (ContainerSummary container : project.containers()) {
            if (container.configFilePaths().equals(ours.configFiles())) {
                return model;
            }
        }
        return Optional.empty();
    }

    /** Return the compose service {@code name} of {@code described}, when there is one. */
    private static Optional<ComposeService> defined(Optional<ComposeProject> described, String name) {
        return described.isPresent() ? described.get().service(name) : Optional.empty();
    }

    /** Match every service to a compose service of the project. */
    private void match(EngineProject project, Map<String, List<ContainerSummary>> byService,
            Optional<ComposeProject> described, Map<Service, Matched> matched, Map<Service, String> unknown)
            throws EngineException {
        Map<String, ServiceMatch.Candidate> candidates = candidates(byService, described, false);
        String where = "compose project " + Listing.shown(project.name());
        Set<String> claimed = new LinkedHashSet<>();
        for (ServiceTarget target : config.services()) {
            Optional<String> composeService = target.findComposeService();
            if (composeService.isPresent()) {
                claimed.add(composeService.get());
            }
        }
        for (ServiceTarget target : config.services()) {
            if (candidates.containsKey(target.service().name())) {
                claimed.add(target.service().name());
            }
        }
        boolean aliasesKnown = described.isPresent();
        for (ServiceTarget target : config.services()) {
            boolean byNameAlone = target.findComposeService().isPresent()
                    || candidates.containsKey(target.service().name());
            if (!byNameAlone && !aliasesKnown) {
                candidates = candidates(byService, described, true);
                aliasesKnown = true;
            }
            // what the others claimed keeps a "did you mean" from offering it; the service's own setting and name are
            // claimed too, but matching only suggests when neither is a compose service of the project
            ServiceMatch.Outcome outcome = ServiceMatch.choose(target, candidates.values(), claimed, where);
            if (outcome instanceof ServiceMatch.Outcome.Ambiguous ambiguous) {
                throw new InvalidInputException(DockerErrors.AMBIGUOUS, Origin.other("engine " + engine()),
                        ambiguous.names()
                        .size() + " compose services of project " + Listing.shown(project.name()) + " could be"
                        + " service " + target.service().name() + ": " + Listing.join(", ", ambiguous.names().stream()
                                .map(Listing::shown).toList(), 10) + " (they " + ambiguous.why() + "); set "
                        + target.composeServiceKey() + " to pick one");
            }
            if (outcome instanceof ServiceMatch.Outcome.None none) {
                unknown.put(target.service(), none.reason());
            } else {
                ServiceMatch.Outcome.Chosen chosen = (ServiceMatch.Outcome.Chosen) outcome;
                matched.put(target.service(), new Matched(target, chosen.name(), chosen.how()));
                claimed.add(chosen.name());
            }
        }
        Map<String, Service> byComposeService = new HashMap<>();
        for (Matched match : matched.values()) {
            Service earlier = byComposeService.putIfAbsent(match.composeService(), match.target().service());
            if (earlier != null) {
                throw new InvalidInputException(DockerErrors.AMBIGUOUS, Origin.other("engine " + engine()), "services "
                        + earlier.name() + " and " + match.target().service().name() + " both resolve to compose"
                        + " service " + Listing.shown(match.composeService()) + " of project "
                        + Listing.shown(project.name()) + "; set " + match.target().composeServiceKey() + " (or "
                        + config.services().stream().filter(t -> t.service().equals(earlier)).findFirst()
                                .orElseThrow().composeServiceKey() + ") to tell them apart");
            }
        }
    }

    /**
     * Return the project's compose services as candidates: those with containers (their published ports, image,
     * and — when {@code withAliases} — network aliases, one inspect per container) and those the compose
     * file of this checkout's project defines.
     */
    private Map<String, ServiceMatch.Candidate> candidates(Map<String, List<ContainerSummary>> byService,
            Optional<ComposeProject> described, boolean withAliases) throws EngineException {
        Map<String, ServiceMatch.Candidate> candidates = new LinkedHashMap<>();
        for (Map.Entry<String, List<ContainerSummary>> entry : byService.entrySet()) {
            Optional<ComposeService> defined = defined(described, entry.getKey());
            Set<String> aliases = new LinkedHashSet<>();
            if (defined.isPresent()) {
                aliases.addAll(defined.get().aliases());
            }
            Set<Integer> ports = new LinkedHashSet<>();
            for (ContainerSummary container : entry.getValue()) {
                ports.addAll(container.publishedContainerPorts());
                if (withAliases) {
                    aliases.addAll(inspect(container).aliases());
                }
            }
            if (defined.isPresent()) {
                ports.addAll(defined.get().containerPorts());
            }
            String image = entry.getValue().get(0).image();
            if (image.isEmpty() && defined.isPresent()) {
                image = defined.get().image();
            }
            candidates.put(entry.getKey(), new ServiceMatch.Candidate(entry.getKey(), aliases, List.copyOf(ports),
                    DatabaseLook.of(image, ports).orElse("")));
        }
        if (described.isPresent()) {
            for (ComposeService service : described.get().services().values()) {
                if (!candidates.containsKey(service.name())) {
                    candidates.put(service.name(), new ServiceMatch.Candidate(service.name(), service.aliases(),
                            service.containerPorts(), DatabaseLook.of(service.image(), service.containerPorts())
                                    .orElse("")));
                }
            }
        }
        return candidates;
    }

    /** Choose a running service's container (its first replica) and port. */
    private Optional<Selected> select(Matched match, List<ContainerSummary> up, Optional<ComposeProject> described,
            Map<Service, String> notRunning) {
        ServiceTarget target = match.target();
        // the lowest replica number; the first listed of equal ones
        ContainerSummary container = up.get(0);
        for (ContainerSummary other : up) {
            if (other.containerNumber() < container.containerNumber()) {
                container = other;
            }
        }
        List<String> notes = new ArrayList<>();
        if (up.size() > 1) {
            notes.add("compose service " + Listing.shown(container.service()) + " has " + up.size()
                    + " running containers; using the first, " + Listing.shown(container.name()));
        }
        Optional<ComposeService> defined = defined(described, match.composeService());
        List<Integer> composePorts = defined.isPresent() ? defined.get().containerPorts() : List.of();
        PortChoice.Outcome port = PortChoice.choose(container, target.service(), target.findContainerPort(),
                target.containerPortKey(), composePorts);
        if (!port.chosen()) {
            notRunning.put(target.service(), port.problem());
            return Optional.empty();
        }
        if (!port.note().isEmpty()) {
            notes.add(port.note());
        }
        return Optional.of(new Selected(target, container, port.port(), match.how(), notes));
    }

    /** Inspect the chosen containers, wait while they start, and add the ready ones; return why the others are not. */
    private Map<Service, String> ready(Map<Service, Selected> selected, ProviderResult.Services answer)
            throws EngineException {
        Map<ContainerSummary, String> waitingFor = new LinkedHashMap<>();
        Map<String, ContainerHealth> first = new LinkedHashMap<>();
        for (Selected choice : selected.values()) {
            waitingFor.put(choice.container(), choice.target().service().name());
            first.put(choice.container().id(), listedOrInspected(choice.container()));
        }
        Duration waitHealthy = config.waitHealthy();
        Duration left = facts.timeLeft();
        Readiness.Bound bound = startBound.isPresent() ? startBound.get() : new Readiness.Bound(
                waitHealthy.compareTo(left) < 0 ? waitHealthy : left,
                "setting docker.wait-healthy, and what is left of setting timeout");
        Hooks hooks = new Hooks();
        Readiness.Waited waited = Readiness.await(waitingFor, first, bound, hooks, hooks, hooks);
        String boundClause = startBound.isPresent() ? "what was left of setting docker.start-timeout = "
                + config.lifecycle().startTimeout().toMillis() + " ms" : "setting docker.wait-healthy = "
                + waitHealthy.toMillis() + " ms";
        Map<Service, String> notReady = new LinkedHashMap<>();
        for (Selected choice : selected.values()) {
            ready(choice, waited, boundClause, answer, notReady);
        }
        for (String warning : driftWarnings(selected.values(), waited)) {
            answer.note(warning);
        }
        return notReady;
    }

    /** Follow the engine's events of the containers waited for (health, start, stop). */
    private EngineEvents events(Set<String> containerIds, Duration limit) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("type", List.of("container"));
        filters.put("container", List.copyOf(containerIds));
        filters.put("event", List.of("health_status", "start", "die"));
        return client.followEvents(Json.write(filters), limit);
    }

    /** Warn when a compose file changed after a container the answer uses was created (an engine on this machine). */
    private List<String> driftWarnings(java.util.Collection<Selected> selected, Readiness.Waited waited) {
        if (client.address().isRemote()) {
            return List.of();
        }
        List<Drift.Created> created = new ArrayList<>();
        for (Selected choice : selected) {
            ContainerHealth health = waited.health().get(choice.container().id());
            if (health != null && health.created().isPresent()) {
                created.add(new Drift.Created(choice.container(), health.created().get()));
            }
        }
        List<String> warnings = Drift.warnings(created, model.isPresent() ? model.get().configFiles() : List.of(),
                new Hooks());
        for (String warning : warnings) {
            LOG.warn("docker: {}", warning);
        }
        return warnings;
    }

    private void ready(Selected choice, Readiness.Waited waited, String boundClause, ProviderResult.Services answer,
            Map<Service, String> notReady) throws EngineException {
        ContainerSummary container = choice.container();
        Service service = choice.target().service();
        PublishedAddress address = container.hostNetwork() ? PublishedAddress.hostNetwork(choice.port(),
                client.address()) : PublishedAddress.from(container.published(choice.port()), client.address());
        if (!address.unreachable().isEmpty()) {
            notReady.put(service, container.describe() + " " + address.unreachable());
            return;
        }
        ServiceEndpoint endpoint = endpoint(choice, address);
        String publishes = "service " + Listing.shown(container.service()) + (container.hostNetwork()
                ? " listens on " + address.binding() : " publishes " + choice.port() + " on " + address.binding());
        String how = choice.how().equals("its name") ? "" : "; chosen because " + choice.how();
        for (String note : choice.notes()) {
            answer.note(note);
        }
        for (String note : address.notes()) {
            answer.note(note);
        }
        ContainerHealth health = waited.health().get(container.id());
        String waitedClause = waited.waited().compareTo(Duration.ofMillis(250)) > 0
                ? " after waiting " + waited.waited().toMillis() + " ms for it to start" : "";
        // a container that ended the wait by stopping has its stopped inspection here too (Readiness puts it first)
        if (health.stopped()) {
            notReady.put(service, container.describe() + " stopped (state " + Listing.shown(health.state())
                    + ", exit code " + health.exitCode() + ") while it was awaited"
                    + ContainerLogs.clause(ContainerLogs.tail(client, container.id(), STOPPED_LOG_LINES)));
            return;
        }
        String stalledHealthcheck = stalled.get(container.id());
        if (stalledHealthcheck != null) {
            probed(service, endpoint, publishes, how, stalledHealthcheck, stalledHealthcheck, answer, notReady);
            return;
        }
        switch (health.status()) {
            case "healthy" -> answer.found(endpoint, publishes + " (healthy" + waitedClause + ")" + how);
            case "starting" -> notReady.put(service, container.describe() + " is still starting after "
                    + waited.waited().toMillis() + " ms (" + boundClause + ")" + health.lastOutputClause()
                    + waited.stopped().map(other -> "; the wait ended when " + other.describe() + " stopped")
                            .orElse(""));
            case "unhealthy" -> notReady.put(service, container.describe() + " is unhealthy"
                    + health.lastOutputClause());
            default -> probed(service, endpoint, publishes, how, "no healthcheck", "it has no healthcheck", answer,
                    notReady);
        }
    }

    /**
     * Probe a service when its healthcheck cannot decide.
     *
     * @param why why not, for a found result: {@code "no healthcheck"}
     * @param whyNot the same as a clause of a not-found reason: {@code "it has no healthcheck"}
     */
    private void probed(Service service, ServiceEndpoint endpoint, String publishes, String how, String why,
            String whyNot, ProviderResult.Services answer, Map<Service, String> notReady) {
        if (!facts.probing()) {
            answer.found(endpoint, publishes + " (" + why + "; not probed, probe=none)" + how);
            return;
        }
        ProbeResult probe = facts.probe(endpoint);
        if (probe.ready()) {
            answer.found(endpoint, publishes + " (" + why + "; " + probe.description() + ")" + how);
        } else {
            notReady.put(service, publishes + ", but " + whyNot + " and the probe failed: " + probe.description());
        }
    }

    /** The project runs, but a required service does not: an error naming what runs, what does not, and the fix. */
    private InvalidInputException halfUp(EngineProject project, String label,
            Map<Service, String> notRunning, Map<Service, String> missing, List<String> toStart,
            List<String> toCreate) {
        List<String> runningServices = project.containers().stream().filter(ContainerSummary::running)
                .map(ContainerSummary::service).distinct().map(Listing::shown).toList();
        // a project is served only while something of it runs, so runningServices is never empty
        StringBuilder message = new StringBuilder(label).append(" is half up: running: ")
                .append(Listing.join(", ", runningServices, 10));
        if (!notRunning.isEmpty()) {
            message.append("; not running or not ready: ").append(String.join("; ", notRunning.entrySet().stream()
                    .map(e -> e.getKey().name() + " (" + e.getValue() + ")").toList()));
        }
        if (!missing.isEmpty()) {
            message.append("; missing: ").append(String.join("; ", missing.entrySet().stream()
                    .map(e -> e.getKey().name() + " (" + e.getValue() + ")").toList()));
        }
        List<String> steps = new ArrayList<>();
        if (!toStart.isEmpty()) {
            steps.add("start the stopped ones: " + advice.command("start", Optional.of(project), toStart));
        }
        if (!toCreate.isEmpty()) {
            steps.add("create the missing ones: " + advice.command("up -d", Optional.of(project), toCreate));
        }
        if (steps.isEmpty()) {
            steps.add("fix what is not ready, or mark a service optional (services.<name>.required=false)");
        }
        message.append("; ").append(String.join("; ", steps)).append(" (tests never fall back to another"
                + " environment while this checkout's stack runs)");
        return new InvalidInputException(DockerErrors.HALF_UP, Origin.other("engine " + engine()), message.toString());
    }

    private ProviderResult result(ProviderResult.Services answer, String label) {
        ProviderResult result = answer.result(label);
        if (config.backendOnly() && result instanceof ProviderResult.Found found) {
            ProviderResult single = ProviderResult.found(found.endpoint(), label + ": "
                    + found.serviceReasons().get(Service.BACKEND));
            return single.withNotes(found.notes());
        }
        return result;
    }

    private ServiceEndpoint endpoint(Selected choice, PublishedAddress address) {
        ContainerSummary container = choice.container();
        Origin origin = Origin.other("container " + Listing.shown(container.name()) + " ("
                + container.shortId() + ")");
        Origin engine = Origin.other("engine " + engine());
        return Endpoints.builder(providerId, choice.target(), address.address().http(), origin)
                .detail("compose-project", container.project(), origin)
                .detail("compose-service", container.service(), origin)
                .detail("container-name", container.name(), origin)
                .detail("container-id", container.shortId(), origin)
                .detail("container-port", Integer.toString(choice.port()), origin)
                .detail("engine", engine(), engine)
                .build();
    }

    /**
     * Return a chosen container's health from Docker's list when it already says all that is needed (healthy, or no
     * healthcheck): one request for the whole resolution. Otherwise — Podman, whose list never tells health; a
     * container starting or unhealthy, whose wait or last output needs the inspect; an engine of unknown kind — inspect.
     */
    private ContainerHealth listedOrInspected(ContainerSummary container) throws EngineException {
        String listed = container.listedHealth();
        if (!inspected.containsKey(container.id()) && client.identity().kind() == EngineIdentity.Kind.DOCKER
                && container.running() && (listed.equals("healthy") || listed.equals("none"))) {
            return ContainerHealth.listed(container);
        }
        return inspect(container);
    }

    private ContainerHealth inspect(ContainerSummary container) throws EngineException {
        ContainerHealth health = inspected.get(container.id());
        return health != null ? health : freshInspect(container);
    }

    private ContainerHealth freshInspect(ContainerSummary container) throws EngineException {
        Object reply = client.getJson(EngineClient.path("containers", container.id(), "json"));
        Optional<String> why = StalledHealthcheck.diagnose(client.identity(), reply, facts.clock().instant());
        if (why.isPresent()) {
            stalled.put(container.id(), why.get());
        } else {
            stalled.remove(container.id());
        }
        ContainerHealth health = ContainerHealth.from(reply);
        inspected.put(container.id(), health);
        return health;
    }

    private String engine() {
        return client.address().uri();
    }

    /**
     * What discovery hands the steps it calls back: whether the engine is Podman (start advice), the command line
     * that applies a compose file (drift warnings), and readiness's inspect, stall check and events. One class for
     * them all, rather than a lambda each: a first resolution links no lambda here (each costs a fresh JVM a class
     * spun at run time; docs/benchmarks.md).
     */
    private final class Hooks implements BooleanSupplier, Supplier<String>, Readiness.Inspector,
            Predicate<ContainerSummary>, Readiness.Events {

        @Override
        public boolean getAsBoolean() {
            return client.identity().isPodman();
        }

        @Override
        public String get() {
            return advice.cli();
        }

        @Override
        public ContainerHealth inspect(ContainerSummary container) throws EngineException {
            return freshInspect(container);
        }

        @Override
        public boolean test(ContainerSummary container) {
            return stalled.containsKey(container.id());
        }

        @Override
        public EngineEvents follow(Set<String> containerIds, Duration limit) {
            return events(containerIds, limit);
        }
    }
}
