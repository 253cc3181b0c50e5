package dev.backendconfig.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds several {@link RequiresReachableService} annotations on one class or method; the compiler writes it when the
 * annotation is repeated.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RequiresReachableServices {

    /** Return the probes, each made before the test. */
    RequiresReachableService[] value();
}
