package dev.backendconfig.junit;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.TestContext;
import dev.backendconfig.api.spi.Service;
import java.lang.annotation.Annotation;
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
    private static final List<Class<?>> WHOLE_TYPES = List.of(ServiceEndpoint.class, TestContext.class,
            ResolutionReport.class);

    private InjectedValues() {
    }

    /** The annotations that make an element a URL target. */
    private static final List<Class<? extends Annotation>> URL_ANNOTATIONS = List.of(BackendUrl.class, HttpUrl.class,
            WebSocketUrl.class);

    /** Tell whether an element carries {@link BackendUrl}, {@link HttpUrl} or {@link WebSocketUrl}. */
    static boolean isUrlTarget(AnnotatedElement element) {
        return URL_ANNOTATIONS.stream().anyMatch(annotation -> AnnotationSupport.isAnnotated(element, annotation));
    }

    /** Tell whether a type is injected as a whole, without an annotation. */
    static boolean isWholeType(Class<?> type) {
        return WHOLE_TYPES.contains(type);
    }

    /**
     * Refuse a URL target of a type other than {@code URI} or {@code String}, or with more than one URL annotation.
     *
     * @param described how the message names the element, for example {@code field 'api' of com.example.ChatTest}
     */
    static void checkUrlTarget(AnnotatedElement element, Class<?> type, String described) {
        List<String> carried = URL_ANNOTATIONS.stream()
                .filter(annotation -> AnnotationSupport.isAnnotated(element, annotation))
                .map(annotation -> "@" + annotation.getSimpleName()).toList();
        if (carried.size() > 1) {
            throw new ParameterResolutionException(described + " is annotated both " + String.join(" and ", carried)
                    + "; choose one");
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
        return URL_ANNOTATIONS.stream().filter(annotation -> AnnotationSupport.isAnnotated(element, annotation))
                .findFirst().orElseThrow();
    }

    /** Return the service a URL target names ({@code backend} unless its annotation says otherwise). */
    static String serviceOf(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, HttpUrl.class).map(HttpUrl::service)
                .or(() -> AnnotationSupport.findAnnotation(element, WebSocketUrl.class).map(WebSocketUrl::service))
                .orElse(Service.BACKEND);
    }

    /** Return the value for an element of a type: the endpoint, context or report, or a URL with its path joined. */
    static Object value(AnnotatedElement element, Class<?> type, Resolution resolution) {
        ServiceEndpoint endpoint = isUrlTarget(element) ? resolution.service(serviceOf(element)) : resolution.endpoint();
        if (type == ServiceEndpoint.class) {
            return endpoint;
        }
        if (type == TestContext.class) {
            return TestContext.of(resolution);
        }
        if (type == ResolutionReport.class) {
            return resolution.report();
        }
        URI url = AnnotationSupport.findAnnotation(element, BackendUrl.class).map(http -> endpoint.http(http.value()))
                .or(() -> AnnotationSupport.findAnnotation(element, HttpUrl.class).map(http -> endpoint.http(http.value())))
                .orElseGet(() -> endpoint.webSocket(element.getAnnotation(WebSocketUrl.class).value()));
        return type == String.class ? url.toString() : url;
    }
}
