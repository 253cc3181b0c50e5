package dev.backendconfig.junit;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.spi.ProbeKind;
import dev.backendconfig.api.spi.ProbeResult;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The probe before a test that needs a reachable backend: asked for in the extension's builder, or by
 * {@link RequiresReachableBackend} on the test method or its class (or an enclosing class).
 *
 * @param kind the probe the builder asked for, or null to follow the annotation
 * @param path the path the builder asked for
 */
record ReachabilityCheck(ProbeKind kind, String path) {

    /** Probe the backend when the test asks for it; fail, or abort when {@code onMissing} is skip, if it does not answer. */
    void check(ExtensionContext context, SharedResolution shared, OnMissing onMissing) {
        Optional<RequiresReachableBackend> required = requiresReachable(context);
        ProbeKind chosen = kind != null ? kind : required.map(RequiresReachableBackend::probe).orElse(null);
        if (chosen == null || chosen == ProbeKind.NONE) {
            return;
        }
        String chosenPath = kind != null ? path : required.map(RequiresReachableBackend::path).orElse("");
        String service = kind != null ? dev.backendconfig.api.spi.Service.BACKEND
                : required.map(RequiresReachableBackend::service).orElse(dev.backendconfig.api.spi.Service.BACKEND);
        ProbeResult probe = shared.probe(service, chosen, chosenPath);
        if (probe.ready()) {
            return;
        }
        Resolution resolution = shared.resolution().orElseThrow();
        String message = "The " + (service.equals(dev.backendconfig.api.spi.Service.BACKEND) ? "backend"
                : "service " + service) + " " + resolution.service(service).maskedHttp() + " (from "
                + resolution.service(service).source() + ") is not reachable: " + probe.description() + "\n"
                + resolution.report().render();
        if (onMissing == OnMissing.SKIP) {
            throw new TestAbortedException("Skipped because the backend is not reachable (on-missing = skip). "
                    + message);
        }
        throw new BackendUnreachableException(message);
    }

    /** Return the service the check will probe, when it probes one. */
    Optional<String> probedService(ExtensionContext context) {
        if (kind != null) {
            return kind == ProbeKind.NONE ? Optional.empty() : Optional.of(dev.backendconfig.api.spi.Service.BACKEND);
        }
        return requiresReachable(context).filter(required -> required.probe() != ProbeKind.NONE)
                .map(RequiresReachableBackend::service);
    }

    private static Optional<RequiresReachableBackend> requiresReachable(ExtensionContext context) {
        Optional<RequiresReachableBackend> onMethod = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, RequiresReachableBackend.class));
        return onMethod.isPresent() ? onMethod : onClassOrEnclosing(context.getTestClass(), RequiresReachableBackend.class);
    }

    /** Find an annotation on a class, its superclasses (through @Inherited) or the classes enclosing it. */
    static <A extends java.lang.annotation.Annotation> Optional<A> onClassOrEnclosing(Optional<Class<?>> start,
            Class<A> type) {
        for (Class<?> current = start.orElse(null); current != null; current = current.getEnclosingClass()) {
            Optional<A> found = AnnotationSupport.findAnnotation(current, type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
