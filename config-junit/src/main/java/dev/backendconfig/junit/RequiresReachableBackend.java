package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ProbeKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Probe the backend before each test of the annotated class or method: the backend's shorthand of
 * {@link RequiresReachableService @RequiresReachableService}, with which it may be combined
 * ({@code @RequiresReachableBackend @RequiresReachableService(service = "auth")}).
 */
@API(status = STABLE, since = "1.0")
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RequiresReachableBackend {

    /** Return how to probe; default an HTTP GET. */
    ProbeKind probe() default ProbeKind.HTTP;

    /** Return the path to probe, as {@link RequiresReachableService#path()} says. */
    String path() default "";
}
