package dev.backendconfig.junit;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.spi.Service;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

/**
 * Check, before a test runs, the services its annotations name: one that is not declared fails the test naming the
 * annotation and the declared services; an optional one that was not found skips the test saying why.
 */
final class ServiceReferences {

    private ServiceReferences() {
    }

    /** A service named by an annotation on an element. */
    private record Reference(String service, String where) {
    }

    static void check(ExtensionContext context, Resolution resolution, List<String> probedServices) {
        List<Reference> references = new ArrayList<>();
        context.getTestMethod().ifPresent(method -> {
            for (Parameter parameter : method.getParameters()) {
                add(references, parameter, "parameter '" + parameter.getName() + "' of " + method);
            }
        });
        context.getTestClass().ifPresent(type -> {
            for (Field field : ReflectionSupport.findFields(type, InjectedValues::isUrlTarget,
                    HierarchyTraversalMode.TOP_DOWN)) {
                add(references, field, "field '" + field.getName() + "' of " + field.getDeclaringClass().getName());
            }
        });
        probedServices.forEach(service -> references.add(new Reference(service, "@RequiresReachableService")));
        for (Reference reference : references) {
            if (!resolution.isDeclared(reference.service())) {
                throw new ExtensionConfigurationException(reference.where() + " names service '" + reference.service()
                        + "': " + notDeclared(resolution, reference.service()));
            }
            if (resolution.findService(reference.service()).isEmpty()) {
                throw new TestAbortedException("Skipped because optional service " + reference.service()
                        + " (named by " + reference.where() + ") was not found by "
                        + resolution.endpoint().source() + "; the report says why:\n" + resolution.report().render());
            }
        }
    }

    /** Say which services are declared, as the resolution says it for a name that is not. */
    private static String notDeclared(Resolution resolution, String service) {
        return "no service '" + service + "' is declared; declared services are " + String.join(", ",
                resolution.declared().stream().map(Service::name).toList()) + " (declare more with setting services,"
                + " for example services=auth,frontend)";
    }

    private static void add(List<Reference> references, AnnotatedElement element, String where) {
        if (InjectedValues.isUrlTarget(element)) {
            String annotation = "@" + InjectedValues.urlAnnotation(element).getSimpleName();
            references.add(new Reference(InjectedValues.serviceOf(element), annotation + " on " + where));
        }
    }
}
