package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Holds several {@link RequiresReachableService} annotations on one class or method; the compiler writes it when the
 * annotation is repeated.
 */
@API(status = STABLE, since = "1.0")
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RequiresReachableServices {

    /** Return the probes, each made before the test. */
    RequiresReachableService[] value();
}
