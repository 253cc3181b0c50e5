package dev.backendconfig.junit;

import dev.backendconfig.api.BackendEndpoint;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.TestContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/** What the extension injects into a field or parameter, and which targets it refuses. */
final class InjectedValues {

    private static final List<Class<?>> URL_TYPES = List.of(URI.class, String.class);
    private static final List<Class<?>> WHOLE_TYPES = List.of(BackendEndpoint.class, TestContext.class,
            ResolutionReport.class);

    private InjectedValues() {
    }

    /** Tell whether an element carries {@link BackendUrl} or {@link WebSocketUrl}. */
    static boolean isUrlTarget(AnnotatedElement element) {
        return AnnotationSupport.isAnnotated(element, BackendUrl.class)
                || AnnotationSupport.isAnnotated(element, WebSocketUrl.class);
    }

    /** Tell whether a type is injected as a whole, without an annotation. */
    static boolean isWholeType(Class<?> type) {
        return WHOLE_TYPES.contains(type);
    }

    /**
     * Refuse a URL target of a type other than {@code URI} or {@code String}, or with both annotations.
     *
     * @param described how the message names the element, for example {@code field 'api' of com.example.ChatTest}
     */
    static void checkUrlTarget(AnnotatedElement element, Class<?> type, String described) {
        if (AnnotationSupport.isAnnotated(element, BackendUrl.class)
                && AnnotationSupport.isAnnotated(element, WebSocketUrl.class)) {
            throw new ParameterResolutionException(described + " is annotated both @BackendUrl and @WebSocketUrl;"
                    + " choose one");
        }
        if (!URL_TYPES.contains(type)) {
            String message = "@" + urlAnnotation(element).getSimpleName() + " cannot be injected into " + described
                    + " of type " + type.getName() + "; supported types are java.net.URI and java.lang.String";
            throw element instanceof Field ? new ExtensionConfigurationException(message)
                    : new ParameterResolutionException(message);
        }
    }

    /** Return the annotation that makes an element a URL target, for messages. */
    static Class<?> urlAnnotation(AnnotatedElement element) {
        return AnnotationSupport.isAnnotated(element, BackendUrl.class) ? BackendUrl.class : WebSocketUrl.class;
    }

    /** Return the service a URL target names ({@code backend} unless its annotation says otherwise). */
    static String serviceOf(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, BackendUrl.class).map(BackendUrl::service)
                .or(() -> AnnotationSupport.findAnnotation(element, WebSocketUrl.class).map(WebSocketUrl::service))
                .orElse(dev.backendconfig.api.spi.Service.BACKEND);
    }

    /** Return the value for an element of a type: the endpoint, context or report, or a URL with its path joined. */
    static Object value(AnnotatedElement element, Class<?> type, Resolution resolution) {
        BackendEndpoint endpoint = isUrlTarget(element) ? resolution.service(serviceOf(element)) : resolution.endpoint();
        if (type == BackendEndpoint.class) {
            return endpoint;
        }
        if (type == TestContext.class) {
            return TestContext.of(resolution);
        }
        if (type == ResolutionReport.class) {
            return resolution.report();
        }
        URI url = AnnotationSupport.findAnnotation(element, BackendUrl.class)
                .map(http -> endpoint.http(http.value()))
                .orElseGet(() -> endpoint.webSocket(element.getAnnotation(WebSocketUrl.class).value()));
        return type == String.class ? url.toString() : url;
    }
}
