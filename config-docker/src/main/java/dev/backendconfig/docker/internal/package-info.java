/**
 * Provider docker's machinery, not exported, in rooms by concern: {@code engine} finds the engine as the docker CLI
 * does, {@code transport} talks HTTP/1.1 to it over a Unix socket, TCP, TLS or ssh, {@code tls} reads the TLS
 * files, {@code json} reads and writes the Engine API's JSON, {@code compose} reads compose files and predicts ports
 * from them, and {@code discovery} asks a reachable engine for the services. This package holds what several rooms
 * share: the settings ({@link dev.backendconfig.docker.internal.DockerSettings}), the settings and facts of one
 * resolution as read at the provider's door ({@link dev.backendconfig.docker.internal.DockerConfig},
 * {@link dev.backendconfig.docker.internal.ResolutionFacts}), host-and-port values
 * ({@link dev.backendconfig.docker.internal.HostAndPort}), IP literals, and names as a report shows them. A room
 * for starting and stopping the stack ({@code lifecycle}) would sit beside the others.
 */
package dev.backendconfig.docker.internal;
