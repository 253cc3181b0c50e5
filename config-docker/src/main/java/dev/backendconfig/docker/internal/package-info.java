/**
 * Provider docker's machinery, not exported, in rooms by concern: {@code engine} finds the engine as the docker CLI
 * does, {@code transport} talks HTTP/1.1 to it over a Unix socket, TCP, TLS or ssh, {@code tls} reads the TLS
 * files, {@code json} reads and writes the Engine API's JSON, {@code compose} reads compose files and predicts ports
 * from them, and {@code discovery} asks a reachable engine for the services. This package holds what several rooms
 * share: the settings, IP literals and names as a report shows them.
 */
package dev.backendconfig.docker.internal;
