package dev.backendconfig.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM, the floor of a first resolution: a fresh JVM that opens the engine's Unix socket and does one HTTP
 * exchange ({@code GET /containers/json}, the list a resolution asks for) with the JDK alone, reading the reply to its
 * end. Argument: the socket's path. Prints the time from main to the reply, as {@link FirstCall} does.
 */
public final class EngineFloor {

    private EngineFloor() {
    }

    public static void main(String[] arguments) throws IOException {
        long start = System.nanoTime();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(Path.of(arguments[0])));
            channel.write(ByteBuffer.wrap(("GET /containers/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long read = 0;
            for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
                read += n;
                buffer.clear();
            }
            System.out.println("result first " + (System.nanoTime() - start));
            System.out.println("result bytes " + read);
        }
        System.exit(0);
    }
}
