package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.transport.EngineEvents.Item;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's event stream as the engine frames it (chunked, one JSON object a line) and as it may misframe it:
 * what is delivered, what is skipped, and why the stream ended.
 */
class EngineEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    @TempDir
    Path directory;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private EngineEvents follow(Path socket, Duration limit) {
        EngineEvents events = EngineEvents.follow(EngineAddress.unix(socket, "test"), SshCommand.DEFAULT,
                "/events?filters=x", Duration.ofSeconds(5), limit);
        closeables.add(0, events);
        return events;
    }

    private EngineEvents follow(RawEngine.Script script) throws IOException {
        RawEngine engine = RawEngine.on(directory.resolve("raw.sock"), script);
        closeables.add(engine);
        return follow(engine.socket(), WAIT);
    }

    /** One chunk holding {@code text}, as the engine sends it. */
    private static String chunk(String text) {
        return Integer.toHexString(text.length()) + "\r\n" + text + "\r\n";
    }

    /** Take every item until the stream ends, the end included. */
    private static List<Item> untilEnded(EngineEvents events) throws InterruptedException {
        List<Item> items = new ArrayList<>();
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            Optional<Item> item = events.poll(Duration.ofMillis(200));
            if (item.isPresent()) {
                items.add(item.get());
                if (item.get() instanceof Item.Ended) {
                    return items;
                }
            }
        }
        throw new AssertionError("the stream did not end within " + WAIT + "; got " + items);
    }

    private static List<Object> events(List<Item> items) {
        return items.stream().filter(Item.Event.class::isInstance).map(item -> ((Item.Event) item).event()).toList();
    }

    private static String endedWhy(List<Item> items) {
        return ((Item.Ended) items.get(items.size() - 1)).why();
    }

    private static List<Thread> eventThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("backend-config-events-") && thread.isAlive()).toList();
    }

    @Test
    void theSubscriptionIsOpenedThenEachEventDeliveredAsItsJsonObjectWithWhenItCame() throws Exception {
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock")).followableEvents();
        closeables.add(engine);
        EngineEvents events = follow(directory.resolve("engine.sock"), WAIT);

        assertThat(events.poll(WAIT)).containsInstanceOf(Item.Opened.class);
        long until = System.nanoTime() + WAIT.toNanos();
        while (engine.openEventStreams() == 0 && System.nanoTime() < until) {
            Thread.sleep(10); // the fake sends its head before it counts the stream as one to emit to
        }
        long before = System.nanoTime();
        engine.emit("{\"status\":\"health_status: healthy\",\"id\":\"abc\"}");
        Item item = events.poll(WAIT).orElseThrow();
        long after = System.nanoTime();

        assertThat(item).isInstanceOf(Item.Event.class);
        assertThat(((Item.Event) item).event()).isEqualTo(Map.of("status", "health_status: healthy", "id", "abc"));
        assertThat(((Item.Event) item).receivedNanos()).isBetween(before, after);
        assertThat(engine.requests()).containsExactly("GET /events?filters=x HTTP/1.1");
    }

    @Test
    void theRequestAsksForJsonOnAConnectionOfItsOwnThatCloses() throws Exception {
        RawEngine engine = RawEngine.on(directory.resolve("raw.sock"), RawEngine.replying(CHUNKED_HEAD + "0\r\n\r\n"));
        closeables.add(engine);
        untilEnded(follow(engine.socket(), WAIT));

        assertThat(engine.heads()).containsExactly("GET /events?filters=x HTTP/1.1\r\nHost: docker\r\n"
                + "User-Agent: backend-config\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
    }

    @Test
    void linesThatAreNotJsonObjectsAndEmptyLinesAreSkipped() throws Exception {
        EngineEvents events = follow(RawEngine.replying(CHUNKED_HEAD + chunk("not json\n[1,2]\n\n\"text\"\n")
                + chunk("{\"a\":1}\n") + "0\r\n\r\n"));

        List<Item> items = untilEnded(events);

        assertThat(items.get(0)).isInstanceOf(Item.Opened.class);
        assertThat(events(items)).containsExactly(Map.of("a", new BigDecimal("1")));
        assertThat(endedWhy(items)).isEqualTo("the engine ended the event stream");
    }

    @Test
    void aLineSplitOverChunksIsOneEventAndChunkExtensionsUpperCaseSizesAndBareLineFeedsAreRead() throws Exception {
        String first = "{\"status\":";
        String second = "\"start\"}\n{\"b\":2}\n";
        EngineEvents events = follow(RawEngine.replying(CHUNKED_HEAD + Integer.toHexString(first.length())
                + ";name=value\r\n" + first + "\n" + Integer.toHexString(second.length()).toUpperCase() + "\r\n" + second
                + "\r\n0\r\n\r\n"));

        List<Item> items = untilEnded(events);

        assertThat(events(items)).containsExactly(Map.of("status", "start"), Map.of("b", new BigDecimal("2")));
        assertThat(endedWhy(items)).isEqualTo("the engine ended the event stream");
    }

    @Test
    void chunkedWrittenInAnotherCaseIsStillChunked() throws Exception {
        EngineEvents events = follow(RawEngine.replying("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + chunk("{\"a\":1}\n") + "0\r\n\r\n"));

        assertThat(events(untilEnded(events))).containsExactly(Map.of("a", new BigDecimal("1")));
    }

    @Test
    void aStreamThatIsNotChunkedIsReadAsItComesUntilTheEngineClosesIt() throws Exception {
        EngineEvents events = follow(RawEngine.replying("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
                + "{\"a\":1}\n7\r\n{\"b\":2}\n"));

        List<Item> items = untilEnded(events);

        assertThat(events(items)).containsExactly(Map.of("a", new BigDecimal("1")), Map.of("b", new BigDecimal("2")));
        assertThat(endedWhy(items)).isEqualTo("the engine ended the event stream");
    }

    @Test
    void aLineOfTheLongestLengthIsReadAndALongerOneSkippedWithoutLosingTheNext() throws Exception {
        String longest = "{\"a\":\"" + "x".repeat(EngineEvents.MAX_LINE_BYTES - 8) + "\"}";
        String tooLong = "{\"b\":\"" + "x".repeat(EngineEvents.MAX_LINE_BYTES - 7) + "\"}";
        assertThat(longest).hasSize(EngineEvents.MAX_LINE_BYTES);
        EngineEvents events = follow(RawEngine.replying(CHUNKED_HEAD + chunk(longest + "\n") + chunk(tooLong + "\n")
                + chunk("{\"c\":3}\n") + "0\r\n\r\n"));

        List<Object> delivered = events(untilEnded(events));

        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(0)).isEqualTo(Map.of("a", "x".repeat(EngineEvents.MAX_LINE_BYTES - 8)));
        assertThat(delivered.get(1)).isEqualTo(Map.of("c", new BigDecimal("3")));
    }

    @Test
    void aStreamThatEndsInsideAChunkSaysSo() throws Exception {
        EngineEvents events = follow(RawEngine.replying(CHUNKED_HEAD + "10\r\n{\"a\":"));

        List<Item> items = untilEnded(events);

        assertThat(events(items)).isEmpty();
        assertThat(endedWhy(items)).isEqualTo("engine unix://" + directory.resolve("raw.sock") + " answered GET /events"
                + " with something that is not a usable HTTP response: connection ended in the middle of a chunk");
    }

    @Test
    void aStreamThatEndsWithinAChunkSizeLineHasEnded() throws Exception {
        List<Item> items = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + chunk("{\"a\":1}\n") + "1")));

        assertThat(events(items)).containsExactly(Map.of("a", new BigDecimal("1")));
        assertThat(endedWhy(items)).isEqualTo("the engine ended the event stream");
    }

    @Test
    void aChunkNotFollowedByItsLineEndEndsTheStream() throws Exception {
        List<Item> items = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + "8\r\n{\"a\":1}\nX\r\n")));

        assertThat(events(items)).as("the line's end came with the chunk that broke the framing").isEmpty();
        assertThat(endedWhy(items)).endsWith("not a usable HTTP response: chunk not followed by CRLF");
    }

    @Test
    void aCarriageReturnAfterAChunkMustBeFollowedByALineFeed() throws Exception {
        List<Item> items = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + "8\r\n{\"a\":1}\n\rX")));

        assertThat(endedWhy(items)).endsWith("not a usable HTTP response: chunk not followed by CRLF");
    }

    @Test
    void aChunkSizeLineOfEightyOneCharactersIsReadAndOneOfEightyTwoRefused() throws Exception {
        String extension81 = "8;" + "e".repeat(78) + "\r";
        assertThat(extension81).hasSize(81);
        List<Item> read = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + extension81 + "\n{\"a\":1}\n\r\n"
                + "0\r\n\r\n")));
        assertThat(events(read)).containsExactly(Map.of("a", new BigDecimal("1")));
        assertThat(endedWhy(read)).isEqualTo("the engine ended the event stream");

        closeables.remove(0).close();
        String extension82 = "8;" + "e".repeat(79) + "\r";
        List<Item> refused = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + extension82 + "\n{\"a\":1}\n\r\n")));
        assertThat(events(refused)).isEmpty();
        assertThat(endedWhy(refused)).endsWith("not a usable HTTP response: chunk size line longer than 80 characters");
    }

    @Test
    void aChunkSizeIsOneToSevenHexadecimalDigits() throws Exception {
        List<Item> seven = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + "0000008\r\n{\"a\":1}\n\r\n0\r\n\r\n")));
        assertThat(events(seven)).containsExactly(Map.of("a", new BigDecimal("1")));

        closeables.remove(0).close();
        List<Item> eight = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + "00000008\r\n{\"a\":1}\n\r\n")));
        assertThat(endedWhy(eight)).endsWith("not a usable HTTP response: chunk size '00000008' is not a hexadecimal"
                + " number of at most 7 digits");

        closeables.remove(0).close();
        List<Item> letters = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + " zz ;x\r\n")));
        assertThat(endedWhy(letters)).endsWith("not a usable HTTP response: chunk size 'zz' is not a hexadecimal"
                + " number of at most 7 digits");
    }

    @Test
    void anEngineWithoutEventsEndsTheStreamWithItsStatusAndMessageAndNothingOpened() throws Exception {
        FakeDockerEngine engine = FakeDockerEngine.onUnixSocket(directory.resolve("engine.sock"));
        closeables.add(engine);

        List<Item> items = untilEnded(follow(directory.resolve("engine.sock"), WAIT));

        assertThat(items).containsExactly(new Item.Ended("the engine answered GET /events with 404: page not found"));
    }

    @Test
    void anErrorStatusWithoutAMessageIsNamedByItsStatusAlone() throws Exception {
        String spaces = "{\"message\":\"  \"}";
        List<Item> blank = untilEnded(follow(RawEngine.replying("HTTP/1.1 500 Error\r\nContent-Length: "
                + spaces.length() + "\r\n\r\n" + spaces)));
        assertThat(blank).containsExactly(new Item.Ended("the engine answered GET /events with 500"));

        closeables.remove(0).close();
        List<Item> notJson = untilEnded(follow(RawEngine.replying("HTTP/1.1 503 Error\r\nContent-Length: 8\r\n\r\n"
                + "down now")));
        assertThat(notJson).containsExactly(new Item.Ended("the engine answered GET /events with 503"));
    }

    @Test
    void anErrorMessageIsStrippedAndShortened() throws Exception {
        String message = "  " + "m".repeat(300) + "  ";
        String body = "{\"message\":\"" + message + "\"}";
        List<Item> items = untilEnded(follow(RawEngine.replying("HTTP/1.1 500 Error\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body)));

        String why = endedWhy(items);
        assertThat(why).isEqualTo("the engine answered GET /events with 500: " + "m".repeat(160) + "...");
    }

    @Test
    void aStreamWithNothingInItEndsAtItsLimitNamingTheStep() throws Exception {
        RawEngine engine = RawEngine.on(directory.resolve("raw.sock"), RawEngine.replyingAndStaying(CHUNKED_HEAD));
        closeables.add(engine);
        long start = System.nanoTime();
        EngineEvents events = follow(engine.socket(), Duration.ofMillis(600));

        List<Item> items = untilEnded(events);

        assertThat(items.get(0)).isInstanceOf(Item.Opened.class);
        assertThat(endedWhy(items)).startsWith("engine unix://" + engine.socket() + " did not answer GET /events within")
                .contains("(setting docker.answer-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(550))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void afterTheEndEveryPollReturnsTheEndAtOnce() throws Exception {
        EngineEvents events = follow(RawEngine.replying(CHUNKED_HEAD + "0\r\n\r\n"));
        untilEnded(events);

        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThat(events.poll(WAIT)).contains(new Item.Ended("the engine ended the event stream"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aPollOfAStreamThatIsQuietReturnsNothingAfterItsWait() throws Exception {
        EngineEvents events = follow(RawEngine.replyingAndStaying(CHUNKED_HEAD));
        assertThat(events.poll(WAIT)).containsInstanceOf(Item.Opened.class);

        long start = System.nanoTime();
        assertThat(events.poll(Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void closingEndsTheStreamAndItsDaemonThreadBeforeItReturns() throws Exception {
        List<Thread> before = eventThreads();
        EngineEvents events = follow(RawEngine.replyingAndStaying(CHUNKED_HEAD));
        assertThat(events.poll(WAIT)).containsInstanceOf(Item.Opened.class);
        List<Thread> reading = new ArrayList<>(eventThreads());
        reading.removeAll(before);
        assertThat(reading).hasSize(1);
        assertThat(reading.get(0).isDaemon()).as("a stream never keeps the JVM alive").isTrue();
        assertThat(reading.get(0).getName()).matches("backend-config-events-[0-9]+");

        long start = System.nanoTime();
        events.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(reading.get(0).isAlive()).isFalse();
        assertThat(events.poll(Duration.ZERO)).contains(new Item.Ended("closed"));
    }

    @Test
    void aChunkSizeLineThatIsOnlyAnExtensionHasNoSize() throws Exception {
        List<Item> items = untilEnded(follow(RawEngine.replying(CHUNKED_HEAD + ";x\r\n")));
        assertThat(endedWhy(items)).endsWith("not a usable HTTP response: chunk size '' is not a hexadecimal number of"
                + " at most 7 digits");
    }

    @Test
    void theConnectionIsClosedWhenTheEngineEndsTheStream() throws Exception {
        RawEngine engine = RawEngine.on(directory.resolve("raw.sock"), RawEngine.replyingAndStaying(CHUNKED_HEAD
                + chunk("{\"a\":1}\n") + "0\r\n\r\n"));
        closeables.add(engine);
        dev.backendconfig.testsupport.Leftovers leftovers = dev.backendconfig.testsupport.Leftovers.snapshot(directory);
        EngineEvents events = follow(engine.socket(), WAIT);
        assertThat(endedWhy(untilEnded(events))).isEqualTo("the engine ended the event stream");

        assertThat(leftovers.newDescriptors()).as("our end of the stream, and so the engine's").isEmpty();
    }

    @Test
    void closingFromAnInterruptedThreadStillEndsTheStreamAndKeepsTheInterrupt() throws Exception {
        EngineEvents events = follow(RawEngine.replyingAndStaying(CHUNKED_HEAD));
        assertThat(events.poll(WAIT)).containsInstanceOf(Item.Opened.class);
        Thread.currentThread().interrupt();
        try {
            events.close();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(events.poll(WAIT)).contains(new Item.Ended("closed"));
    }
}
