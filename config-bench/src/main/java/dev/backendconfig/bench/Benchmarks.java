package dev.backendconfig.bench;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.DockerEndpointProvider;
import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.testsupport.FakeDockerEngine;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The benchmarks, in one run, side by side with what users would pick instead; prints a table and writes it to
 * {@code target/bench-results.md}. Run by scripts/bench.sh, which starts the example stack on a real engine when
 * one can run (system property {@code bench.project} names its compose project), lists each setup's jars in
 * {@code bench.sizes} and names the distribution archive in {@code bench.distribution}. Warm figures come from JMH
 * ({@link WarmJmh}; {@code bench.jmh.forks}, {@code bench.jmh.iterations}); first calls, the CLI
 * ({@code bench.cli.rounds} paired rounds) and retained heap from fresh JVMs and processes.
 */
public final class Benchmarks {

    private final List<String[]> rows = new ArrayList<>();
    private final Path work;
    private final String project = System.getProperty("bench.project", "");
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private List<String> hideDocker = List.of();

    /** How long a Testcontainers child may take before it is stopped. */
    private static final long TESTCONTAINERS_CAP = 30;

    private Benchmarks(Path work) {
        this.work = work;
    }

    public static void main(String[] arguments) throws Exception {
        Path work = Files.createTempDirectory("backend-config-bench");
        Benchmarks benchmarks = new Benchmarks(work);
        try {
            benchmarks.run();
        } finally {
            for (AutoCloseable closeable : benchmarks.closeables) {
                closeable.close();
            }
            deleteTree(work);
        }
        System.exit(0);
    }

    /** Deletes the bench's work directory (its archives, jars, repositories and logs), links not followed. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void run() throws Exception {
        boolean realEngine = !project.isEmpty();
        Path repository = repository("project");
        if (System.getProperty("bench.only", "").equals("readiness")) {
            readiness(realEngine, repository);
            print();
            return;
        }
        if (System.getProperty("bench.only", "").equals("compose")) {
            composeCost();
            print();
            return;
        }
        Files.writeString(repository.resolve(".env.staging.e2e"), "STAGING_BASE_URL=https://backend-staging.example.test\n");
        String engineHost = realEngine ? "unix:///var/run/docker.sock" : fakeEngine();
        String engineKind = realEngine ? "real engine" : "fake engine (no Docker here)";

        String engineSocket = engineHost.substring("unix://".length());
        if (System.getProperty("bench.only", "").equals("first")) {
            firstCalls(repository, engineHost, engineKind, engineSocket);
            print();
            return;
        }

        row("1. Resolution, warm (JMH: mean ± 99.9% interval; bytes allocated per resolution, GC profiler)", "", "",
                "");
        Map<String, WarmJmh.Figure> warm = WarmJmh.run(project);
        WarmJmh.Figure peer = warm.get("dockerJavaList");
        row("env", jmh(warm.get("env")), "", "");
        row("staging file", jmh(warm.get("staging")), "", "");
        WarmJmh.Figure dockerWarm = warm.get("docker");
        row("docker, " + engineKind, jmh(dockerWarm), "docker-java's list of the same container, warm client: "
                + jmh(peer), "ours <= docker-java's list: " + verdict(dockerWarm.micros() <= peer.micros()) + " ("
                + ratio(dockerWarm.micros() / peer.micros()) + ")");
        row("docker, three services (backend, auth, frontend: one list), " + engineKind,
                jmh(warm.get("dockerThreeServices")), "", "one service: " + micros(dockerWarm.micros()));
        WarmJmh.Figure withCompose = warm.get("dockerWithComposeFile");
        row("docker, in a checkout holding its compose file (read at every resolution), " + engineKind,
                jmh(withCompose), "docker-java's list: " + ratio(withCompose.micros() / peer.micros()),
                "one service, no compose file: " + micros(dockerWarm.micros()));
        if (realEngine) {
            engineAlone(engineSocket, peer);
        }

        firstCalls(repository, engineHost, engineKind, engineSocket);

        decisions(repository);
        portLookup(realEngine, (long) (dockerWarm.micros() * 1000));
        sizes();
        readiness(realEngine, repository);
        cli(repository, engineHost);
        memory(repository, engineHost, warm);
        composeCost();
        print();
    }

    /**
     * Section 1's diagnosis: what the engine alone takes for our list request and for docker-java's, asked with the
     * JDK's socket in a warm loop (300 each after 100 untimed), each on a new connection every time (as ours asks) and
     * on one kept connection (as docker-java's client asks).
     */
    private void engineAlone(String engineSocket, WarmJmh.Figure peer) throws IOException {
        Path socket = Path.of(engineSocket);
        String ours = "/containers/json?all=1&filters=" + java.net.URLEncoder.encode("{\"label\":[\""
                + "com.docker.compose.project=" + dockerProject() + "\"]}", StandardCharsets.UTF_8);
        String theirs = "/containers/json?filters=" + java.net.URLEncoder.encode("{\"label\":[\""
                + "com.docker.compose.service=alpine-test-backend\"]}", StandardCharsets.UTF_8);
        Samples oursNew = EngineAlone.time(socket, ours, false, 100, 300);
        Samples oursKept = EngineAlone.time(socket, ours, true, 100, 300);
        Samples theirsNew = EngineAlone.time(socket, theirs, false, 100, 300);
        Samples theirsKept = EngineAlone.time(socket, theirs, true, 100, 300);
        row("diagnosis: the engine alone (JDK socket, warm loop, 300 each): our list request (all=1, the project's"
                + " label), a new connection each time as ours asks", oursNew.describe() + "; on one kept connection "
                + oursKept.describe(), "docker-java's request (running only, the service's label): new connection "
                + theirsNew.describe() + "; one kept connection, as its client asks, " + theirsKept.describe()
                + "; docker-java's whole call (above) " + micros(peer.micros()), "");
    }

