package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One connection to the engine, Unix socket or TCP, where connecting, writing and every read wait at most until the
 * deadline of the step under way (connecting, then answering): a socket that accepts and never answers, or trickles
 * its answer, cannot hold a resolution. An interrupt of the waiting thread ends the wait.
 */
final class EngineConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final Selector selector;
    private Step step;

    private EngineConnection(SocketChannel channel, Selector selector, Step step) {
        this.channel = channel;
        this.selector = selector;
        this.step = step;
    }

    /**
     * Connect to the engine within the step {@code connecting}.
     *
     * <p>A Unix socket whose listen queue is full refuses a non-blocking connect at once with "Resource temporarily
     * unavailable" (EAGAIN) instead of waiting as TCP does; a busy engine is not a missing one, so that is retried
     * until the deadline, as the docker CLI does.
     */
    static EngineConnection open(EngineAddress address, Step connecting) throws IOException {
        while (true) {
            try {
                return attempt(address, connecting);
            } catch (IOException e) {
                if (!address.isUnix() || !isQueueFull(e)) {
                    throw e;
                }
                if (connecting.deadline().passed()) {
                    throw new Step(connecting.what() + " (its queue stayed full)", connecting.setting(),
                            connecting.given(), connecting.cut(), connecting.deadline()).timedOut();
                }
                sleepBriefly();
            }
        }
    }

    /** Let the step {@code next} bound every wait from now on (writing the request, reading the answer). */
    void step(Step next) {
        this.step = next;
    }

    private static EngineConnection attempt(EngineAddress address, Step connecting) throws IOException {
        SocketAddress target = address.isUnix() ? UnixDomainSocketAddress.of(address.socket())
                : new InetSocketAddress(address.host(), address.port());
        SocketChannel channel = address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            EngineConnection connection = new EngineConnection(channel, selector, connecting);
            if (!channel.connect(target)) {
                do {
                    connection.await(SelectionKey.OP_CONNECT);
                } while (!channel.finishConnect());
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
                await(SelectionKey.OP_WRITE);
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
                        await(SelectionKey.OP_READ);
                    }
                }
                return true;
            }
        };
    }

    private void await(int operation) throws IOException {
        int left = step.millisLeft();
        SelectionKey key = channel.register(selector, operation);
        try {
            if (selector.select(left) == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("interrupted while waiting for the engine");
                }
                // else the deadline passed (the caller's next wait throws it) or the wait ended early: try again
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
