/**
 * For authors of providers: {@link dev.backendconfig.testkit.EndpointProviderContractTest} to extend, real
 * loopback servers ({@link dev.backendconfig.testkit.LoopbackServers},
 * {@link dev.backendconfig.testkit.LoopbackWebSocketServer}), a WebSocket client
 * ({@link dev.backendconfig.testkit.WebSocketEcho}), and {@link dev.backendconfig.testkit.RecordingLogs}, a log
 * capture activated with system property {@code slf4j.provider}, never by a services file.
 */
package dev.backendconfig.testkit;