    /** One kind of fresh JVM of section 2: its row's name, main class, variables, options, class path and arguments. */
    private record FirstKind(String name, Class<?> main, Map<String, String> environment, List<String> options,
            String classPath, String... arguments) {

        ChildJvm.Outcome run(List<String> more) throws IOException, InterruptedException {
            List<String> options = new ArrayList<>(options());
            options.addAll(more);
            ChildJvm.Outcome outcome = ChildJvm.run(List.of(), classPath, main, environment, options, 60, arguments);
            outcome.nanos("first"); // a child that printed no time fails here, with what it printed
            return outcome;
        }
    }

    /**
     * Section 2 ({@code -Dbench.only=first} runs it alone): first calls against the floor, in paired rounds (each
     * round a floor, then every other kind in turn, so that a busy moment of the machine weighs on the floor and the
     * calls alike; {@code bench.first.rounds}, 7 by default), then the diagnosis of docker's: the JDK's first
     * Unix-domain socket, which the floor pays as well, and the same call with every class it loads mapped from a
     * class-data archive that a first run of it recorded (not how tests run: what is left of the call when loading and
     * linking classes is taken away; {@code -Xshare:on} makes a JVM that cannot map the archive fail instead of running
     * without it).
     */
    private void firstCalls(Path repository, String engineHost, String engineKind, String engineSocket)
            throws Exception {
        int rounds = Integer.getInteger("bench.first.rounds", 7);
        row("2. Resolution, first call in a fresh JVM, against the floor: a fresh JVM doing one HTTP exchange with the"
                + " engine, JDK alone (" + rounds + " paired rounds, each a floor and then each call in turn; medians in"
                + " the JVM and of the whole process; a ratio is the median of each round's ratio to its own floor, with"
                + " their range)", "", "", "");
        String classPath = System.getProperty("java.class.path");
        String where = repository.toString();
        Map<String, String> docker = Map.of("DOCKER_HOST", engineHost);
        List<String> dockerOptions = List.of("-Dbackendconfig.providers=docker", "-Dbackendconfig.docker.project="
                + dockerProject(), "-Dbackendconfig.docker.service=alpine-test-backend");
        List<FirstKind> kinds = new ArrayList<>(List.of(
                new FirstKind("floor: JDK socket, GET /containers/json", EngineFloor.class, Map.of(), List.of(),
                        classPath, engineSocket),
                new FirstKind("env", FirstCall.class, Map.of("TEST_BACKEND_URL", "http://localhost:8002"),
                        List.of("-Dbackendconfig.providers=env"), classPath, "resolve", where),
                new FirstKind("staging file", FirstCall.class, Map.of(), List.of("-Dbackendconfig.providers=staging"),
                        classPath, "resolve", where),
                new FirstKind("docker, " + engineKind, FirstCall.class, docker, dockerOptions, classPath, "resolve",
                        where),
                new FirstKind("diagnosis: a fresh JVM's first Unix-domain socket, opened, nothing sent (JDK: its"
                        + " selector provider's lambda, SecureRandom)", FirstSocket.class, Map.of(), List.of(),
                        classPath)));
        String archivedName = "diagnosis: docker's first call with every class it loads mapped from a class-data"
                + " archive its first run recorded (class loading taken away; not how tests run)";
        String jarred = jarredClassPath();
        Path archive = work.resolve("first-call.jsa");
        List<String> recording = new ArrayList<>(dockerOptions);
        recording.add("-XX:ArchiveClassesAtExit=" + archive);
        ChildJvm.run(List.of(), jarred, FirstCall.class, docker, recording, 120, "resolve", where);
        List<String> mapped = new ArrayList<>(dockerOptions);
        mapped.add("-Xshare:on");
        mapped.add("-XX:SharedArchiveFile=" + archive);
        ChildJvm.Outcome probe = ChildJvm.run(List.of(), jarred, FirstCall.class, docker, mapped, 60, "resolve", where);
        String unmapped = probe.results().containsKey("first") ? ""
                : "not measured: " + probe.output().lines().findFirst().orElse("no output");
        if (unmapped.isEmpty()) {
            kinds.add(new FirstKind(archivedName, FirstCall.class, docker, mapped, jarred, "resolve", where));
        }
        long[][] inJvm = new long[kinds.size()][rounds];
        long[][] whole = new long[kinds.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int kind = 0; kind < kinds.size(); kind++) {
                ChildJvm.Outcome outcome = kinds.get(kind).run(List.of());
                inJvm[kind][round] = outcome.nanos("first");
                whole[kind][round] = outcome.wallNanos();
            }
        }
        row(kinds.get(0).name(), Samples.millis(new Samples(inJvm[0]).median()) + "; process "
                + Samples.millis(new Samples(whole[0]).median()), "", "");
        for (int kind = 1; kind <= 3; kind++) {
            Path log = Files.createTempFile(work, "class-load", ".txt");
            kinds.get(kind).run(List.of("-Xlog:class+load:file=" + log));
            double[] jvm = ratios(inJvm[kind], inJvm[0]);
            double[] process = ratios(whole[kind], whole[0]);
            row(kinds.get(kind).name(), Samples.millis(new Samples(inJvm[kind]).median()) + "; process "
                    + Samples.millis(new Samples(whole[kind]).median()), "floor " + ratioRange(jvm) + " in the JVM, "
                    + ratioRange(process) + " whole process; " + ClassLoads.describe(log), "<= 2x the floor: in the"
                    + " JVM " + verdict(median(jvm) <= 2) + ", whole process " + verdict(median(process) <= 2));
        }
        row(kinds.get(4).name(), Samples.millis(new Samples(inJvm[4]).median()), "floor " + ratioRange(ratios(
                inJvm[4], inJvm[0])) + ": the floor pays it too (its exchange is a few ms of it), and every docker"
                + " resolution once per JVM", "");
        if (!unmapped.isEmpty()) {
            row(archivedName, unmapped, "", "");
            return;
        }
        long[] loading = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            loading[round] = inJvm[3][round] - inJvm[5][round];
        }
        long loadingMedian = new Samples(loading).median();
        row(archivedName, Samples.millis(new Samples(inJvm[5]).median()), "floor " + ratioRange(ratios(inJvm[5],
                inJvm[0])) + " in the JVM; loading and linking the classes: " + Samples.millis(loadingMedian)
                + " of docker's first call (" + String.format(Locale.ROOT, "%.0f%%", 100.0 * loadingMedian
                        / new Samples(inJvm[3]).median()) + ", median of the rounds' differences)", "");
    }

    /** Each round's ratio of {@code ours} to {@code base}, sorted. */
    private static double[] ratios(long[] ours, long[] base) {
        double[] ratios = new double[ours.length];
        for (int i = 0; i < ours.length; i++) {
            ratios[i] = ours[i] / (double) base[i];
        }
        java.util.Arrays.sort(ratios);
        return ratios;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** {@code x1.8 (rounds 1.5-2.3)}. */
    private static String ratioRange(double[] sorted) {
        return String.format(Locale.ROOT, "x%.1f (rounds %.1f-%.1f)", median(sorted), sorted[0],
                sorted[sorted.length - 1]);
    }

    /**
     * What reading one compose file costs a fresh JVM (issue 22 item 10): CPU of the whole process during its first
     * docker resolution, which reads the file to predict a port, median of 3; each shape at the size limit
     * (setting docker.compose-max-kib, default 64 KiB) against a one-service file, then what raising the setting costs.
     */
    private void composeCost() throws Exception {
        int cap = DockerSettings.COMPOSE_MAX_KIB_DEFAULT * 1024;
        row("9. A compose file's cost: a fresh JVM's first docker resolution reading it (CPU of every thread of the"
                + " process during the call, /proc/self/stat; median of 3; MB the calling thread allocated)", "", "", "");
        ChildJvm.Outcome tiny = composeCost("one service", "services:\n  backend:\n    image: x\n    ports:"
                + " [\"45678:8000\"]\n", List.of());
        row("one service (" + tiny.results().get("bytes") + " bytes)", cpu(tiny), "", "");
        ChildJvm.Outcome real = composeCost("real", ComposeShapes.generate(ComposeShapes.Shape.REAL, 24 * 1024),
                List.of());
        row("a real-looking file (mailcow-like services), 24 KiB", cpu(real) + "; " + above(real, tiny), "", "");
        for (ComposeShapes.Shape shape : ComposeShapes.Shape.values()) {
            if (shape == ComposeShapes.Shape.WORST_1000) {
                continue;
            }
            ChildJvm.Outcome outcome = composeCost(shape.name(), ComposeShapes.generate(shape, cap), List.of());
            long extra = outcome.nanos("cpu") - tiny.nanos("cpu");
            row(shape.name().toLowerCase(Locale.ROOT) + " at the limit (" + outcome.results().get("bytes") + " bytes)",
                    cpu(outcome) + "; " + above(outcome, tiny), outcome.results().get("outcome").contains("limit")
                            ? "REFUSED: " + outcome.results().get("outcome") : "read",
                    "<= 0.5 s above one service: " + verdict(extra <= 500_000_000L));
        }
        String atTheLimit = ComposeShapes.generate(ComposeShapes.Shape.SERVICES, cap);
        ChildJvm.Outcome over = composeCost("over", atTheLimit + "#" + "x".repeat(cap - atTheLimit.length() - 1)
                + "\n", List.of());
        row("services, over the limit (" + over.results().get("bytes") + " bytes): refused before it is parsed",
                cpu(over), "", "");
        for (int kib : List.of(256, 1024, 2048)) {
            List<String> raised = List.of("-Dbackendconfig.docker.compose-max-kib=" + kib);
            ChildJvm.Outcome services = composeCost("services" + kib, ComposeShapes.generate(
                    ComposeShapes.Shape.SERVICES, kib * 1024), raised);
            ChildJvm.Outcome worst = composeCost("worst" + kib, ComposeShapes.generate(ComposeShapes.Shape.WORST_1000,
                    kib * 1024), raised);
            row("docker.compose-max-kib=" + kib + ": services / the 1000-port worst shape at the limit",
                    cpu(services) + " / " + cpu(worst) + (worst.results().get("outcome").contains("values of the"
                            + " services read") ? " (refused at the values limit)" : ""), "", "");
        }
    }

    private ChildJvm.Outcome composeCost(String name, String text, List<String> options) throws Exception {
        Path directory = repository("compose-" + name);
        Files.writeString(directory.resolve("compose.yaml"), text);
        List<String> all = new ArrayList<>(options);
        all.add("-Dbackendconfig.providers=docker");
        ChildJvm.Outcome median = medianOf(3, "cpu", () -> ChildJvm.run(ComposeCost.class,
                ComposeCost.environment(work), all, 120, directory.toString()));
        Map<String, String> results = new java.util.HashMap<>(median.results());
        results.put("bytes", Long.toString(Files.size(directory.resolve("compose.yaml"))));
        return new ChildJvm.Outcome(results, median.wallNanos(), median.output());
    }

    private static String cpu(ChildJvm.Outcome outcome) {
        return Samples.millis(outcome.nanos("cpu")) + " CPU (calling thread " + Samples.millis(outcome.nanos("thread"))
                + "), " + outcome.nanos("allocated") / 1_000_000 + " MB";
    }

    private static String above(ChildJvm.Outcome outcome, ChildJvm.Outcome tiny) {
        return Samples.millis(outcome.nanos("cpu") - tiny.nanos("cpu")) + " above one service";
    }

    private void decisions(Path repository) throws Exception {
        hideDocker = ChildJvm.canHideDocker() ? ChildJvm.WITHOUT_DOCKER : List.of();
        row("3. \"Is Docker there?\" (ours warm, and first call in a fresh JVM; Testcontainers' isDockerAvailable(),"
                + " which decides once per JVM)" + (hideDocker.isEmpty() ? " — NOTE: this machine's engine stays"
                + " visible to the first calls, so Testcontainers finds it" : ""), "", "", "");
        Path missing = repository.resolve("missing.sock");
        decision("missing socket", repository, "unix://" + missing, true);
        Path stale = repository.resolve("stale.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(stale));
        server.close();
        decision("socket that refuses", repository, "unix://" + stale, false);
        decision("TCP address that never answers", repository, "tcp://127.0.0.1:" + silentPort(), false);
    }

    private void decision(String name, Path repository, String dockerHost, boolean target) throws Exception {
        DockerEndpointProvider provider = new DockerEndpointProvider();
        boolean slow = dockerHost.startsWith("tcp");
        Samples warm = Samples.time(slow ? 0 : 1000, slow ? 1 : 10_000, () -> provider.resolve(context(repository,
                Map.of("DOCKER_HOST", dockerHost), Map.of())));
        ChildJvm.Outcome first = ChildJvm.run(hideDocker, FirstCall.class, Map.of("DOCKER_HOST", dockerHost), List.of(),
                60, "docker-decision", repository.toString());
        ChildJvm.Outcome testcontainers = testcontainers(hideDocker, Map.of("DOCKER_HOST", dockerHost), "available");
        String theirs = testcontainers.results().containsKey("timeout") ? "no decision after " + TESTCONTAINERS_CAP
                + " s (stopped)"
                : Samples.millis(testcontainers.nanos("decision"));
        double ratio = testcontainers.results().containsKey("timeout") ? Double.POSITIVE_INFINITY
                : testcontainers.nanos("decision") / (double) warm.median();
        String note = target ? "target >= 100x: " + verdict(ratio >= 100) + "; ours < 1 ms: "
                + verdict(warm.median() < 1_000_000L) : "";
        row(name, warm.describe() + "; first " + Samples.millis(first.nanos("first")),
                "Testcontainers " + theirs + (Double.isInfinite(ratio) ? "" : " (" + ratio(ratio) + " ours warm)"), note);
    }

    private void portLookup(boolean realEngine, long dockerNanos) throws Exception {
        row("4. Host port of a running compose service (warm, median)", "", "", "");
        if (!realEngine) {
            row("docker ps, Testcontainers", "n/a", "needs a real engine: run scripts/bench.sh where Docker runs", "");
            return;
        }
        Samples cli = Samples.time(3, 30, () -> {
            Process process = new ProcessBuilder("docker", "ps", "--filter",
                    "label=com.docker.compose.service=alpine-test-backend", "--format", "{{.Ports}}")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("docker ps failed");
            }
        });
        row("docker ps --filter ... --format (a process per call)", "ours " + Samples.millis(dockerNanos),
                "docker ps " + cli.describe() + " (" + ratio(cli.median() / (double) dockerNanos) + " ours)",
                "target >= 10x: " + verdict(cli.median() >= 10 * dockerNanos));
        ChildJvm.Outcome testcontainers = testcontainers(List.of(), Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"),
                "lookup", "500");
        long theirs = testcontainers.nanos("median");
        row("Testcontainers' docker-java client", "ours " + Samples.millis(dockerNanos),
                "docker-java " + Samples.millis(theirs) + " (p99 " + Samples.millis(testcontainers.nanos("p99"))
                        + ", port " + testcontainers.results().get("port") + ")",
                ratio(theirs / (double) dockerNanos) + " ours");
    }

    private void readiness(boolean realEngine, Path repository) throws Exception {
        row("6. Readiness: from the engine's healthy event to the resolution's answer (a container turning healthy"
                + " while the resolution waits)", "", "", "");
        if (!realEngine) {
            row("healthy event to answer", "n/a", "needs a real engine: run scripts/bench.sh where Docker runs", "");
            return;
        }
        Samples reaction = HealthyEvent.measure(repository, 10);
        row("healthy event to answer, real engine", reaction.describe() + ", max " + Samples.millis(reaction.max()),
                "polling every 500 ms, as before this release: 0-500 ms by design (not measured)",
                "target <= 100 ms: " + verdict(reaction.max() <= 100_000_000L));
    }

    private void sizes() throws IOException {
        row("5. Jars a user adds to the test classpath (sum of sizes, dependencies included)", "", "", "");
        Path directory = Path.of(System.getProperty("bench.sizes", "target/sizes"));
        long all = 0;
        for (String setup : List.of("config-env", "config-staging", "config-docker", "config-junit", "all")) {
            long bytes = classpathBytes(directory.resolve(setup + ".txt"));
            if (setup.equals("all")) {
                all = bytes;
            }
            row(setup.equals("all") ? "all providers and the JUnit extension" : setup, kilobytes(bytes), "", "");
        }
        long testcontainers = classpathBytes(directory.resolve("testcontainers.txt"));
        rows.get(rows.size() - 1)[2] = "Testcontainers " + kilobytes(testcontainers) + " ("
                + ratio(testcontainers / (double) all) + " ours)";
        rows.get(rows.size() - 1)[3] = "target < 1 MB: " + verdict(all < 1_000_000L);
    }

    private static long classpathBytes(Path list) throws IOException {
        if (!Files.isRegularFile(list)) {
            return -1;
        }
        long sum = 0;
        for (String jar : Files.readString(list, StandardCharsets.UTF_8).strip().split(":")) {
            if (!jar.isBlank()) {
                sum += Files.size(Path.of(jar));
            }
        }
        return sum;
    }

    /**
     * Time the first resolution in five fresh JVMs (the median's in-JVM and whole-process times, each as a ratio of
     * the floor's), and count in one more what it loads: classes, ours among them, lambda proxies and method-handle
     * classes spun at run time, regular-expression and YAML classes.
     */
    /**
     * The bench's class path with each directory in it written into a jar in the work directory, the rest as it is:
     * a class-data archive records classes from jars only.
     */
    private String jarredClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = work.resolve("classes-" + entries.size() + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                    Stream<Path> files = Files.walk(path)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    out.putNextEntry(new JarEntry(path.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static ChildJvm.Outcome median(int runs, ChildRun run) throws Exception {
        return medianOf(runs, "first", run);
    }

    private static ChildJvm.Outcome medianOf(int runs, String result, ChildRun run) throws Exception {
        List<ChildJvm.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            outcomes.add(run.run());
        }
        outcomes.sort((a, b) -> Long.compare(a.nanos(result), b.nanos(result)));
        return outcomes.get(runs / 2);
    }

    /** One child run. */
    @FunctionalInterface
    private interface ChildRun {
        ChildJvm.Outcome run() throws Exception;
    }

    /**
     * The CLI's whole process through the distribution's launcher (its class-data archive recorded by a first run),
     * against a bare JVM printing one line, in paired rounds: the median of the rounds' ratios and their range.
     */
    private void cli(Path repository, String engineHost) throws Exception {
        String archive = System.getProperty("bench.distribution", "");
        row("7. The CLI's whole process (launcher bin/backend-config, --format=env), against a bare JVM printing one"
                + " line; paired rounds", "", "", "");
        if (archive.isEmpty() || !Files.isRegularFile(Path.of(archive))) {
            row("CLI", "n/a", "no distribution archive (-Dbench.distribution): run scripts/bench.sh", "");
            return;
        }
        Path unpacked = Files.createDirectories(work.resolve("distribution"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive, "-C", unpacked.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar -xzf " + archive + " failed");
        }
        Path launcher;
        try (var found = Files.find(unpacked, 3, (path, attributes) -> path.endsWith("bin/backend-config"))) {
            launcher = found.findFirst().orElseThrow();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> bare = List.of(java.toString(), "-Xshare:auto", "-cp", Path.of("target/classes").toAbsolutePath()
                .toString(), OneLine.class.getName());
        Map<String, String> base = new java.util.HashMap<>(Map.of("JAVA_HOME", Path.of(System.getProperty(
                "java.home")).toString(), "BACKEND_CONFIG_CDS_DIR", work.resolve("cds").toString()));
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put("TEST_BACKEND_URL", "http://localhost:8002");
        env.put("DOCKER_HOST", "unix://" + work.resolve("no-engine.sock"));
        // each command with the archive its own first run records, as a user of that command has it (one archive per
        // jar and java: the docker command's own holds docker's classes); and the docker command with the env
        // command's archive, as a user has it whose first command was an env one
        Map<String, String> docker = new java.util.HashMap<>(base);
        docker.put("DOCKER_HOST", engineHost);
        docker.put("BACKEND_CONFIG_CDS_DIR", work.resolve("cds-docker").toString());
        Map<String, String> dockerAfterEnv = new java.util.HashMap<>(docker);
        dockerAfterEnv.put("BACKEND_CONFIG_CDS_DIR", base.get("BACKEND_CONFIG_CDS_DIR"));
        List<String> envCommand = List.of(launcher.toString(), "--format=env", "--dir", repository.toString(),
                "--set", "providers=env");
        List<String> dockerCommand = new ArrayList<>(List.of(launcher.toString(), "--format=env", "--dir",
                repository.toString(), "--set", "providers=docker"));
        dockerCommand.addAll(List.of("--set", "docker.project=" + dockerProject(), "--set",
                "docker.service=alpine-test-backend"));
        Map<String, String> plain = new java.util.HashMap<>(env);
        plain.put("BACKEND_CONFIG_CDS", "off");
        long firstRun = Processes.time(envCommand, env); // records the env command's archive
        long firstDockerRun = Processes.time(dockerCommand, docker); // records the docker command's
        int rounds = Integer.getInteger("bench.cli.rounds", 15);
        long[] bareTimes = new long[rounds];
        long[] envTimes = new long[rounds];
        long[] dockerTimes = new long[rounds];
        long[] dockerAfterEnvTimes = new long[rounds];
        long[] plainTimes = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            bareTimes[i] = Processes.time(bare, Map.of());
            envTimes[i] = Processes.time(envCommand, env);
            dockerTimes[i] = Processes.time(dockerCommand, docker);
            dockerAfterEnvTimes[i] = Processes.time(dockerCommand, dockerAfterEnv);
            plainTimes[i] = Processes.time(envCommand, plain);
        }
        Samples bareSamples = new Samples(bareTimes);
        row("bare JVM printing one line", bareSamples.describe(), "", "");
        cliRow("CLI, provider env (class-data archive)", envTimes, bareTimes, 1.5);
        String engine = project.isEmpty() ? "fake engine" : "real engine";
        cliRow("CLI, provider docker, " + engine + " (class-data archive its first run recorded)", dockerTimes,
                bareTimes, 2.0);
        cliRow("CLI, provider docker, " + engine + ", with the archive the env command recorded (a first command of"
                + " env, then docker)", dockerAfterEnvTimes, bareTimes, 0);
        cliRow("CLI, provider env, BACKEND_CONFIG_CDS=off (as before the archive)", plainTimes, bareTimes, 0);
        row("CLI, the run that records the archive: provider env; provider docker", Samples.millis(firstRun) + "; "
                + Samples.millis(firstDockerRun), "once per jar and java",
                "");
    }

    private void cliRow(String name, long[] ours, long[] bare, double target) {
        double[] ratios = new double[ours.length];
        for (int i = 0; i < ours.length; i++) {
            ratios[i] = ours[i] / (double) bare[i];
        }
        java.util.Arrays.sort(ratios);
        double median = ratios[ratios.length / 2];
        row(name, new Samples(ours).describe(), "bare JVM x" + String.format(Locale.ROOT, "%.2f (rounds %.2f-%.2f)",
                median, ratios[0], ratios[ratios.length - 1]), target == 0 ? "" : "<= " + target + "x: "
                + verdict(median <= target));
    }

    /** Bytes allocated per warm resolution (JMH's GC profiler) and heap retained after a first TestContext.get(). */
    private void memory(Path repository, String engineHost, Map<String, WarmJmh.Figure> warm) throws Exception {
        row("8. Memory: bytes allocated per warm resolution (JMH, gc.alloc.rate.norm); heap retained after a first"
                + " TestContext.get() (fresh JVM, serial GC, used heap after full collections, median of 3)", "", "",
                "");
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put("env", List.of("-Dbackendconfig.providers=env"));
        settings.put("staging", List.of("-Dbackendconfig.providers=staging", "-Dbackendconfig.staging.env-file="
                + repository.resolve(".env.staging.e2e")));
        settings.put("docker", List.of("-Dbackendconfig.providers=docker", "-Dbackendconfig.docker.project="
                + dockerProject(), "-Dbackendconfig.docker.service=alpine-test-backend"));
        for (Map.Entry<String, List<String>> entry : settings.entrySet()) {
            Map<String, String> environment = switch (entry.getKey()) {
                case "env" -> Map.of("TEST_BACKEND_URL", "http://localhost:8002");
                case "docker" -> Map.of("DOCKER_HOST", engineHost);
                default -> Map.of();
            };
            List<String> options = new ArrayList<>(entry.getValue());
            options.add("-XX:+UseSerialGC");
            List<Long> retained = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                retained.add(ChildJvm.run(RetainedHeap.class, environment, options, 60, repository.toString())
                        .nanos("retained"));
            }
            retained.sort(Long::compare);
            WarmJmh.Figure figure = warm.get(entry.getKey());
            row(entry.getKey(), String.format(Locale.ROOT, "%,.0f bytes allocated per resolution; %,d bytes retained",
                    figure.bytes(), retained.get(1)), "", "");
        }
    }

    /** The compose project of the stack: the real engine's, or the recorded one the fake engine lists. */
    private String dockerProject() {
        return project.isEmpty() ? "docker" : project;
    }

    private static String jmh(WarmJmh.Figure figure) {
        return micros(figure.micros()) + " ± " + micros(figure.error()) + String.format(Locale.ROOT, ", %,.0f B/op",
                figure.bytes());
    }

    private static String micros(double micros) {
        return Samples.millis((long) (micros * 1000));
    }

    /**
     * Run Testcontainers in a child with a home of its own (it remembers the strategy that worked in
     * ~/.testcontainers.properties, which would carry one scenario into the next), without Ryuk and startup checks
     * (both pull images, and no registry is reachable here), and with the host given (when it believes it runs in a
     * container it otherwise starts an alpine container to find its gateway).
     */
    private ChildJvm.Outcome testcontainers(List<String> wrapper, Map<String, String> environment, String... arguments)
            throws Exception {
        Path home = Files.createTempDirectory(work, "tc-home");
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("TESTCONTAINERS_RYUK_DISABLED", "true");
        all.put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        all.put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
        return ChildJvm.run(wrapper, TestcontainersChild.class, all, List.of("-Duser.home=" + home), TESTCONTAINERS_CAP,
                arguments);
    }

    private ResolutionContext context(Path repository, Map<String, String> environment, Map<String, String> settings) {
        return ResolutionContext.builder().workingDirectory(repository).environment(environment)
                .systemProperties(Map.of("user.home", repository.toString())).settings(settings).build();
    }

    private Path repository(String name) throws IOException {
        Path repository = Files.createDirectories(work.resolve(name));
        Files.createDirectories(repository.resolve(".git"));
        return repository;
    }

    private String fakeEngine() throws IOException {
        FakeDockerEngine engine = WarmResolution.fakeEngine(work.resolve("engine.sock"));
        closeables.add(engine);
        return engine.dockerHost();
    }

    private int silentPort() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        closeables.add(() -> {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        });
        return server.getLocalPort();
    }

    private void row(String what, String ours, String theirs, String target) {
        rows.add(new String[] {what, ours, theirs, target});
        System.out.printf(Locale.ROOT, "%-70s %s %s %s%n", what, ours, theirs, target);
    }

    private void print() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("Measured ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(".\n\n");
        table.append("| measurement | backend-config | compared with | target |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            boolean heading = row[1].isEmpty() && row[2].isEmpty();
            table.append("| ").append(heading ? "**" + row[0] + "**" : row[0]).append(" | ").append(row[1]).append(" | ")
                    .append(row[2]).append(" | ").append(row[3]).append(" |\n");
        }
        Path out = Path.of("target/bench-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println();
        System.out.print(table);
    }

    private static String kilobytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d KB", bytes / 1000);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0fx" : "%.1fx", ratio);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
