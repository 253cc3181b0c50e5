package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Inject the WebSocket URL of the backend (or of another declared {@link #service()}) into a {@link java.net.URI}
 * or {@code String} parameter or field, with {@link #value()} joined onto it by URI rules
 * ({@code @WebSocketUrl("/ws/chat") URI chat}).
 */
@API(status = STABLE, since = "1.0")
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebSocketUrl {

    /** Return the path to join onto the WebSocket URL; empty for the URL itself. */
    String value() default "";

    /**
     * Return the service whose URL to inject: {@code backend}, or one declared with setting {@code services}. A
     * service that is not declared fails the test; an optional one that was not found skips it.
     */
    String service() default "backend";
}
