/**
 * The built-in probes (TCP connect-and-read, HTTP GET, WebSocket handshake), JDK only, each with one deadline for
 * the whole exchange, and the policy that picks and bounds them. Not exported.
 */
package dev.backendconfig.api.internal.probe;
