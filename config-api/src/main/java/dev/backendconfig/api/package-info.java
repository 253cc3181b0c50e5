/**
 * What test authors call: {@link dev.backendconfig.api.TestContext} (the services, resolved once per JVM),
 * {@link dev.backendconfig.api.ServiceResolver} (resolve afresh), the {@link dev.backendconfig.api.ServiceEndpoint} of
 * each service it finds, the {@link dev.backendconfig.api.ResolutionReport} that explains the choice, and the errors
 * that say why there is none, all {@link dev.backendconfig.api.BackendConfigException}s with a stable code (or, as a
 * value, the {@link dev.backendconfig.api.ResolutionOutcome}).
 *
 * <pre>{@code
 * URI api = TestContext.get().backendUrl();
 * URI chat = TestContext.get().webSocketUrl("/ws/chat");
 * }</pre>
 */
package dev.backendconfig.api;
