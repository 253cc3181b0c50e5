package dev.backendconfig.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The engine alone, asked with the JDK's socket and nothing of ours or of docker-java: one list request, timed from
 * before the connection (or the request, on a kept connection) to the reply's last byte, in a warm loop. It tells
 * what the engine itself takes for the request each client sends from what the client adds around it. A reply is read
 * as a client reads it: by its {@code Content-Length} or its chunks, then the connection closed or kept.
 */
final class EngineAlone {

    private static final int READ = 64 * 1024;

    private EngineAlone() {
    }

    /**
     * Time {@code runs} exchanges of {@code GET pathAndQuery} after {@code warmup} untimed ones: each on a connection
     * of its own ({@code Connection: close}), or all on one kept connection.
     */
    static Samples time(Path socket, String pathAndQuery, boolean kept, int warmup, int runs) throws IOException {
        long[] nanos = new long[runs];
        if (!kept) {
            for (int i = -warmup; i < runs; i++) {
                long start = System.nanoTime();
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    send(channel, pathAndQuery, false);
                    new Reader(channel).reply(false);
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
            return new Samples(nanos);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Reader reader = new Reader(channel);
            for (int i = -warmup; i < runs; i++) {
                long start = System.nanoTime();
                send(channel, pathAndQuery, true);
                reader.reply(true);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        return new Samples(nanos);
    }

    private static void send(SocketChannel channel, String pathAndQuery, boolean kept) throws IOException {
        ByteBuffer request = ByteBuffer.wrap(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\n"
                + (kept ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        while (request.hasRemaining()) {
            channel.write(request);
        }
    }

    /** Reads one reply after another from a kept connection: the head, then the body by its length or its chunks. */
    private static final class Reader {

        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(READ).flip();

        Reader(SocketChannel channel) {
            this.channel = channel;
        }

        /** Read one reply: by its length or chunks, as a client does; an unframed one to the end, when not kept. */
        void reply(boolean kept) throws IOException {
            String head = line();
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException("the engine answered " + head);
            }
            long length = -1;
            boolean chunked = false;
            for (String line = line(); !line.isEmpty(); line = line()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().strip(), 16); size > 0; size = Long.parseLong(line().strip(),
                        16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else if (!kept) {
                while (channel.read(buffer.clear()) >= 0) {
                    buffer.flip();
                }
            } else {
                throw new IOException("a reply without a length on a kept connection: " + head);
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                byte next = next();
                if (next == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(next);
            }
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                fill();
                int step = (int) Math.min(left, buffer.remaining());
                buffer.position(buffer.position() + step);
                left -= step;
            }
        }

        private byte next() throws IOException {
            fill();
            return buffer.get();
        }

        private void fill() throws IOException {
            if (buffer.hasRemaining()) {
                return;
            }
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new IOException("the engine closed a kept connection");
            }
            buffer.flip();
        }
    }
}
