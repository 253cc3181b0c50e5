package dev.backendconfig.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;

/**
 * Child JVM: what a fresh JVM's first Unix-domain socket costs before anything is sent, timed as {@link EngineFloor}
 * times its exchange. The JDK initialises its selector provider (a lambda of its own, so the lambda machinery) and
 * {@code UnixDomainSockets}, whose static initialiser builds a {@code SecureRandom} (the security providers and
 * properties); the floor and every docker resolution pay it once per JVM.
 */
public final class FirstSocket {

    private FirstSocket() {
    }

    public static void main(String[] arguments) throws IOException {
        long start = System.nanoTime();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            System.out.println("result first " + (System.nanoTime() - start));
            System.out.println("result open " + channel.isOpen());
        }
        System.exit(0);
    }
}
