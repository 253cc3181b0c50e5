package dev.backendconfig.staging;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.api.spi.ServiceSetting;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.toolkit.Secrets;
import dev.backendconfig.toolkit.dotenv.Dotenv;
import dev.backendconfig.toolkit.dotenv.DotenvFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider {@code staging}: the shared staging deployment described by a dotenv file, as the last resort.
 *
 * <p>The file is setting {@code staging.env-file}, else {@code .env.staging.e2e} in the working directory or a
 * parent, up to the repository root. Its variables are read in the docker compose dialect; a variable set in
 * the real environment wins over the file. The HTTP URL is the first set of {@code staging.url-variables}
 * (default {@code STAGING_BASE_URL,STAGING_BACKEND_URL,BACKEND_STAGING_URL}), the WebSocket URL the first set of
 * {@code staging.websocket-variables} (default {@code STAGING_WEBSOCKET_URL}), else derived. Every variable of
 * the file goes into the endpoint's details, credentials flagged secret. Choosing staging logs a WARN line:
 * tests are about to run against a shared environment.
 */
@API(status = STABLE, since = "1.0")
public final class StagingEndpointProvider implements EndpointProvider {

    /** The provider's id. */
    public static final String ID = "staging";
    /** The provider's priority: the last of the built-in providers, after env (300) and docker (200). */
    public static final int PRIORITY = 100;
    /** The file name searched for when setting {@code staging.env-file} is not set. */
    public static final String FILE_NAME = ".env.staging.e2e";

    private static final Logger LOG = LoggerFactory.getLogger(StagingEndpointProvider.class);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * Return the names of the staging file provider staging reads for a service by its convention: for the backend,
     * {@code staging.url-variables} and {@code staging.websocket-variables} as they default, and
     * {@code STAGING_API_URL}, which becomes its {@code api-url} detail (its own API's address); for another service,
     * {@code STAGING_<NAME>_URL} and {@code STAGING_<NAME>_WEBSOCKET_URL}. So {@code services=base} or
     * {@code services=api}, which would read the backend's own names, is refused. ({@code STAGING_AUTH_URL}, which the
     * backend also carries as its {@code auth-url} detail, is the auth service's own address, and service
     * {@code auth}'s name.)
     */
    @Override
    public List<String> namesOf(Service service) {
        List<String> names = new ArrayList<>(StagingSettings.SERVICE_URL_VARIABLES.forService(service).parsedDefault()
                .orElse(List.of()));
        names.addAll(StagingSettings.SERVICE_WEBSOCKET_VARIABLES.forService(service).parsedDefault().orElse(List.of()));
        if (service.isBackend()) {
            names.add(StagingVariables.API_VARIABLE);
        }
        return names;
    }

    @Override
    public ProviderResult resolve(ResolutionContext context) {
        if (!context.settings().get(StagingSettings.ENABLED)) {
            String origin = context.settings().origin(StagingSettings.ENABLED).describe();
            // the user turned the fallback off: never advise creating the file it would read
            return ProviderResult.skipped("turned off by setting staging.enabled=false (" + origin + ")")
                    .withNextStep("nothing to do here: the fallback is turned off (setting staging.enabled=false, " + origin
                            + ")");
        }
        StagingFileLocation location = StagingFileLocation.find(context);
        Optional<Path> file = location.file();
        if (file.isEmpty()) {
            return ProviderResult.skipped(location.notFoundReason());
        }
        DotenvFile dotenv = Dotenv.read(file.get(), context.environment());
        StagingVariables variables = new StagingVariables(dotenv, context);
        ProviderResult.Services answer = ProviderResult.services();
        List<String> backendNames = new ArrayList<>();
        for (Service service : context.services()) {
            Settings settings = context.settings();
            List<String> urlNames = settings.get(StagingSettings.SERVICE_URL_VARIABLES.forService(service));
            List<String> webSocketNames = settings.get(StagingSettings.SERVICE_WEBSOCKET_VARIABLES.forService(service));
            Optional<StagingVariables.Value> http = variables.first(urlNames);
            Optional<StagingVariables.Value> webSocket = variables.first(webSocketNames);
            if (http.isEmpty() && webSocket.isEmpty()) {
                answer.missing(service.name(), variables.describeMissing(service, urlNames, webSocketNames));
                continue;
            }
            variables.requireOneDeployment(service, http, webSocket, urlNames, webSocketNames);
            String name = (http.isPresent() ? http : webSocket).get().name();
            answer.found(variables.endpoint(ID, service, http, webSocket), "from " + name);
            if (service.isBackend()) {
                backendNames.add(name);
            }
        }
        String reason = "shared staging deployment from " + file.get();
        ProviderResult result = answer.result(context.services().size() == 1 && !backendNames.isEmpty()
                ? reason + " (" + backendNames.get(0) + ")" : reason);
        if (result instanceof ProviderResult.Found found) {
            LOG.warn("Tests will run against the shared staging deployment {} (from {}): {}. {}; staging.enabled=false"
                    + " turns this fallback off.", Secrets.mask(found.endpoint().http()),
                    OutsideText.oneLine(file.get().toString()), whyNotLocal(context.earlierAnswers()),
                    nextStep(context.earlierAnswers()));
        }
        return variables.withNotes(result);
    }

    /**
     * Return why no local source answered, in the words of the providers asked before: what the ones that were
     * configured but could not answer said ({@code docker: this checkout's project shop is stopped ...}); only when
     * none was even configured, that no local backend was found.
     */
    static String whyNotLocal(List<Line> earlier) {
        // loops rather than streams, here and below: this runs in every staging resolution, often the run's first,
        // where a stream pipeline's classes and lambdas cost a fresh JVM more than the work
        List<String> failed = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (Line answer : earlier) {
            String provider = OutsideText.oneLine(answer.provider()) + " " + answer.outcome().label();
            asked.add(provider);
            if (triedAndFailed(answer)) {
                failed.add(provider + ": " + OutsideText.excerpt(answer.reason(), 400));
            }
        }
        if (!failed.isEmpty()) {
            return String.join("; ", failed);
        }
        return "no local backend was found" + (earlier.isEmpty() ? "" : " (" + String.join("; ", asked) + ")");
    }

    /** Tell whether a provider asked before was configured but could not answer (unavailable or partial). */
    private static boolean triedAndFailed(Line earlier) {
        return earlier.outcome() == Outcome.UNAVAILABLE || earlier.outcome() == Outcome.PARTIAL;
    }

    /** Return what to do to test locally: the failed providers' own next steps, else the usual two. */
    private static String nextStep(List<Line> earlier) {
        List<String> steps = new ArrayList<>();
        for (Line answer : earlier) {
            if (triedAndFailed(answer) && !answer.nextStep().isBlank()) {
                steps.add(OutsideText.excerpt(answer.nextStep(), 300));
            }
        }
        return steps.isEmpty() ? "Start the local stack or set TEST_BACKEND_URL to test locally"
                : "To test locally: " + String.join("; ", steps);
    }

    @Override
    public List<Setting<?>> settings() {
        return StagingSettings.ALL;
    }

    @Override
    public List<ServiceSetting<?>> serviceSettings() {
        return StagingSettings.SERVICE_SETTINGS;
    }

    @Override
    public String hint() {
        return "to fall back to staging, create " + FILE_NAME + " at the repository root with"
                + " STAGING_BASE_URL=https://... (and STAGING_WEBSOCKET_URL=wss://... if the WebSocket is elsewhere)";
    }
}
