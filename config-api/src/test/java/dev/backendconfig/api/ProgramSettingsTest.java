package dev.backendconfig.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.ProviderResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.api.spi.Settings;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setting that names a program to run is declared so by its owner ({@link Setting#namingAProgram()}), and the core
 * takes it only from the user's own environment, system properties, code or command line: a project file that sets
 * it is an error saying where to set it instead, and the report never shows its arguments.
 */
class ProgramSettingsTest {

    private static final String SECRET = "Hunter2Pw";

    /** A provider's setting that names a program, as provider docker's docker.ssh-command does. */
    private static final Setting<List<String>> COMMAND = Setting.list("acme.command", "acme-tool",
            "The program acme runs.").namingAProgram();
    private static final Setting<String> PLAIN = Setting.text("acme.flavour", null, "Not a program.");

    @TempDir
    Path directory;

    /** A provider that records the command it would run, and finds a backend. */
    private static final class Acme implements EndpointProvider {
        final AtomicReference<List<String>> command = new AtomicReference<>();

        @Override
        public String id() {
            return "acme";
        }

        @Override
        public int priority() {
            return 150;
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(COMMAND, PLAIN);
        }

        @Override
        public ProviderResult resolve(ResolutionContext context) {
            command.set(context.settings().get(COMMAND));
            return ProviderResult.found(ServiceEndpoint.builder(id()).http(URI.create("http://localhost:8002"),
                    Origin.other("acme")).build(), "acme found it");
        }
    }

    private ClassLoader projectFile(String text) throws IOException {
        Path resources = Files.createDirectories(directory.resolve("src/test/resources"));
        Files.writeString(resources.resolve(Settings.RESOURCE), text);
        return new URLClassLoader(new URL[] {resources.toUri().toURL()}, null);
    }

    private static String everything(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace + (thrown instanceof BackendConfigException failure ? failure.report().render() : "");
    }

    @Test
    void theOwnerDeclaresASettingThatNamesAProgram() {
        assertThat(COMMAND.namesAProgram()).isTrue();
        assertThat(PLAIN.namesAProgram()).isFalse();
        assertThat(COMMAND.key()).isEqualTo("acme.command");
        assertThat(COMMAND.defaultValue()).contains("acme-tool");
    }

    @Test
    void aProjectFileThatSetsAProgramStopsTheResolutionBeforeAnyProviderIsAskedAndSaysWhereToSetIt()
            throws IOException {
        Acme acme = new Acme();
        ClassLoader checkout = projectFile("acme.flavour=mild\nacme.command=sh,-c,echo " + SECRET + " > /tmp/x\n");
        Throwable thrown = catchThrowable(() -> ServiceResolver.of(List.of(acme)).resolve(ResolutionContext.builder()
                .settingsResource(checkout).environment(Map.of()).systemProperties(Map.of()).build()));
        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class);
        assertThat(((BackendConfigException) thrown).code()).isEqualTo("BCFG00015");
        assertThat(thrown).hasMessage(directory.resolve("src/test/resources/" + Settings.RESOURCE) + ":2: setting"
                + " acme.command names a program to run, so it is never taken from a project file (a checkout's files"
                + " must not be able to run a command, not even through explain --dir); remove it there and set it"
                + " where only you can: BACKENDCONFIG_ACME_COMMAND=... in your environment,"
                + " -Dbackendconfig.acme.command=..., or --set acme.command=... on the explain command line (or in"
                + " code)");
        assertThat(acme.command.get()).as("the provider was never asked").isNull();
        assertThat(everything(thrown)).doesNotContain(SECRET);
    }

    @Test
    void aProjectFileIsRefusedEvenWhenTheUsersOwnSettingWinsOverIt() throws IOException {
        Acme acme = new Acme();
        ClassLoader checkout = projectFile("acme.command=sh,-c,curl evil\n");
        Throwable thrown = catchThrowable(() -> ServiceResolver.of(List.of(acme)).resolve(ResolutionContext.builder()
                .settingsResource(checkout).environment(Map.of("BACKENDCONFIG_ACME_COMMAND", "my-tool"))
                .systemProperties(Map.of()).build()));
        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(":1: setting acme.command names a program to run");
        assertThat(acme.command.get()).isNull();
    }

    @Test
    void theUsersEnvironmentSystemPropertiesAndCommandLineMaySetIt() throws IOException {
        ClassLoader checkout = projectFile("acme.flavour=mild\n");
        for (Map.Entry<ResolutionContext.Builder, String> way : Map.of(
                ResolutionContext.builder().environment(Map.of("BACKENDCONFIG_ACME_COMMAND", "env-tool,-v"))
                        .systemProperties(Map.of()), "env-tool",
                ResolutionContext.builder().environment(Map.of())
                        .systemProperties(Map.of("backendconfig.acme.command", "property-tool")), "property-tool",
                ResolutionContext.builder().environment(Map.of()).systemProperties(Map.of())
                        .settings(Map.of("acme.command", "set-tool,x"), "--set"), "set-tool").entrySet()) {
            Acme acme = new Acme();
            ServiceResolver.of(List.of(acme)).resolve(way.getKey().settingsResource(checkout).build());
            assertThat(acme.command.get()).first().isEqualTo(way.getValue());
        }
    }

    @Test
    void aProgramIsNeverReadFromAProjectFileEvenWithoutValidation() throws IOException {
        Settings settings = ResolutionContext.builder().settingsResource(projectFile("acme.command=evil\n"))
                .environment(Map.of()).systemProperties(Map.of()).build().settings();
        assertThat(settings.find(COMMAND)).isEmpty();
        assertThat(settings.get(COMMAND)).containsExactly("acme-tool");
    }

    @Test
    void theReportShowsOnlyTheProgramNeverItsArguments() {
        Resolution resolution = ServiceResolver.of(List.of(new Acme())).resolve(ResolutionContext.builder()
                .environment(Map.of()).systemProperties(Map.of("backendconfig.acme.command",
                        "sshpass,-p," + SECRET + ",ssh")).build());
        String report = resolution.report().render();
        assertThat(report).contains("setting acme.command=sshpass (and 3 arguments, not shown: a command line may"
                + " hold a password) (system property backendconfig.acme.command)");
        assertThat(report).doesNotContain(SECRET);
        assertThat(resolution.report().notes()).noneMatch(note -> note.contains(SECRET));
    }

    @Test
    void aProgramWithoutArgumentsIsShownAsItIs() {
        assertThat(ReportBuilder.programOnly("  /usr/bin/ssh ")).isEqualTo("/usr/bin/ssh");
        assertThat(ReportBuilder.programOnly("ssh,-v")).isEqualTo("ssh (and 1 argument, not shown: a command line may"
                + " hold a password)");
        assertThat(ReportBuilder.programOnly("ssh -i " + SECRET)).isEqualTo("ssh (and 2 arguments, not shown: a"
                + " command line may hold a password)");
        assertThat(ReportBuilder.programOnly("https://u:" + SECRET + "@host/tool,x")).doesNotContain(SECRET);
    }
}
