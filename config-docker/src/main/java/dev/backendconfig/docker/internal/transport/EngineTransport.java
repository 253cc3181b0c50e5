package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsSetup;
import dev.backendconfig.toolkit.Http1;
import dev.backendconfig.toolkit.OutsideText;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Locale;

/**
 * One way to an engine (Unix socket, TCP, TLS, ssh): send a request, hand back the stream its response comes on,
 * every wait ending at the exchange's deadline, and explain a failure for the report in the transport's own terms.
 */
abstract class EngineTransport implements AutoCloseable {

    /** The engine's address. */
    protected final EngineAddress address;

    EngineTransport(EngineAddress address) {
        this.address = address;
    }

    /** Return the transport for an address. */
    static EngineTransport of(EngineAddress address, SshCommand ssh) {
        // an if-chain, not a switch on the enum (a class of its own in the jar: see the parent pom)
        if (address.transport() == EngineAddress.Transport.TLS) {
            return new TlsTransport(address, TlsSetup.load(address.tls()));
        }
        if (address.transport() == EngineAddress.Transport.SSH) {
            return new SshTransport(address, ssh);
        }
        return new SocketTransport(address); // UNIX and TCP
    }

    /**
     * Send a request and return the stream its response comes on.
     *
     * @param exchange the request's steps: each wait ends at the deadline of the step under way
     */
    abstract InputStream send(byte[] request, Exchange exchange) throws IOException;

    /**
     * End the exchange.
     *
     * @param reusable whether the response was read whole and the connection may carry the next request
     */
    abstract void done(boolean reusable);

    /** Tell whether a connection carries several requests (then the requests do not ask to close it). */
    boolean keepsAlive() {
        return false;
    }

    /**
     * Tell whether the failed exchange may be tried again on a new connection: it went over a kept connection that
     * the engine had closed meanwhile, so nothing of the reply arrived and the deadline did not pass. Called before
     * {@link #done(boolean) done(false)}.
     */
    boolean mayRetry(IOException failure) {
        return false;
    }

    /** Return what the report adds to the transport's name, for example {@code "TLSv1.3, CA /c/ca.pem"}. */
    String details() {
        return "";
    }

    /** Return how the engine is reached, for the report: {@code "tcp+TLS (TLSv1.3, ...)"}. */
    final String reachedOver() {
        String details = details();
        return address.transport().description() + (details.isEmpty() ? "" : " (" + details + ")");
    }

    /**
     * Explain why the last exchange failed, naming the engine and, when time ran out, the step and its setting;
     * called after {@link #done(boolean) done(false)}.
     */
    String explain(IOException failure, Exchange exchange) {
        String uri = address.uri();
        String request = exchange.request();
        // an interrupt closes a channel under whatever was reading it; the flag says why, whatever the exception
        if (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)
                || failure instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            return "asking engine " + uri + " was interrupted (the resolution's time budget, setting timeout, ran out)";
        }
        Step.TimedOut timedOut = timedOut(failure, exchange);
        if (timedOut != null) {
            return "engine " + uri + " " + timedOut.step().describe();
        }
        if (failure instanceof Http1.ProtocolException) {
            return "engine " + uri + " answered " + request + " with something that is not a usable HTTP response: "
                    + failure.getMessage();
        }
        if (failure instanceof EOFException) {
            return "engine " + uri + " closed the connection without answering " + request;
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("permission denied")) {
            return "cannot connect to " + uri + ": permission denied (add your user to the docker group, or use a"
                    + " socket you may open)";
        }
        if (lower.contains("refused")) {
            return "engine " + uri + " refused the connection (is the Docker daemon running?)";
        }
        if (lower.contains("reset") || lower.contains("broken pipe")) {
            return "engine " + uri + " closed the connection without answering " + request;
        }
        if (lower.contains("no such file") && address.isUnix()) {
            return "engine socket " + address.socket() + " does not exist (is the Docker daemon running?)";
        }
        return "cannot reach engine " + uri + ": " + failure.getClass().getSimpleName()
                + (message.isEmpty() ? "" : " (" + OutsideText.excerpt(message, 160) + ")");
    }

    /**
     * Return the step that ran out of time, if that is why the exchange failed: the failure itself, one it wraps, or
     * a timeout the JDK raised of its own within the step under way.
     */
    static Step.TimedOut timedOut(IOException failure, Exchange exchange) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Step.TimedOut stepTimedOut) {
                return stepTimedOut;
            }
        }
        if (failure instanceof SocketTimeoutException && exchange.current() != null) {
            return exchange.current().timedOut();
        }
        return null;
    }

    /** End whatever is still open; never throws. */
    @Override
    public abstract void close();
}
