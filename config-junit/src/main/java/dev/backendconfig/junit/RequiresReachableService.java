package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.backendconfig.api.ProbeKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Probe a declared {@link #service()} (the backend by default) before each test of the annotated class or method: an
 * HTTP GET of a path, a WebSocket handshake, or a TCP connect-and-read. Unreachable: the test fails with
 * {@link ServiceUnreachableException} (or is skipped when the class's {@link BackendTest#onMissing()} or setting
 * {@code junit.on-missing} says skip), saying what was probed and what happened. The outcome of each probe is kept for
 * the test run, so a thousand tests probe once. Repeat it to probe several services:
 * {@code @RequiresReachableService(path = "/health") @RequiresReachableService(service = "auth", path = "health")}.
 * On a method, the method's probes are made instead of its class's. {@link RequiresReachableBackend} is the backend's
 * shorthand.
 */
@API(status = STABLE, since = "1.0")
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(RequiresReachableServices.class)
public @interface RequiresReachableService {

    /** Return the service to probe: {@code backend}, or one declared with setting {@code services}. */
    String service() default "backend";

    /** Return how to probe; default an HTTP GET. */
    ProbeKind probe() default ProbeKind.HTTP;

    /**
     * Return the path to probe: for HTTP, joined onto the HTTP URL (empty: setting {@code probe.http-path}); for a
     * WebSocket, joined onto the WebSocket URL. Joined by URI rules: {@code health} on {@code http://h/auth} is
     * {@code http://h/auth/health}, while {@code /health} replaces the base path ({@code http://h/health}).
     */
    String path() default "";
}
