package dev.backendconfig.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a candidate endpoint is checked: not at all, TCP connect-and-read, HTTP GET, or WebSocket handshake. As a
 * setting value it is written in lower case: {@code probe=websocket}.
 */
@API(status = STABLE, since = "1.0")
public enum ProbeKind {
    /** Trust the candidate without checking. */
    NONE,
    /** Connect, then read briefly: an immediate end of stream means a port proxy with no app behind it. */
    TCP,
    /** GET a path of the HTTP URL; any answer below 500 counts as ready. */
    HTTP,
    /** Perform a real WebSocket opening handshake on the WebSocket URL (with a path joined onto it). */
    WEBSOCKET
}
