package dev.backendconfig.bench;

import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.spi.ResolutionContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast a resolution answers once the backend's container turns healthy: a container of the test image is
 * started (compose labels, a published port, a healthcheck that passes after two seconds), a resolution starts
 * waiting for it, and a listener of the bench's own follows the engine's {@code /events} and notes when the
 * {@code health_status: healthy} event arrives; the figure is the time from that event to the resolution's answer.
 */
final class HealthyEvent {

    private static final String IMAGE = "backend-config-it/backend:latest";
    private static final Path SOCKET = Path.of("/var/run/docker.sock");

    private HealthyEvent() {
    }

    /** Measure {@code runs} times; return the samples in nanoseconds (from the event to the answer). */
    static Samples measure(Path repository, int runs) throws Exception {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            nanos[i] = once(repository);
        }
        return new Samples(nanos);
    }

    private static long once(Path repository) throws Exception {
        String project = "bench-ready-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicLong healthyAt = new AtomicLong();
        SocketChannel events = follow(project, healthyAt);
        String id = docker("run", "-d", "--label", "com.docker.compose.project=" + project, "--label",
                "com.docker.compose.service=backend", "-p", "127.0.0.1::8000", "-e", "BACKEND_START_DELAY=2",
                "--health-cmd", "/bin/busybox wget -q -O /dev/null http://127.0.0.1:8000/health",
                "--health-interval", "1s", "--health-start-period", "30s", IMAGE).strip();
        try {
            ResolutionContext context = ResolutionContext.builder().workingDirectory(repository)
                    .environment(Map.of("DOCKER_HOST", "unix://" + SOCKET))
                    .systemProperties(Map.of("user.home", repository.toString()))
                    .settings(Map.of("providers", "docker", "docker.project", project, "docker.wait-healthy", "60s"))
                    .build();
            CompletableFuture<Long> answered = CompletableFuture.supplyAsync(() -> {
                Resolution resolution = ServiceResolver.create().resolve(context);
                long at = System.nanoTime();
                if (!resolution.report().render().contains("healthy")) {
                    throw new IllegalStateException("not found healthy: " + resolution.report().render());
                }
                return at;
            });
            long answer = answered.get(60, TimeUnit.SECONDS);
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (healthyAt.get() == 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            if (healthyAt.get() == 0) {
                throw new IllegalStateException("the bench's listener saw no healthy event");
            }
            return answer - healthyAt.get();
        } finally {
            events.close();
            docker("rm", "-f", id);
        }
    }

    /** Follow the engine's events of the project's containers; note when the first healthy event arrives. */
    private static SocketChannel follow(String project, AtomicLong healthyAt) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(SOCKET));
        String filters = URLEncoder.encode("{\"type\":[\"container\"],\"event\":[\"health_status\"],\"label\":"
                + "[\"com.docker.compose.project=" + project + "\"]}", StandardCharsets.UTF_8);
        channel.write(java.nio.ByteBuffer.wrap(("GET /events?filters=" + filters + " HTTP/1.1\r\nHost: docker\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)));
        InputStream in = Channels.newInputStream(channel);
        Thread reader = new Thread(() -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) != -1) {
                    if (b == '\n') {
                        if (line.toString(StandardCharsets.UTF_8).contains("health_status: healthy")) {
                            healthyAt.compareAndSet(0, System.nanoTime());
                        }
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            } catch (IOException e) {
                // closed by the bench
            }
        }, "bench-events");
        reader.setDaemon(true);
        reader.start();
        return channel;
    }

    private static String docker(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
