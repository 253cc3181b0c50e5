package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.TestContext;
import dev.backendconfig.junit.internal.JunitSettings;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
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
 * {@link ServiceEndpoint}, {@link TestContext} and {@link ResolutionReport} parameters, and {@link URI} or
 * {@code String} parameters and fields annotated {@link BackendUrl} or {@link WebSocketUrl}.
 */
@API(status = STABLE, since = "1.0")
public final class BackendExtension
        implements BeforeAllCallback, TestInstancePostProcessor, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BackendExtension.class);

    private final OnMissing onMissing;
    private final Map<String, String> settings;
    private final ReachabilityCheck reachability;

    /** Create the extension as {@link BackendTest} does: settings from the environment, on-missing from the annotation. */
    public BackendExtension() {
        this(OnMissing.SETTING, Map.of(), new ReachabilityCheck(null, ""));
    }

    private BackendExtension(OnMissing onMissing, Map<String, String> settings, ReachabilityCheck reachability) {
        this.onMissing = onMissing;
        this.settings = Map.copyOf(settings);
        this.reachability = reachability;
    }

    /**
     * Start configuring an extension for {@code @RegisterExtension}.
     *
     * @return a builder with the defaults of {@link BackendTest}
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context).resolution().ifPresent(resolution -> FieldInjection.injectStatic(context.getRequiredTestClass(),
                resolution));
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        FieldInjection.check(testInstance.getClass());
        shared(context).resolution().ifPresent(resolution -> FieldInjection.injectInstance(testInstance, resolution));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SharedResolution shared = shared(context);
        if (shared.resolution().isEmpty()) {
            if (!shared.notFound() || onMissing(context, shared) == OnMissing.FAIL) {
                throw shared.failure();
            }
            throw new TestAbortedException("Skipped because no backend was found (on-missing = skip).\n"
                    + shared.failure().getMessage());
        }
        ServiceReferences.check(context, shared.resolution().get(), reachability.probedServices(context));
        reachability.check(context, shared, onMissing(context, shared));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Parameter target = parameter.getParameter();
        if (InjectedValues.isUrlTarget(target)) {
            InjectedValues.checkUrlTarget(target, target.getType(), "parameter '" + target.getName() + "' of "
                    + parameter.getDeclaringExecutable());
            return true;
        }
        return InjectedValues.isWholeType(target.getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedResolution shared = shared(context);
        Resolution resolution = shared.resolution().orElseThrow(() -> new ParameterResolutionException(
                "cannot inject the backend into " + parameter.getParameter() + ": no backend was found", shared.failure()));
        return InjectedValues.value(parameter.getParameter(), parameter.getParameter().getType(), resolution);
    }

    private SharedResolution shared(ExtensionContext context) {
        return SharedResolution.of(context.getRoot().getStore(NAMESPACE), settings);
    }

    private OnMissing onMissing(ExtensionContext context, SharedResolution shared) {
        OnMissing chosen = onMissing;
        if (chosen == OnMissing.SETTING) {
            chosen = ReachabilityCheck.onClassOrEnclosing(context.getTestClass(), BackendTest.class)
                    .map(BackendTest::onMissing).orElse(OnMissing.SETTING);
        }
        return chosen == OnMissing.SETTING
                ? shared.onMissingSetting(context.getConfigurationParameter(JunitSettings.ON_MISSING_PARAMETER)) : chosen;
    }

    /** Configures a {@link BackendExtension}. */
    @API(status = STABLE, since = "1.0")
    public static final class Builder {
        private OnMissing onMissing = OnMissing.SETTING;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private ProbeKind reachableKind;
        private String reachablePath = "";

        private Builder() {
        }

        /**
         * Fail or skip when no backend is found (default: setting {@code junit.on-missing}).
         *
         * @param onMissing what to do
         * @return this builder
         */
        public Builder onMissing(OnMissing onMissing) {
            this.onMissing = Objects.requireNonNull(onMissing, "onMissing");
            return this;
        }

        /**
         * Override one setting (key without prefix) for this extension's resolution.
         *
         * @param key the setting's key, for example {@code providers}
         * @param value its value
         * @return this builder
         */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Probe the backend before every test, as {@link RequiresReachableBackend} does.
         *
         * @param kind how to probe
         * @param path the path to probe (see {@link RequiresReachableBackend#path()})
         * @return this builder
         */
        public Builder requireReachable(ProbeKind kind, String path) {
            this.reachableKind = Objects.requireNonNull(kind, "kind");
            this.reachablePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Build the extension.
         *
         * @return the extension, to keep in a {@code static} field annotated {@code @RegisterExtension}
         */
        public BackendExtension build() {
            return new BackendExtension(onMissing, settings, new ReachabilityCheck(reachableKind, reachablePath));
        }
    }
}
