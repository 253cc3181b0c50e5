/**
 * What test authors call: {@link dev.backendconfig.api.TestContext} (the backend, resolved once per JVM),
 * {@link dev.backendconfig.api.ServiceResolver} (resolve afresh), the {@link dev.backendconfig.api.ServiceEndpoint}
 * it finds, the {@link dev.backendconfig.api.ResolutionReport} that explains the choice, and the exceptions that say
 * why there is none.
 *
 * <pre>{@code
 * URI api = TestContext.get().backendUrl();
 * URI chat = TestContext.get().webSocketUrl("/ws/chat");
 * }</pre>
 */
package dev.backendconfig.api;
