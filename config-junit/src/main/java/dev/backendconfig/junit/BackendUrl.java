package dev.backendconfig.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inject the HTTP URL of the backend (or of another declared {@link #service()}) into a {@link java.net.URI} or
 * {@code String} parameter or field, with {@link #value()} joined onto it by URI rules
 * ({@code @BackendUrl("/api") URI api}, {@code @BackendUrl(value = "/login", service = "auth") URI login}).
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BackendUrl {

    /** Return the path to join onto the HTTP URL; empty for the URL itself. */
    String value() default "";

    /**
     * Return the service whose URL to inject: {@code backend}, or one declared with setting {@code services}. A
     * service that is not declared fails the test; an optional one that was not found skips it.
     */
    String service() default "backend";
}
