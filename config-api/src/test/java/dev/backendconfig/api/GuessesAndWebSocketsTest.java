package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.backendconfig.api.ResolutionReport.Line;
import dev.backendconfig.api.ResolutionReport.Outcome;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.testkit.LoopbackServers;
import dev.backendconfig.testkit.RecordingLogs;
import dev.backendconfig.testsupport.FixedProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * What the core does with an unconfirmed endpoint (a provider's guess), with a service that has no WebSocket
 * endpoint ({@code services.<name>.websocket=false}, one rule for every provider), with the INFO line, and what later
 * providers see of the earlier ones' answers.
 */
class GuessesAndWebSocketsTest {

    private static ServiceEndpoint.Builder endpoint(String source, String service, String http) {
        return ServiceEndpoint.builder(source).service(service).http(URI.create(http), Origin.other(source + " test"));
    }

    private static FixedProvider giving(String id, ServiceEndpoint... endpoints) {
        return new FixedProvider(id, 200, context -> {
            ProviderResult.Services answer = ProviderResult.services();
            for (ServiceEndpoint endpoint : endpoints) {
                answer.found(endpoint, id + " found " + endpoint.service());
            }
            return answer.result(id + " answered for the " + endpoints.length + " services");
        });
    }

    @Test
    void anUnconfirmedEndpointSaysSoInItsAccessorsItsTextAndTheReportHeadline() {
        ServiceEndpoint guess = endpoint("docker", "backend", "http://localhost:28002")
                .unconfirmed("predicted from compose.yaml:5").build();
        assertThat(guess.unconfirmed()).contains("predicted from compose.yaml:5");
        assertThat(guess).hasToString("ServiceEndpoint[source=docker, http=http://localhost:28002,"
                + " webSocket=ws://localhost:28002, unconfirmed]");
        assertThat(guess).isNotEqualTo(endpoint("docker", "backend", "http://localhost:28002").build());
        Resolution resolution = ServiceResolver.of(List.of(giving("docker", guess)))
                .resolve(ResolutionContext.builder().build());
        assertThat(resolution.report().render()).startsWith("backend: http://localhost:28002  ws://localhost:28002"
                + "  UNCONFIRMED: predicted from compose.yaml:5  (from docker, ");
    }

    @Test
    void aServiceWithoutWebSocketIsProbedOverHttpEvenWhenTheProbeIsAHandshake() throws Exception {
        try (LoopbackServers.Server server = LoopbackServers.answeringHttp()) {
            ResolutionContext context = ResolutionContext.builder().settings(Map.of("services", "auth",
                    "services.auth.websocket", "false", "probe", "websocket")).build();
            ServiceEndpoint auth = endpoint("docker", "auth", "http://localhost:" + server.port())
                    .withoutWebSocket("setting services.auth.websocket=false").build();
            ProbeResult result = context.probe(auth);
            assertThat(result.ready()).as(result.description()).isTrue();
            assertThat(result.description()).startsWith("http GET http://localhost:" + server.port() + "/");
        }
    }

    @Test
    void aServiceWithoutWebSocketHasNoWebSocketUrlWhateverTheProviderGaveAndSaysWhyWhenAsked() {
        ServiceEndpoint backend = endpoint("env", "backend", "http://localhost:8002").build();
        ServiceEndpoint auth = endpoint("env", "auth", "http://localhost:8080")
                .webSocket(URI.create("ws://localhost:8080/ws"), Origin.variable("TEST_AUTH_WEBSOCKET_URL")).build();
        ServiceEndpoint frontend = endpoint("env", "frontend", "http://localhost:3000").build();
        Resolution resolution = ServiceResolver.of(List.of(giving("env", backend, auth, frontend)))
                .resolve(ResolutionContext.builder().settings(Map.of("services", "auth,frontend",
                        "services.auth.websocket", "false", "services.frontend.websocket", "false")).build());
        ServiceEndpoint resolvedAuth = resolution.service("auth");
        assertThat(resolvedAuth.findWebSocket()).isEmpty();
        assertThat(resolvedAuth.http()).isEqualTo(URI.create("http://localhost:8080"));
        assertThatThrownBy(resolvedAuth::webSocket).isInstanceOf(IllegalStateException.class)
                .hasMessage("service auth has no WebSocket URL: setting services.auth.websocket=false (setting"
                        + " services.auth.websocket given to ResolutionContext.Builder.settings)");
        assertThatThrownBy(() -> resolvedAuth.webSocket("/chat")).isInstanceOf(IllegalStateException.class);
        assertThat(resolution.service("frontend").findWebSocket()).isEmpty();
        assertThat(resolution.endpoint().findWebSocket()).contains(URI.create("ws://localhost:8002"));
        assertThat(resolution.report().line("env").orElseThrow().notes()).containsExactly("auth: the WebSocket URL"
                + " from variable TEST_AUTH_WEBSOCKET_URL is dropped: setting services.auth.websocket=false says the"
                + " service has none");
        assertThat(resolution.report().render()).contains("auth:     http://localhost:8080  (no WebSocket)");
    }

    @Test
    void theInfoLineNamesWhereTheProviderFoundTheBackendInItsOwnWords() {
        RecordingLogs.clear();
        FixedProvider docker = new FixedProvider("docker", 200, context -> ProviderResult.found(endpoint("docker",
                "backend", "http://localhost:28002").build(), "compose project holdvar (this checkout's): service api"
                + " publishes 8000 on 0.0.0.0:28002 (healthy)"));
        ServiceResolver.of(List.of(docker)).resolve(ResolutionContext.builder().build());
        assertThat(RecordingLogs.events(Level.INFO).stream().filter(event -> event.logger()
                .equals(ServiceResolver.class.getName()))).singleElement().extracting(RecordingLogs.Event::message)
                .asString().startsWith("backend: http://localhost:28002 ws://localhost:28002 (from docker: compose"
                        + " project holdvar (this checkout's): service api publishes 8000 on 0.0.0.0:28002 (healthy), ");
    }

    @Test
    void laterProvidersSeeTheReportLinesOfTheEarlierOnesWithTheirNextSteps() {
        List<List<Line>> seen = new CopyOnWriteArrayList<>();
        FixedProvider env = new FixedProvider("env", 300, context -> {
            seen.add(new ArrayList<>(context.earlierAnswers()));
            return ProviderResult.skipped("nothing set");
        });
        FixedProvider docker = new FixedProvider("docker", 200, context -> {
            seen.add(new ArrayList<>(context.earlierAnswers()));
            return ProviderResult.unavailable("this checkout's project v is stopped").withNextStep("start it");
        });
        FixedProvider staging = new FixedProvider("staging", 100, context -> {
            seen.add(new ArrayList<>(context.earlierAnswers()));
            return ProviderResult.found(endpoint("staging", Service.BACKEND, "https://staging.test").build(), "file");
        });
        Resolution resolution = ServiceResolver.of(List.of(env, docker, staging))
                .resolve(ResolutionContext.builder().build());
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(1)).extracting(Line::provider, Line::outcome, Line::reason, Line::nextStep)
                .containsExactly(tuple("env", Outcome.SKIPPED, "nothing set", "configure env"));
        assertThat(seen.get(2)).extracting(Line::provider, Line::outcome, Line::reason, Line::nextStep)
                .containsExactly(tuple("env", Outcome.SKIPPED, "nothing set", "configure env"),
                        tuple("docker", Outcome.UNAVAILABLE, "this checkout's project v is stopped", "start it"));
        assertThat(seen.get(2)).as("the very lines of the report")
                .containsExactlyElementsOf(resolution.report().lines().subList(0, 2));
        assertThat(resolution.report().line("staging").orElseThrow().nextStep()).as("found: nothing to do").isEmpty();
    }
}
