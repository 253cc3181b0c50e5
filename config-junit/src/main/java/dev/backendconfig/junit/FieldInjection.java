package dev.backendconfig.junit;

import dev.backendconfig.api.Resolution;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Injects fields annotated {@link BackendUrl} or {@link WebSocketUrl}: static ones before all, instance ones after construction. */
final class FieldInjection {

    private FieldInjection() {
    }

    /** Refuse annotated fields of an unsupported type, with both annotations, or final. */
    static void check(Class<?> type) {
        for (Field field : annotatedFields(type)) {
            InjectedValues.checkUrlTarget(field, field.getType(), describe(field));
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@" + InjectedValues.urlAnnotation(field).getSimpleName()
                        + " cannot be injected into final " + describe(field) + "; remove final");
            }
        }
    }

    /** Set the static annotated fields of {@code type} and its superclasses. */
    static void injectStatic(Class<?> type, Resolution resolution) {
        inject(null, type, resolution, true);
    }

    /** Set the instance annotated fields of {@code instance}. */
    static void injectInstance(Object instance, Resolution resolution) {
        inject(instance, instance.getClass(), resolution, false);
    }

    private static void inject(Object instance, Class<?> type, Resolution resolution, boolean statics) {
        for (Field field : annotatedFields(type)) {
            if (Modifier.isStatic(field.getModifiers()) != statics) {
                continue;
            }
            InjectedValues.checkUrlTarget(field, field.getType(), describe(field));
            if (!found(resolution, InjectedValues.serviceOf(field))) {
                continue; // a service not declared, or optional and not found: the check before each test says so
            }
            try {
                ReflectionSupport.makeAccessible(field).set(instance, InjectedValues.value(field, field.getType(),
                        resolution));
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ExtensionConfigurationException("cannot inject the backend URL into " + describe(field)
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean found(Resolution resolution, String service) {
        return resolution.isDeclared(service) && resolution.findService(service).isPresent();
    }

    private static List<Field> annotatedFields(Class<?> type) {
        return ReflectionSupport.findFields(type, InjectedValues::isUrlTarget, HierarchyTraversalMode.TOP_DOWN);
    }

    private static String describe(Field field) {
        return "field '" + field.getName() + "' of " + field.getDeclaringClass().getName();
    }
}
