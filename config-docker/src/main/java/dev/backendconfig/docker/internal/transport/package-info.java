/**
 * Talking to an engine: HTTP/1.1 over a Unix socket, TCP, TLS or the standard streams of ssh, every wait bounded by
 * the exchange's deadline, and the Engine API client built on it.
 */
package dev.backendconfig.docker.internal.transport;
