package dev.backendconfig.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs the backend: before each test the backend is resolved (once per test run), and
 * {@link dev.backendconfig.api.ServiceEndpoint}, {@link dev.backendconfig.api.TestContext} and {@link java.net.URI}
 * or {@code String} parameters and fields annotated {@link BackendUrl} or {@link WebSocketUrl} are injected.
 *
 * <pre>{@code
 * @BackendTest
 * class ChatTest {
 *     @Test
 *     void echoes(@WebSocketUrl("/ws/chat") URI chat) { ... }
 * }
 * }</pre>
 *
 * When no backend is found the test fails with the whole report as its message, unless {@link #onMissing()} (or
 * setting {@code junit.on-missing}) says to skip. Use either this annotation or a {@link BackendExtension}
 * registered with {@code @RegisterExtension}, not both.
 */
@API(status = STABLE, since = "1.0")
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BackendExtension.class)
public @interface BackendTest {

    /** Return what to do when no backend is found; default: setting {@code junit.on-missing}, which defaults to fail. */
    OnMissing onMissing() default OnMissing.SETTING;
}
