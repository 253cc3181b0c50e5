package dev.backendconfig.cli;

import dev.backendconfig.api.Resolution;
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
import java.util.Optional;

/**
 * A JSON document with the endpoint (masked, like the report) and every provider's outcome. Each endpoint says whether
 * the provider vouches for it ({@code "confirmed"}; when false, {@code "unconfirmed"} says why); {@code "webSocket"}
 * is null for a service without one.
 */
final class JsonOutput implements Output {

    @Override
    public void found(Resolution resolution, Optional<ProbeResult> probe, PrintStream out) {
        Map<String, Object> document = document(true, resolution.report());
        document.put("endpoint", endpoint(resolution.endpoint()));
        Map<String, Object> services = new LinkedHashMap<>();
        resolution.services().forEach((name, endpoint) -> services.put(name, endpoint(endpoint)));
        document.put("services", services);
        probe.ifPresent(result -> {
            Map<String, Object> checked = new LinkedHashMap<>();
            checked.put("ready", result.ready());
            checked.put("description", result.description());
            checked.put("elapsedMillis", millis(result.elapsed()));
            document.put("probe", checked);
        });
        out.println(JsonWriter.write(document));
    }

    @Override
    public void notFound(ServiceNotFoundException failure, PrintStream out) {
        Map<String, Object> document = document(false, failure.report());
        document.put("nextSteps", failure.nextSteps());
        out.println(JsonWriter.write(document));
    }

    @Override
    public void partial(ResolutionReport report, PrintStream out) {
        Map<String, Object> document = document(false, report);
        document.put("invalid", true);
        out.println(JsonWriter.write(document));
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

    private static Map<String, Object> endpoint(ServiceEndpoint endpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("http", Secrets.mask(endpoint.http()));
        json.put("webSocket", endpoint.findWebSocket().map(Secrets::mask).orElse(null));
        json.put("service", endpoint.service());
        json.put("source", endpoint.source());
        json.put("confirmed", endpoint.confirmed());
        endpoint.unconfirmed().ifPresent(why -> json.put("unconfirmed", Secrets.maskText(why)));
        json.put("details", endpoint.maskedDetails());
        return json;
    }

    private static BigDecimal millis(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos()).divide(BigDecimal.valueOf(1_000_000), 3, RoundingMode.HALF_UP);
    }
}
