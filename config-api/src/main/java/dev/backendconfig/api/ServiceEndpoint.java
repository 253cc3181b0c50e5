package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.internal.UriPaths;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.BackendUrls;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.Secrets;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.apiguardian.api.API;

/**
 * Where a service is — the backend, or another service of the same environment such as {@code auth}: its HTTP and
 * WebSocket URLs, both from the same source, and what else that source knew.
 *
 * <p>A source may give both URLs; otherwise the missing one is derived ({@code http}→{@code ws},
 * {@code https}→{@code wss}, same host, port and path; a WebSocket URL alone gives its origin as the HTTP URL).
 * {@link #details()} holds further values such as {@code auth-url} or {@code compose-service}; credentials are
 * included but flagged secret, and {@link #toString()} never shows them, nor the user info of a URL.
 *
 * <p>A service without a WebSocket endpoint (setting {@code services.<name>.websocket=false}) has no WebSocket URL:
 * {@link #findWebSocket()} is empty and {@link #webSocket()} throws, saying why. An endpoint a provider could only
 * guess — a port predicted from a compose file, say — is {@linkplain #unconfirmed() unconfirmed}, and every output
 * says so.
 *
 * <p>Instances are immutable; build them with {@link #builder(String)}.
 */
@API(status = STABLE, since = "1.0")
public final class ServiceEndpoint {

    /** The key under which {@link #origins()} keeps the origin of the HTTP URL. */
    public static final String HTTP = "http";
    /** The key under which {@link #origins()} keeps the origin of the WebSocket URL. */
    public static final String WEBSOCKET = "websocket";

    private final URI http;
    private final URI webSocket;
    private final String source;
    private final String service;
    private final Map<String, String> details;
    private final Set<String> secretDetails;
    private final Map<String, Origin> origins;
    private final String unconfirmed;
    private final String noWebSocket;

