package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.toolkit.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One connection to the engine, Unix socket or TCP, where connecting, writing and every read wait at most until a
 * deadline: a socket that accepts and never answers cannot hold a resolution.
 */
final class EngineConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final Selector selector;
    private final Deadline deadline;

    private EngineConnection(SocketChannel channel, Selector selector, Deadline deadline) {
        this.channel = channel;
        this.selector = selector;
        this.deadline = deadline;
    }

    /**
     * Connect to the engine; the deadline covers this connection's whole life.
     *
     * <p>A Unix socket whose listen queue is full refuses a non-blocking connect at once with "Resource temporarily
     * unavailable" (EAGAIN) instead of waiting as TCP does; a busy engine is not a missing one, so that is retried
     * until the deadline, as the docker CLI does.
     */
    static EngineConnection open(EngineAddress address, Deadline deadline) throws IOException {
        while (true) {
            try {
                return attempt(address, deadline);
            } catch (IOException e) {
                if (!address.isUnix() || !isQueueFull(e)) {
                    throw e;
                }
                if (deadline.passed()) {
                    throw new SocketTimeoutException("did not accept the connection (its queue stayed full)");
                }
                sleepBriefly();
            }
        }
    }

    private static EngineConnection attempt(EngineAddress address, Deadline deadline) throws IOException {
        SocketAddress target = address.isUnix() ? UnixDomainSocketAddress.of(address.socket())
                : new InetSocketAddress(address.host(), address.port());
        SocketChannel channel = address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            EngineConnection connection = new EngineConnection(channel, selector, deadline);
            if (!channel.connect(target)) {
                connection.await(SelectionKey.OP_CONNECT, "accept the connection");
                channel.finishConnect();
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    private static boolean isQueueFull(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Resource temporarily unavailable");
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the engine's queue was full");
        }
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, "take the request");
            }
        }
    }

    InputStream input() {
        return new InputStream() {
            private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();

            @Override
            public int read() throws IOException {
                return fill() ? buffer.get() & 0xFF : -1;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int count = Math.min(length, buffer.remaining());
                buffer.get(target, offset, count);
                return count;
            }

            private boolean fill() throws IOException {
                while (!buffer.hasRemaining()) {
                    buffer.clear();
                    int read = channel.read(buffer);
                    buffer.flip();
                    if (read == -1) {
                        return false;
                    }
                    if (read == 0) {
                        await(SelectionKey.OP_READ, "answer");
                    }
                }
                return true;
            }
        };
    }

    private void await(int operation, String what) throws IOException {
        if (deadline.passed()) {
            throw new SocketTimeoutException("did not " + what);
        }
        SelectionKey key = channel.register(selector, operation);
        try {
            if (selector.select(deadline.millisLeft()) == 0) {
                throw new SocketTimeoutException("did not " + what);
            }
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
