package dev.backendconfig.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds several {@link RequiresReachableBackend} annotations on one class or method; the compiler writes it when
 * the annotation is repeated, as in {@code @RequiresReachableBackend @RequiresReachableBackend(service = "auth")}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RequiresReachableBackends {

    /** Return the probes, each made before the test. */
    RequiresReachableBackend[] value();
}
