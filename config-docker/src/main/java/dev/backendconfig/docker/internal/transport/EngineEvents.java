package dev.backendconfig.docker.internal.transport;

import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.Http1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's {@code GET /events} stream, followed on a connection of its own by one thread of ours
 * ({@code backend-config-events-N}) that ends when the stream is closed, when the engine ends it, or at the stream's
 * deadline — whichever comes first. Events are JSON objects, one a line; each line is capped, and a line that is not
 * JSON is skipped. The caller takes them with {@link #poll(Duration)}.
 */
public final class EngineEvents implements AutoCloseable {

    /** The longest event line read (an event is a few hundred bytes; labels make it longer). */
    public static final int MAX_LINE_BYTES = 256 * 1024;

    private static final int QUEUE = 1024;
    private static final Duration JOIN = Duration.ofSeconds(2);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What the stream delivered. */
    public sealed interface Item {
        /** The engine accepted the subscription: events from now on are delivered. */
        record Opened() implements Item {
        }

        /**
         * One event.
         *
         * @param event the event's JSON object
         * @param receivedNanos when it was read, in {@link System#nanoTime()} terms
         */
        record Event(Object event, long receivedNanos) implements Item {
        }

        /**
         * The stream ended; nothing follows.
         *
         * @param why why, for a log line: the engine's answer, or how the connection ended
         */
        record Ended(String why) implements Item {
        }
    }

    private final BlockingQueue<Item> items = new ArrayBlockingQueue<>(QUEUE);
    private final Thread reader;
    private volatile String endedWhy;

    private EngineEvents(EngineAddress address, SshCommand ssh, String pathAndQuery, Exchange exchange) {
        EngineTransport transport = EngineTransport.of(address, ssh);
        this.reader = new Thread(new Reader(transport, pathAndQuery, exchange),
                "backend-config-events-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
    }

    /**
     * Subscribe to {@code pathAndQuery} (built with {@link EngineClient#path(String...)} and a query); the stream ends
     * by {@code limit} from now at the latest; connecting (for ssh: its ConnectTimeout) takes at most {@code connect}.
     *
     * @throws dev.backendconfig.toolkit.InvalidInputException when the address's TLS files cannot be used
     */
    public static EngineEvents follow(EngineAddress address, SshCommand ssh, String pathAndQuery, Duration connect,
            Duration limit) {
        Deadline deadline = Deadline.after(limit);
        // every step (connecting, the ssh login, the stream itself) ends by the stream's deadline
        Exchange exchange = new Exchange("GET /events", new EngineTimeouts(connect, limit), new Left(deadline));
        EngineEvents events = new EngineEvents(address, ssh, pathAndQuery, exchange);
        events.reader.start();
        return events;
    }

    /**
     * Return what the stream delivered next, waiting at most {@code wait}; empty when nothing came. After
     * {@link Item.Ended}, every call returns it again at once.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public Optional<Item> poll(Duration wait) throws InterruptedException {
        String why = endedWhy;
        if (why != null && items.isEmpty()) {
            return Optional.of(new Item.Ended(why));
        }
        // the end is queued after endedWhy is set, so a wait never misses it
        return Optional.ofNullable(items.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS));
    }

    /** End the stream and its thread; returns once the thread has ended (or after two seconds at most). */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow(EngineTransport transport, String pathAndQuery, Exchange exchange) {
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: backend-config\r\n"
                + "Accept: application/json\r\nConnection: close\r\n\r\n";
        String why;
        try {
            InputStream in = transport.send(request.getBytes(StandardCharsets.ISO_8859_1), exchange);
            Http1.Head head = Http1.readHead(in);
            if (head.status() != 200) {
                byte[] body = Http1.readBody(head, in, 64 * 1024);
                String message = Json.string(parseOrNull(new String(body, StandardCharsets.UTF_8)), "message");
                why = "the engine answered GET /events with " + head.status()
                        + (message.isBlank() ? "" : ": " + OutsideText.excerpt(message.strip(), 160));
            } else {
                offer(new Item.Opened());
                why = read(head, in);
            }
        } catch (IOException | RuntimeException e) {
            why = Thread.currentThread().isInterrupted() ? "closed"
                    : transport.explain(e instanceof IOException io ? io : new IOException(e), exchange);
        } finally {
            transport.close();
        }
        endedWhy = why;
        items.offer(new Item.Ended(why)); // wakes a waiting poll; when the queue is full, endedWhy says it
    }

    /** Read events until the body ends; return why it ended. */
    private String read(Http1.Head head, InputStream in) throws IOException {
        String encoding = head.header("Transfer-Encoding");
        boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        InputStream body = chunked ? new Chunked(in) : in;
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        boolean skipping = false;
        while (true) {
            int b = body.read();
            if (b == -1) {
                return "the engine ended the event stream";
            }
            if (b == '\n') {
                if (!skipping) {
                    Object event = parseOrNull(line.toString(StandardCharsets.UTF_8));
                    if (event instanceof java.util.Map<?, ?>) {
                        offer(new Item.Event(event, System.nanoTime()));
                    }
                }
                line.reset();
                skipping = false;
            } else if (!skipping) {
                line.write(b);
                skipping = line.size() > MAX_LINE_BYTES; // the rest of the line is not kept; the line end resets it
            }
        }
    }

    private void offer(Item item) {
        items.offer(item); // a full queue drops the event: the waiting side inspects again now and then
    }

    /** Return the JSON value of {@code text}, or null when it is not JSON (an empty line included). */
    private static Object parseOrNull(String text) {
        try {
            return Json.parse(text);
        } catch (Json.ParseException e) {
            return null;
        }
    }

    /** A chunked body read as it arrives, one chunk at a time, until its last chunk (read no further after -1). */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private int left;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                left = nextSize();
                if (left == 0) {
                    return -1;
                }
            }
            int b = in.read();
            if (b == -1) {
                throw new Http1.ProtocolException("connection ended in the middle of a chunk");
            }
            if (--left == 0) {
                expectLineEnd();
            }
            return b;
        }

        private int nextSize() throws IOException {
            StringBuilder size = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b == -1) {
                    return 0;
                }
                if (size.length() > 80) {
                    throw new Http1.ProtocolException("chunk size line longer than 80 characters");
                }
                size.append((char) b);
            }
            String text = size.toString().strip();
            int semicolon = text.indexOf(';');
            String digits = (semicolon >= 0 ? text.substring(0, semicolon) : text).strip();
            if (!digits.matches("[0-9A-Fa-f]{1,7}")) {
                throw new Http1.ProtocolException("chunk size '" + OutsideText.excerpt(digits, 20) + "' is not a"
                        + " hexadecimal number of at most 7 digits");
            }
            return Integer.parseInt(digits, 16);
        }

        private void expectLineEnd() throws IOException {
            int b = in.read();
            if (b == '\r') {
                b = in.read();
            }
            if (b != '\n') {
                throw new Http1.ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    /** The reader thread's work: a class, not a lambda (a first resolution that waits links none of ours). */
    private final class Reader implements Runnable {

        private final EngineTransport transport;
        private final String pathAndQuery;
        private final Exchange exchange;

        Reader(EngineTransport transport, String pathAndQuery, Exchange exchange) {
            this.transport = transport;
            this.pathAndQuery = pathAndQuery;
            this.exchange = exchange;
        }

        @Override
        public void run() {
            follow(transport, pathAndQuery, exchange);
        }
    }

    /** What is left of the stream's deadline, as the exchange asks it. */
    private static final class Left implements java.util.function.Supplier<Duration> {

        private final Deadline deadline;

        Left(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public Duration get() {
            return deadline.remaining();
        }
    }
}