    private ServiceEndpoint(Builder builder) {
        this.unconfirmed = builder.unconfirmed;
        this.noWebSocket = builder.noWebSocket;
        this.source = builder.source;
        this.service = builder.service;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(builder.details));
        this.secretDetails = Collections.unmodifiableSet(new LinkedHashSet<>(builder.secretDetails));
        Map<String, Origin> allOrigins = new LinkedHashMap<>();
        if (builder.http != null) {
            this.http = builder.http;
            allOrigins.put(HTTP, builder.httpOrigin);
        } else {
            this.http = BackendUrls.toHttpOrigin(builder.webSocket);
            allOrigins.put(HTTP, Origin.derived("the WebSocket URL (" + builder.webSocketOrigin.describe() + ")"));
        }
        if (builder.noWebSocket != null) {
            this.webSocket = null;
        } else if (builder.webSocket != null) {
            this.webSocket = builder.webSocket;
            allOrigins.put(WEBSOCKET, builder.webSocketOrigin);
        } else {
            this.webSocket = BackendUrls.toWebSocket(builder.http);
            allOrigins.put(WEBSOCKET, Origin.derived("the HTTP URL (" + builder.httpOrigin.describe() + ")"));
        }
        allOrigins.putAll(builder.detailOrigins);
        this.origins = Collections.unmodifiableMap(allOrigins);
    }

    /** Start an endpoint of the backend found by the provider with id {@code source}; see {@link Builder#service}. */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** Return the service this is the endpoint of: {@code backend}, or a declared service such as {@code auth}. */
    public String service() {
        return service;
    }

    /** Return the HTTP base URL, for example {@code http://localhost:8002}. */
    public URI http() {
        return http;
    }

    /**
     * Return the WebSocket URL, for example {@code ws://localhost:8002} or {@code wss://other-host/ws}.
     *
     * @throws IllegalStateException when the service has no WebSocket URL ({@link #findWebSocket()} is empty)
     */
    public URI webSocket() {
        if (webSocket == null) {
            throw new IllegalStateException("service " + service + " has no WebSocket URL: " + noWebSocket);
        }
        return webSocket;
    }

    /**
     * Return the WebSocket URL, or empty when the service has none (setting {@code services.<name>.websocket=false}).
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public Optional<URI> findWebSocket() {
        return Optional.ofNullable(webSocket);
    }

    /**
     * Return why this endpoint is unconfirmed — a guess the provider could not check against what really runs, such
     * as a port predicted from a compose file — or empty when the provider vouches for it (confirmed).
     */
    @API(status = EXPERIMENTAL, since = "1.0")
    public Optional<String> unconfirmed() {
        return Optional.ofNullable(unconfirmed);
    }

    /** Return a copy without a WebSocket URL, {@code why} saying so when one is asked for; the resolver's. */
    ServiceEndpoint withoutWebSocket(String why) {
        Builder copy = new Builder(source).service(service);
        copy.http(http, origins.get(HTTP));
        details.forEach((name, value) -> copy.detail(name, value, origins.get(name)));
        copy.secretDetails.addAll(secretDetails);
        copy.unconfirmed = unconfirmed;
        return copy.withoutWebSocket(why).build();
    }

    /**
     * Return the WebSocket URL with {@code path} joined onto it by URI rules.
     *
     * <p>An absolute path replaces the base path ({@code ws://h:8002} + {@code /ws/chat} =
     * {@code ws://h:8002/ws/chat}); a relative one is appended ({@code wss://h/ws} + {@code chat} =
     * {@code wss://h/ws/chat}) without repeating the segments the base ends with ({@code ws://h/ws} +
     * {@code ws/test} = {@code ws://h/ws/test}, never {@code /ws/ws/test}). The host is never touched.
     *
     * @throws IllegalArgumentException when {@code path} is a whole URL or cannot be part of one
     */
    public URI webSocket(String path) {
        return UriPaths.join(webSocket(), path);
    }

    /** Return the HTTP base URL with {@code path} joined onto it by the same rules as {@link #webSocket(String)}. */
    public URI http(String path) {
        return UriPaths.join(http, path);
    }

    /** Return the id of the provider that found this endpoint, for example {@code docker}. */
    public String source() {
        return source;
    }

    /** Return every detail, secret ones included with their real values: tests need credentials to log in. */
    public Map<String, String> details() {
        return details;
    }

    /** Return one detail by name. */
    public Optional<String> detail(String name) {
        return Optional.ofNullable(details.get(name));
    }

    /** Tell whether a detail is a secret that must never be printed (see {@link #maskedDetails()}). */
    private boolean isSecret(String detailName) {
        return secretDetails.contains(detailName);
    }

    /**
     * Return where each value came from, by key: {@link #HTTP}, {@link #WEBSOCKET} (when the service has a WebSocket
     * URL), then each detail's name, in that order.
     */
    public Map<String, Origin> origins() {
        return origins;
    }

    /**
     * Return the details with every secret value masked, for messages and logs: a detail that is secret (by its name,
     * see {@link Secrets#isSecretName}, or added with {@link Builder#secretDetail}) shows {@link Secrets#MASK}. The
     * URLs are masked with {@link Secrets#mask(URI)}, as {@link #toString()} does.
     */
    public Map<String, String> maskedDetails() {
        Map<String, String> masked = new LinkedHashMap<>();
        details.forEach((name, value) -> masked.put(name, isSecret(name) ? Secrets.MASK : Secrets.maskText(value)));
        return Collections.unmodifiableMap(masked);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ServiceEndpoint that)) {
            return false;
        }
        return http.equals(that.http) && Objects.equals(webSocket, that.webSocket) && source.equals(that.source)
                && service.equals(that.service) && details.equals(that.details)
                && secretDetails.equals(that.secretDetails) && Objects.equals(unconfirmed, that.unconfirmed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(http, webSocket, source, service, details);
    }

    /** Return a description with every secret masked: {@code ServiceEndpoint[source=env, http=..., ...]}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "ServiceEndpoint[", "]");
        if (!service.equals(Service.BACKEND)) {
            joiner.add("service=" + service);
        }
        joiner.add("source=" + source).add("http=" + Secrets.mask(http))
                .add("webSocket=" + (webSocket == null ? "(none)" : Secrets.mask(webSocket)));
        if (!details.isEmpty()) {
            joiner.add("details=" + maskedDetails());
        }
        if (unconfirmed != null) {
            joiner.add("unconfirmed");
        }
        return joiner.toString();
    }

    /** Builds a {@link ServiceEndpoint}; at least one of the two URLs is required. */
    @API(status = STABLE, since = "1.0")
    public static final class Builder {
        private final String source;
        private String service = Service.BACKEND;
        private URI http;
        private Origin httpOrigin;
        private URI webSocket;
        private Origin webSocketOrigin;
        private final Map<String, String> details = new LinkedHashMap<>();
        private final Set<String> secretDetails = new LinkedHashSet<>();
        private final Map<String, Origin> detailOrigins = new LinkedHashMap<>();
        private String unconfirmed;
        private String noWebSocket;

        private Builder(String source) {
            this.source = requireText(source, "source");
        }

        /** Set the service this is the endpoint of (default {@code backend}). */
        public Builder service(String name) {
            this.service = new Service(requireText(name, "service"), true).name();
            return this;
        }

        /** Set the HTTP base URL (scheme http or https) and where it came from. */
        public Builder http(URI url, Origin origin) {
            requireScheme(url, BackendUrls.HTTP_SCHEMES, "http");
            this.http = url;
            this.httpOrigin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** Set the WebSocket URL (scheme ws or wss) and where it came from; without it, it is derived. */
        public Builder webSocket(URI url, Origin origin) {
            requireScheme(url, BackendUrls.WEBSOCKET_SCHEMES, "webSocket");
            this.webSocket = url;
            this.webSocketOrigin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** Add a detail; it is flagged secret when its name says so (see {@link Secrets#isSecretName}). */
        public Builder detail(String name, String value, Origin origin) {
            details.put(requireText(name, "name"), Objects.requireNonNull(value, "value"));
            detailOrigins.put(name, Objects.requireNonNull(origin, "origin"));
            if (Secrets.isSecretName(name)) {
                secretDetails.add(name);
            }
            return this;
        }

        /**
         * Mark the endpoint unconfirmed: a guess the provider could not check against what really runs.
         *
         * @param why what it is and why it could not be confirmed, for every output
         */
        @API(status = EXPERIMENTAL, since = "1.0")
        public Builder unconfirmed(String why) {
            this.unconfirmed = requireText(why, "why");
            return this;
        }

        /**
         * Give the endpoint no WebSocket URL (a service without a WebSocket endpoint), neither given nor derived.
         *
         * @param why why not, for the exception {@link ServiceEndpoint#webSocket()} throws
         */
        @API(status = EXPERIMENTAL, since = "1.0")
        public Builder withoutWebSocket(String why) {
            this.noWebSocket = requireText(why, "why");
            return this;
        }

        /** Add a detail that is secret whatever its name. */
        public Builder secretDetail(String name, String value, Origin origin) {
            detail(name, value, origin);
            secretDetails.add(name);
            return this;
        }

        /** Build the endpoint, deriving the URL that was not given. */
        public ServiceEndpoint build() {
            if (http == null && webSocket == null) {
                throw new IllegalStateException("an endpoint needs an HTTP or a WebSocket URL; neither was set");
            }
            if (http == null && noWebSocket != null) {
                throw new IllegalStateException("an endpoint without a WebSocket URL needs an HTTP URL");
            }
            return new ServiceEndpoint(this);
        }

        private static void requireScheme(URI url, java.util.List<String> schemes, String what) {
            Objects.requireNonNull(url, what);
            if (!url.isAbsolute() || !schemes.contains(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException(what + ": expected an absolute " + String.join(" or ", schemes)
                        + " URL with a host, got " + Secrets.mask(url));
            }
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
