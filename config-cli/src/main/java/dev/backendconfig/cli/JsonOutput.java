package dev.backendconfig.cli;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.toolkit.Secrets;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document with the endpoints and every provider's outcome; URLs and details masked, like the report, unless
 * {@code --details} asks for them as they are (secrets included, for a consumer that needs them). Each endpoint says
 * whether the provider vouches for it ({@code "confirmed"}; when false, {@code "unconfirmed"} says why);
 * {@code "webSocket"} is null for a service without one.
 */
final class JsonOutput implements Output {

    private final boolean details;

    JsonOutput(boolean details) {
        this.details = details;
    }

    @Override
    public boolean printsFailures() {
        return true;
    }

    @Override
    public void found(Answer answer, PrintStream out) {
        Map<String, Object> document = document(true, answer.resolution().report());
        document.put("endpoint", endpoint(answer.resolution().endpoint()));
        Map<String, Object> services = new LinkedHashMap<>();
        answer.resolution().services().forEach((name, endpoint) -> services.put(name, endpoint(endpoint)));
        document.put("services", services);
        if (answer.check() instanceof Answer.Probed probed) {
            document.put("probe", probe(probed.result()));
        } else if (answer.check() instanceof Answer.Waited waited) {
            document.put("wait", waited(waited));
        }
        document.put("project", project(answer.project()));
        out.println(JsonWriter.write(document));
    }

    @Override
    public void notFound(ServiceNotFoundException failure, ProjectRoot project, PrintStream out) {
        Map<String, Object> document = document(false, failure.report());
        document.put("nextSteps", failure.nextSteps());
        document.put("project", project(project));
        out.println(JsonWriter.write(document));
    }

    @Override
    public void stopped(BackendConfigException failure, ProjectRoot project, PrintStream out) {
        Map<String, Object> document = document(false, failure.report());
        document.put(failure instanceof InvalidConfigurationException ? "invalid" : "failed", true);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", failure.code());
        error.put("message", failure.getMessage().lines().findFirst().orElse(""));
        document.put("error", error);
        document.put("project", project(project));
        out.println(JsonWriter.write(document));
    }

    private static Map<String, Object> probe(ProbeResult result) {
        Map<String, Object> checked = new LinkedHashMap<>();
        checked.put("ready", result.ready());
        checked.put("description", result.description());
        checked.put("elapsedMillis", millis(result.elapsed()));
        return checked;
    }

    private static Map<String, Object> waited(Answer.Waited waited) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ready", waited.ready());
        json.put("elapsedMillis", millis(waited.elapsed()));
        json.put("timeoutMillis", waited.timeout().toMillis());
        Map<String, Object> services = new LinkedHashMap<>();
        waited.services().forEach((service, wait) -> {
            Map<String, Object> one = probe(wait.last());
            one.put("atMillis", millis(wait.at()));
            services.put(service, one);
        });
        json.put("services", services);
        return json;
    }

    private static Map<String, Object> project(ProjectRoot project) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("directory", project.directory().toString());
        json.put("marker", project.marker().isEmpty() ? null : project.marker());
        json.put("searchedFrom", project.given() ? null : project.start().toString());
        json.put("givenWithDir", project.given());
        return json;
    }

    private static Map<String, Object> document(boolean found, ResolutionReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("found", found);
        List<Object> providers = new ArrayList<>();
        for (ResolutionReport.Line line : report.lines()) {
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("id", line.provider());
            provider.put("priority", line.priority());
            provider.put("outcome", line.outcome().label());
            provider.put("reason", line.reason());
            provider.put("elapsedMillis", millis(line.elapsed()));
            Map<String, Object> origins = new LinkedHashMap<>();
            line.origins().forEach((key, origin) -> origins.put(key, origin.describe()));
            provider.put("origins", origins);
            provider.put("notes", line.notes());
            if (!line.services().isEmpty()) {
                List<Object> services = new ArrayList<>();
                for (ResolutionReport.ServiceLine service : line.services()) {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("service", service.service());
                    answer.put("found", service.found());
                    answer.put("required", service.required());
                    answer.put("reason", service.reason());
                    Map<String, Object> serviceOrigins = new LinkedHashMap<>();
                    service.origins().forEach((key, origin) -> serviceOrigins.put(key, origin.describe()));
                    answer.put("origins", serviceOrigins);
                    services.add(answer);
                }
                provider.put("services", services);
            }
            providers.add(provider);
        }
        document.put("providers", providers);
        document.put("notes", report.notes());
        document.put("elapsedMillis", millis(report.elapsed()));
        return document;
    }

    private Map<String, Object> endpoint(ServiceEndpoint endpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("http", details ? endpoint.http().toString() : Secrets.mask(endpoint.http()));
        json.put("webSocket", endpoint.findWebSocket().map(webSocket -> details ? webSocket.toString()
                : Secrets.mask(webSocket)).orElse(null));
        json.put("service", endpoint.service());
        json.put("source", endpoint.source());
        json.put("confirmed", endpoint.unconfirmed().isEmpty());
        endpoint.unconfirmed().ifPresent(why -> json.put("unconfirmed", Secrets.maskText(why)));
        json.put("details", details ? endpoint.details() : endpoint.maskedDetails());
        return json;
    }

    private static BigDecimal millis(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos()).divide(BigDecimal.valueOf(1_000_000), 3, RoundingMode.HALF_UP);
    }
}
