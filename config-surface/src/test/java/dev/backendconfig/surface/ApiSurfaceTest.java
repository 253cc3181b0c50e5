package dev.backendconfig.surface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.cli.Explain;
import dev.backendconfig.docker.DockerEndpointProvider;
import dev.backendconfig.env.EnvEndpointProvider;
import dev.backendconfig.junit.BackendTest;
import dev.backendconfig.staging.StagingEndpointProvider;
import dev.backendconfig.testkit.EndpointProviderContractTest;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The public surface of 1.0: every public type of the exported packages of every published module is marked stable or
 * experimental ({@link API}), and its public signatures ({@code javap -public}) are those of the checked-in baseline,
 * {@code baseline/<artifact>.api}. There is no earlier release to compare with, so the baseline is the 1.0 surface
 * itself: a change to a public signature fails here until the baseline is updated on purpose, with
 * {@code mvn -pl config-surface -am test -Dtest=ApiSurfaceTest -Dapi.baseline.update=true}, and the change is listed in
 * the changelog (docs/changelog.md).
 */
class ApiSurfaceTest {

    private static final Path BASELINE = Path.of("baseline");
    /** At most this many public types in config-api's exported packages. */
    private static final int CORE_TYPE_BUDGET = 30;
    /** At most this many public members of those types, as {@code javap -public} lists them. */
    private static final int CORE_MEMBER_BUDGET = 250;

    /** Each published module, by a type that lives in it. */
    enum Published {
        TOOLKIT("config-toolkit", Origin.class),
        API("config-api", ServiceEndpoint.class),
        ENV("config-env", EnvEndpointProvider.class),
        DOCKER("config-docker", DockerEndpointProvider.class),
        STAGING("config-staging", StagingEndpointProvider.class),
        JUNIT("config-junit", BackendTest.class),
        CLI("config-cli", Explain.class),
        TESTKIT("config-testkit", EndpointProviderContractTest.class);

        private final String artifact;
        private final Class<?> anchor;

        Published(String artifact, Class<?> anchor) {
            this.artifact = artifact;
            this.anchor = anchor;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Published.class)
    void everyPublicTypeIsMarkedStableOrExperimental(Published module) throws IOException {
        List<Class<?>> types = publicTypes(module);
        assertThat(types).as("public types of %s", module.artifact).isNotEmpty();
        assertThat(types).as("public types of %s without @API(status = STABLE or EXPERIMENTAL)", module.artifact)
                .filteredOn(type -> type.getAnnotation(API.class) == null
                        || !Set.of(API.Status.STABLE, API.Status.EXPERIMENTAL)
                                .contains(type.getAnnotation(API.class).status()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Published.class)
    void everyPublicSignatureIsTheBaselines(Published module) throws IOException {
        String surface = surface(module);
        Path baseline = BASELINE.resolve(module.artifact + ".api");
        if (Boolean.getBoolean("api.baseline.update")) {
            Files.createDirectories(BASELINE);
            Files.writeString(baseline, surface);
        }
        assertThat(baseline).as("the checked-in baseline of %s", module.artifact).exists();
        assertThat(surface).as("the public signatures of %s, against %s (if the change is meant, update the baseline"
                + " with -Dapi.baseline.update=true and list it in docs/changelog.md)", module.artifact,
                baseline).isEqualTo(Files.readString(baseline));
    }

    /**
     * The core is the facade and the contract, not a toolkit (issue 23, part 3): its exported packages hold at most 30
     * public types and 250 public members, counted as {@code javap -public} shows them — nested types and every
     * member (constructors, fields, methods, the accessors and {@code equals}/{@code hashCode}/{@code toString} of
     * records) included; packages exported only to this project's modules ({@code exports ... to}) are not the public
     * surface. A structural budget: what only this project uses goes behind {@code internal}, what providers share to
     * the toolkit.
     */
    @Test
    void theCoreStaysWithinItsBudgetOfPublicTypesAndMembers(TestReporter reporter) throws IOException {
        int types = publicTypes(Published.API).size();
        long members = surface(Published.API).lines().filter(line -> line.startsWith("  ")).count();
        String counts = String.format("config-api: %d public types (budget %d), %d public members (budget %d)", types,
                CORE_TYPE_BUDGET, members, CORE_MEMBER_BUDGET);
        reporter.publishEntry("config-api surface", counts);
        assertThat(types).as(counts).isLessThanOrEqualTo(CORE_TYPE_BUDGET);
        assertThat(members).as(counts).isLessThanOrEqualTo(CORE_MEMBER_BUDGET);
    }

    /** Return {@code javap -public} of every public type, in name order, without the lines naming source files. */
    private static String surface(Published module) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-public", "-cp", location(module).toString()));
        publicTypes(module).forEach(type -> arguments.add(type.getName()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
        assertThat(exit).as("javap: %s", err).isZero();
        return out.toString().lines().filter(line -> !line.startsWith("Compiled from"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Return the public types of the module's exported packages, nested ones included, in name order. */
    private static List<Class<?>> publicTypes(Published module) throws IOException {
        Path location = location(module);
        ModuleDescriptor descriptor = descriptor(location);
        Set<String> exported = descriptor.exports().stream().filter(exports -> !exports.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        List<Class<?>> types = new ArrayList<>();
        for (String name : classNames(location)) {
            int dot = name.lastIndexOf('.');
            if (!exported.contains(name.substring(0, dot)) || name.endsWith("package-info")
                    || name.substring(dot + 1).matches(".*\\$[0-9].*")) {
                continue;
            }
            Class<?> type = load(name, module);
            if (isPublic(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            if (!Modifier.isPublic(current.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name, Published module) {
        try {
            return Class.forName(name, false, module.anchor.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path location(Published module) {
        try {
            return Path.of(module.anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModuleDescriptor descriptor(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            try (InputStream in = Files.newInputStream(location.resolve("module-info.class"))) {
                return ModuleDescriptor.read(in);
            }
        }
        try (JarFile jar = new JarFile(location.toFile());
                InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** Return the binary names of every class in a classes directory or jar, sorted. */
    private static List<String> classNames(Path location) throws IOException {
        List<String> entries;
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                entries = files.filter(file -> file.toString().endsWith(".class"))
                        .map(file -> location.relativize(file).toString().replace('\\', '/')).toList();
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                entries = jar.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class")).toList();
            }
        }
        return entries.stream().filter(entry -> !entry.equals("module-info.class") && !entry.startsWith("META-INF/"))
                .map(entry -> entry.substring(0, entry.length() - ".class".length()).replace('/', '.')).sorted()
                .toList();
    }
}
