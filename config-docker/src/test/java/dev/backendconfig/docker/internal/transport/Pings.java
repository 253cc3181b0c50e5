package dev.backendconfig.docker.internal.transport;

/** The transport tests' request that is meant to fail. */
final class Pings {

    private Pings() {
    }

    /** Return the message a {@code GET /_ping} that the test expects to fail is refused with. */
    static String failure(EngineClient client) {
        try {
            client.get("/_ping");
        } catch (EngineException e) {
            return e.getMessage();
        }
        throw new AssertionError("the request did not fail");
    }
}
