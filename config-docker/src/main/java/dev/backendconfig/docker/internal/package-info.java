/**
 * Provider docker's machinery, not exported, in rooms by concern: {@code engine} finds the engine as the docker CLI
 * does, {@code transport} talks HTTP/1.1 to it over a Unix socket, TCP, TLS or ssh, {@code tls} reads the TLS
 * files, {@code json} reads and writes the Engine API's JSON, {@code compose} builds this checkout's compose project
 * as compose does and predicts ports from it, and {@code discovery} asks a reachable engine for the services of the
 * project that is ours. This package holds what several rooms share: the settings
 * ({@link dev.backendconfig.docker.internal.DockerSettings}), the settings and facts of one resolution as read at the
 * provider's door ({@link dev.backendconfig.docker.internal.DockerConfig},
 * {@link dev.backendconfig.docker.internal.ResolutionFacts}), exact service matching
 * ({@link dev.backendconfig.docker.internal.ServiceMatch}) and what looks like a database
 * ({@link dev.backendconfig.docker.internal.DatabaseLook}), endpoints with their WebSocket path
 * ({@link dev.backendconfig.docker.internal.Endpoints}), host-and-port values
 * ({@link dev.backendconfig.docker.internal.HostAndPort}), IP literals, and names as a report shows them. A room
 * for starting and stopping the stack ({@code lifecycle}) would sit beside the others.
 */
package dev.backendconfig.docker.internal;
