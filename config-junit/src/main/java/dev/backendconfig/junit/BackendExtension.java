package dev.backendconfig.junit;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.TestContext;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.junit.internal.JunitSettings;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit Jupiter extension behind {@link BackendTest}; register it yourself to configure it in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static BackendExtension backend = BackendExtension.builder()
 *         .onMissing(OnMissing.SKIP)
 *         .setting("providers", "env,docker")
 *         .requireReachable(ProbeKind.HTTP, "/health")
 *         .build();
 * }</pre>
 *
 * <p>The backend is resolved once per test run (per distinct set of settings) and kept in the root
 * {@link ExtensionContext.Store}, closed with it; there is no static state that outlives the run. Before each test
 * the extension fails it (or skips it) when there is no backend, and probes it when asked to; it injects
 * {@link BackendEndpoint}, {@link TestContext} and {@link ResolutionReport} parameters, and {@link URI} or
 * {@code String} parameters and fields annotated {@link BackendUrl} or {@link WebSocketUrl}.
 */
public final class BackendExtension
        implements BeforeAllCallback, TestInstancePostProcessor, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BackendExtension.class);
    private static final List<Class<?>> INJECTABLE_URL_TYPES = List.of(URI.class, String.class);

    private final OnMissing onMissing;
    private final Map<String, String> settings;
    private final ProbeKind reachableKind;
    private final String reachablePath;

    /** Create the extension as {@link BackendTest} does: settings from the environment, on-missing from the annotation. */
    public BackendExtension() {
        this(OnMissing.SETTING, Map.of(), null, "");
    }

    private BackendExtension(OnMissing onMissing, Map<String, String> settings, ProbeKind reachableKind,
            String reachablePath) {
        this.onMissing = onMissing;
        this.settings = Map.copyOf(settings);
        this.reachableKind = reachableKind;
        this.reachablePath = reachablePath;
    }

    /** Start configuring an extension for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context).resolution().ifPresent(resolution -> inject(null, context.getRequiredTestClass(), resolution, true));
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        checkFields(testInstance.getClass());
        shared(context).resolution().ifPresent(resolution -> inject(testInstance, testInstance.getClass(), resolution,
                false));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SharedResolution shared = shared(context);
        if (shared.resolution().isEmpty()) {
            if (!shared.notFound() || onMissing(context, shared) == OnMissing.FAIL) {
                throw shared.failure();
            }
            throw new TestAbortedException("Skipped because no backend was found (on-missing = skip).\n"
                    + shared.failureMessage());
        }
        Optional<RequiresReachableBackend> required = requiresReachable(context);
        ProbeKind kind = reachableKind != null ? reachableKind : required.map(RequiresReachableBackend::probe).orElse(null);
        if (kind == null || kind == ProbeKind.NONE) {
            return;
        }
        String path = reachableKind != null ? reachablePath : required.map(RequiresReachableBackend::path).orElse("");
        ProbeResult probe = shared.probe(kind, path);
        if (!probe.ready()) {
            Resolution resolution = shared.resolution().get();
            String message = "The backend " + resolution.endpoint().maskedHttp() + " (from "
                    + resolution.endpoint().source() + ") is not reachable: " + probe.description() + "\n"
                    + resolution.report().render();
            if (onMissing(context, shared) == OnMissing.SKIP) {
                throw new TestAbortedException("Skipped because the backend is not reachable (on-missing = skip). "
                        + message);
            }
            throw new BackendUnreachableException(message);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (parameter.isAnnotated(BackendUrl.class) || parameter.isAnnotated(WebSocketUrl.class)) {
            checkUrlTarget(parameter.getParameter(), type, "parameter '" + parameter.getParameter().getName() + "' of "
                    + parameter.getDeclaringExecutable());
            return true;
        }
        return type == BackendEndpoint.class || type == TestContext.class || type == ResolutionReport.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedResolution shared = shared(context);
        Resolution resolution = shared.resolution().orElseThrow(() -> new ParameterResolutionException(
                "cannot inject the backend into " + parameter.getParameter() + ": no backend was found", shared.failure()));
        return value(parameter.getParameter(), parameter.getParameter().getType(), resolution);
    }

    private SharedResolution shared(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Map<String, String> key = new TreeMap<>(settings);
        return resolveOnce(store, key);
    }

    // getOrComputeIfAbsent is deprecated in Jupiter 6 in favour of computeIfAbsent, which Jupiter 5.14 lacks; the
    // extension supports both, so it calls the method they share.
    @SuppressWarnings("deprecation")
    private static SharedResolution resolveOnce(ExtensionContext.Store store, Map<String, String> key) {
        return store.getOrComputeIfAbsent(key, SharedResolution::resolve, SharedResolution.class);
    }

    private OnMissing onMissing(ExtensionContext context, SharedResolution shared) {
        OnMissing chosen = onMissing;
        if (chosen == OnMissing.SETTING) {
            chosen = annotation(context.getTestClass(), BackendTest.class).map(BackendTest::onMissing)
                    .orElse(OnMissing.SETTING);
        }
        return chosen == OnMissing.SETTING
                ? shared.onMissingSetting(context.getConfigurationParameter(JunitSettings.ON_MISSING_PARAMETER)) : chosen;
    }

    private static Optional<RequiresReachableBackend> requiresReachable(ExtensionContext context) {
        Optional<RequiresReachableBackend> onMethod = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, RequiresReachableBackend.class));
        return onMethod.isPresent() ? onMethod : annotation(context.getTestClass(), RequiresReachableBackend.class);
    }

    /** Find an annotation on a class, its superclasses (through @Inherited) or the classes enclosing it. */
    private static <A extends java.lang.annotation.Annotation> Optional<A> annotation(Optional<Class<?>> start,
            Class<A> type) {
        for (Class<?> current = start.orElse(null); current != null; current = current.getEnclosingClass()) {
            Optional<A> found = AnnotationSupport.findAnnotation(current, type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static void checkFields(Class<?> type) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (field.isAnnotationPresent(BackendUrl.class) || field.isAnnotationPresent(WebSocketUrl.class)) {
                    checkUrlTarget(field, field.getType(), "field '" + field.getName() + "' of " + current.getName());
                    if (Modifier.isFinal(field.getModifiers())) {
                        throw new ExtensionConfigurationException("@" + urlAnnotation(field).getSimpleName()
                                + " cannot be injected into final field '" + field.getName() + "' of "
                                + current.getName() + "; remove final");
                    }
                }
            }
        }
    }

    private static void inject(Object instance, Class<?> type, Resolution resolution, boolean statics) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                boolean annotated = field.isAnnotationPresent(BackendUrl.class) || field.isAnnotationPresent(WebSocketUrl.class);
                if (!annotated || Modifier.isStatic(field.getModifiers()) != statics) {
                    continue;
                }
                checkUrlTarget(field, field.getType(), "field '" + field.getName() + "' of " + current.getName());
                try {
                    field.setAccessible(true);
                    field.set(instance, value(field, field.getType(), resolution));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new ExtensionConfigurationException("cannot inject the backend URL into field '"
                            + field.getName() + "' of " + current.getName() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static Object value(AnnotatedElement element, Class<?> type, Resolution resolution) {
        BackendEndpoint endpoint = resolution.endpoint();
        if (type == BackendEndpoint.class) {
            return endpoint;
        }
        if (type == TestContext.class) {
            return TestContext.of(resolution);
        }
        if (type == ResolutionReport.class) {
            return resolution.report();
        }
        URI url;
        BackendUrl http = element.getAnnotation(BackendUrl.class);
        if (http != null) {
            url = endpoint.http(http.value());
        } else {
            url = endpoint.webSocket(element.getAnnotation(WebSocketUrl.class).value());
        }
        return type == String.class ? url.toString() : url;
    }

    private static void checkUrlTarget(AnnotatedElement element, Class<?> type, String described) {
        if (element.isAnnotationPresent(BackendUrl.class) && element.isAnnotationPresent(WebSocketUrl.class)) {
            throw new ParameterResolutionException(described + " is annotated both @BackendUrl and @WebSocketUrl;"
                    + " choose one");
        }
        if (!INJECTABLE_URL_TYPES.contains(type)) {
            String annotation = "@" + urlAnnotation(element).getSimpleName();
            String message = annotation + " cannot be injected into " + described + " of type " + type.getName()
                    + "; supported types are java.net.URI and java.lang.String";
            throw element instanceof Field ? new ExtensionConfigurationException(message)
                    : new ParameterResolutionException(message);
        }
    }

    private static Class<?> urlAnnotation(AnnotatedElement element) {
        return element.isAnnotationPresent(BackendUrl.class) ? BackendUrl.class : WebSocketUrl.class;
    }

    /** Configures a {@link BackendExtension}. */
    public static final class Builder {
        private OnMissing onMissing = OnMissing.SETTING;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private ProbeKind reachableKind;
        private String reachablePath = "";

        private Builder() {
        }

        /** Fail or skip when no backend is found (default: setting {@code junit.on-missing}). */
        public Builder onMissing(OnMissing onMissing) {
            this.onMissing = Objects.requireNonNull(onMissing, "onMissing");
            return this;
        }

        /** Override one setting (key without prefix) for this extension's resolution. */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Probe the backend before every test, as {@link RequiresReachableBackend} does. */
        public Builder requireReachable(ProbeKind kind, String path) {
            this.reachableKind = Objects.requireNonNull(kind, "kind");
            this.reachablePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Build the extension. */
        public BackendExtension build() {
            return new BackendExtension(onMissing, settings, reachableKind, reachablePath);
        }
    }
}
