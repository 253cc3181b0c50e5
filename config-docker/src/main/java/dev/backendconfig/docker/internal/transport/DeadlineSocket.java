package dev.backendconfig.docker.internal.transport;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A connected socket that a TLS socket is layered over, whose every read and write waits at most until the deadline
 * of the step under way (the handshake, then each answer), however the engine trickles its bytes: before each read
 * the deadline is checked and the socket's read timeout cut to what is left of it, so a peer sending one byte every
 * 0.3 s cannot stretch a step. The JDK's TLS socket reads and writes through {@link #getInputStream()} and
 * {@link #getOutputStream()} of the socket it is layered over, so its handshake is bounded as a whole.
 *
 * <p>It wraps the socket of a {@link java.nio.channels.SocketChannel}, whose reads an interrupt of the waiting thread
 * ends (the channel is closed under it). Everything else is the wrapped socket's.
 */
final class DeadlineSocket extends Socket {

    private final Socket socket;
    private volatile Step step;

    DeadlineSocket(Socket socket, Step step) {
        this.socket = socket;
        this.step = step;
    }

    /** Let {@code next} bound every read and write from now on. */
    void step(Step next) {
        this.step = next;
    }

    private void beforeWait() throws IOException {
        socket.setSoTimeout(step.millisLeft());
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                beforeWait();
                return bounded(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                beforeWait();
                return bounded(super.read(buffer, offset, length));
            }

            @Override
            public long skip(long count) throws IOException {
                beforeWait();
                return super.skip(count);
            }

            /** A read that returned after the deadline still ends the step: the next read would not be waited for. */
            private int bounded(int read) throws IOException {
                if (read != -1 && step.deadline().passed()) {
                    throw step.timedOut();
                }
                return read;
            }
        };
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                step.millisLeft();
                out.write(bytes, offset, length);
            }

            @Override
            public void write(int b) throws IOException {
                step.millisLeft();
                out.write(b);
            }
        };
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    /**
     * Close this socket's own descriptor (the JDK makes one for every {@link Socket}, though this one never connects
     * it), then the wrapped socket. In that order: {@link Socket#close()} does nothing once {@link #isClosed()} says
     * closed, which it takes from the wrapped socket.
     */
    @Override
    public synchronized void close() throws IOException {
        try {
            super.close();
        } finally {
            socket.close();
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    /** The TLS socket's own read timeout is not used: the step's deadline bounds every read. */
    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        // every read sets the wrapped socket's timeout from the step's deadline
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public String toString() {
        return "DeadlineSocket[" + socket + "]";
    }
}
