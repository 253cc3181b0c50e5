package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Inject the backend's HTTP URL into a {@link java.net.URI} or {@code String} parameter or field, with {@link #value()}
 * joined onto it by URI rules ({@code @BackendUrl("/api") URI api}): the backend's shorthand of
 * {@link HttpUrl @HttpUrl}, which names any declared service.
 */
@API(status = STABLE, since = "1.0")
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BackendUrl {

    /** Return the path to join onto the HTTP URL; empty for the URL itself. */
    String value() default "";
}
