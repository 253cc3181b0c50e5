package dev.backendconfig.junit;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.Secrets;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Probe each service the test asks for (the builder's probe, else every {@link RequiresReachableBackend} and
     * {@link RequiresReachableService} of the method, else of its class); fail, or abort when {@code onMissing} is
     * skip, at the first that does not answer: the first failure of the run with the whole report, later ones with
     * one line pointing at it.
     */
    void check(ExtensionContext context, SharedResolution shared, OnMissing onMissing) {
        for (Probe wanted : probes(context)) {
            ProbeResult probe = shared.probe(wanted.service(), wanted.kind(), wanted.path());
            if (probe.ready()) {
                continue;
            }
            Resolution resolution = shared.resolution().orElseThrow();
            ServiceUnreachableException unreachable = new ServiceUnreachableException("The "
                    + (wanted.service().equals(Service.BACKEND) ? "backend" : "service " + wanted.service()) + " "
                    + Secrets.mask(resolution.service(wanted.service()).http()) + " (from "
                    + resolution.service(wanted.service()).source() + ") is not reachable: " + probe.description(),
                    resolution.report());
            BackendConfigException once = shared.reportOnce(unreachable);
            if (onMissing == OnMissing.SKIP) {
                throw new TestAbortedException("Skipped because the backend is not reachable (on-missing = skip). "
                        + once.getMessage());
            }
            throw once;
        }
    }

    /** Return the services the check will probe. */
    List<String> probedServices(ExtensionContext context) {
        return probes(context).stream().map(Probe::service).toList();
    }

    /** One probe to make: which service, how, and the path. */
    private record Probe(String service, ProbeKind kind, String path) {
    }

    private List<Probe> probes(ExtensionContext context) {
        if (kind != null) {
            return kind == ProbeKind.NONE ? List.of() : List.of(new Probe(Service.BACKEND, kind, path));
        }
        return requiresReachable(context).stream().filter(probe -> probe.kind() != ProbeKind.NONE).toList();
    }

    /**
     * Return the probes the method's {@link RequiresReachableBackend} and {@link RequiresReachableService} annotations
     * ask for, else those of its class or the nearest enclosing class that has any.
     */
    private static List<Probe> requiresReachable(ExtensionContext context) {
        List<Probe> onMethod = context.getTestMethod().map(ReachabilityCheck::annotated).orElse(List.of());
        if (!onMethod.isEmpty()) {
            return onMethod;
        }
        for (Class<?> current = context.getTestClass().orElse(null); current != null;
                current = current.getEnclosingClass()) {
            List<Probe> found = annotated(current);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<Probe> annotated(AnnotatedElement element) {
        List<Probe> probes = new ArrayList<>();
        AnnotationSupport.findAnnotation(element, RequiresReachableBackend.class)
                .ifPresent(backend -> probes.add(new Probe(Service.BACKEND, backend.probe(), backend.path())));
        for (RequiresReachableService service : AnnotationSupport.findRepeatableAnnotations(element,
                RequiresReachableService.class)) {
            probes.add(new Probe(service.service(), service.probe(), service.path()));
        }
        return probes;
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
