package dev.backendconfig.docker.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real server on a real Unix socket that reads each request's head and answers it with exactly the bytes a test
 * wrote, byte for byte: framing the fake engine would never get wrong (a bad chunk, a header's case, an answer that
 * stops half way). Each connection is served by its script in turn, then closed.
 */
final class RawEngine implements AutoCloseable {

    /** How one connection is answered, given its request head. */
    @FunctionalInterface
    interface Script {
        void serve(SocketChannel channel, InputStream in, String head) throws IOException, InterruptedException;
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Script script;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private RawEngine(Path socket, Script script) throws IOException {
        Files.deleteIfExists(socket);
        this.socket = socket;
        this.script = script;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.thread = new Thread(this::acceptLoop, "raw-engine");
        thread.setDaemon(true);
        thread.start();
    }

    /** Start a server at {@code socket} that answers every connection with {@code script}. */
    static RawEngine on(Path socket, Script script) throws IOException {
        return new RawEngine(socket, script);
    }

    /** A script that sends {@code answer} and closes the connection. */
    static Script replying(String answer) {
        return (channel, in, head) -> send(channel, answer);
    }

    /** A script that sends {@code answer} and keeps the connection open until the client closes it. */
    static Script replyingAndStaying(String answer) {
        return (channel, in, head) -> {
            send(channel, answer);
            while (in.read() != -1) {
                // the client sends nothing more; -1 when it closes
            }
        };
    }

    /** Write all of {@code text} (ISO-8859-1) to the channel. */
    static void send(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Return the server's socket. */
    Path socket() {
        return socket;
    }

    /** Return the request heads received, each whole with its CRLFs. */
    List<String> heads() {
        return List.copyOf(heads);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try (SocketChannel channel = server.accept()) {
                open.add(channel);
                InputStream in = Channels.newInputStream(channel);
                StringBuilder head = new StringBuilder();
                int b;
                while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1) {
                    head.append((char) b);
                }
                heads.add(head.toString());
                script.serve(channel, in, head.toString());
            } catch (IOException | InterruptedException e) {
                // the client went away, or the server is closing
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (SocketChannel channel : open) {
            channel.close();
        }
        thread.interrupt();
        thread.join(5000);
        Files.deleteIfExists(socket);
    }
}
