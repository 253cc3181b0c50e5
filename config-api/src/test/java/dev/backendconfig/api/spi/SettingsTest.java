package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.InvalidBackendConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @TempDir
    Path directory;

    private ClassLoader resourceWith(String content) throws IOException {
        Path root = Files.createDirectories(directory.resolve("classes"));
        Files.writeString(root.resolve(Settings.RESOURCE), content);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    @Test
    void systemPropertyBeatsVariableBeatsResourceBeatsDefault() throws IOException {
        ClassLoader resource = resourceWith("docker.service=from-resource\ndocker.project=from-resource\n"
                + "docker.host=unix:///from-resource.sock\n");
        Settings settings = Settings.load(
                Map.of("backendconfig.docker.service", "from-property"),
                Map.of("BACKENDCONFIG_DOCKER_SERVICE", "from-variable", "BACKENDCONFIG_DOCKER_PROJECT", "from-variable"),
                resource);
        assertThat(settings.find(BuiltInSettings.DOCKER_SERVICE)).contains("from-property");
        assertThat(settings.origin(BuiltInSettings.DOCKER_SERVICE).describe())
                .isEqualTo("system property backendconfig.docker.service");
        assertThat(settings.find(BuiltInSettings.DOCKER_PROJECT)).contains("from-variable");
        assertThat(settings.origin(BuiltInSettings.DOCKER_PROJECT).describe())
                .isEqualTo("variable BACKENDCONFIG_DOCKER_PROJECT");
        assertThat(settings.find(BuiltInSettings.DOCKER_HOST)).contains("unix:///from-resource.sock");
        assertThat(settings.origin(BuiltInSettings.DOCKER_HOST).describe()).endsWith(Settings.RESOURCE + ":3");
        assertThat(settings.get(BuiltInSettings.DOCKER_CONTAINER_PORT)).isEqualTo(8000);
        assertThat(settings.origin(BuiltInSettings.DOCKER_CONTAINER_PORT).describe())
                .isEqualTo("default docker.container-port");
    }

    @Test
    void overridesBeatEverything() {
        Settings settings = Settings.load(Map.of("backendconfig.providers", "env"), Map.of(), null)
                .withOverrides(Map.of("providers", "staging,env"), "--set");
        assertThat(settings.get(BuiltInSettings.PROVIDERS)).containsExactly("staging", "env");
        assertThat(settings.origin(BuiltInSettings.PROVIDERS).describe()).isEqualTo("setting providers given to --set");
    }

    @Test
    void variableNamesUseUnderscoresForDotsAndDashes() {
        assertThat(BuiltInSettings.DOCKER_CONTAINER_PORT.variable()).isEqualTo("BACKENDCONFIG_DOCKER_CONTAINER_PORT");
        assertThat(BuiltInSettings.PROBE_HTTP_PATH.variable()).isEqualTo("BACKENDCONFIG_PROBE_HTTP_PATH");
        assertThat(BuiltInSettings.URL.systemProperty()).isEqualTo("backendconfig.url");
    }

    @Test
    void emptyAndBlankValuesCountAsUnset() {
        Settings settings = Settings.load(Map.of("backendconfig.docker.container-port", " "),
                Map.of("BACKENDCONFIG_DOCKER_CONTAINER_PORT", ""), null);
        assertThat(settings.isSet(BuiltInSettings.DOCKER_CONTAINER_PORT)).isFalse();
        assertThat(settings.get(BuiltInSettings.DOCKER_CONTAINER_PORT)).isEqualTo(8000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "backendconfig.provders | system property backendconfig.provders: unknown setting 'backendconfig.provders';"
                + " did you mean 'backendconfig.providers'?",
        "backendconfig.docker.servce | system property backendconfig.docker.servce: unknown setting"
                + " 'backendconfig.docker.servce'; did you mean 'backendconfig.docker.service'?",
        "backendconfig.colour | system property backendconfig.colour: unknown setting 'backendconfig.colour'"
                + " (every setting is listed in the README, and by 'explain --help')",
    })
    void anUnknownSystemPropertyIsAnErrorWithTheNearestKey(String property, String message) {
        Settings settings = Settings.load(Map.of(property, "x"), Map.of(), null);
        assertThatThrownBy(() -> settings.validate(BuiltInSettings.ALL))
                .isInstanceOf(InvalidBackendConfigurationException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anUnknownVariableIsAnErrorWithTheNearestVariable() {
        Settings settings = Settings.load(Map.of(), Map.of("BACKENDCONFIG_DOCKER_SERVCE", "backend"), null);
        assertThatThrownBy(() -> settings.validate(BuiltInSettings.ALL))
                .hasMessageStartingWith("variable BACKENDCONFIG_DOCKER_SERVCE: unknown setting"
                        + " 'BACKENDCONFIG_DOCKER_SERVCE'; did you mean 'BACKENDCONFIG_DOCKER_SERVICE'?");
    }

    @Test
    void anUnknownKeyInTheResourceNamesFileAndLine() throws IOException {
        Settings settings = Settings.load(Map.of(), Map.of(),
                resourceWith("# project settings\nproviders=env\nbackendconfig.docker.service=backend\n"));
        assertThatThrownBy(() -> settings.validate(BuiltInSettings.ALL))
                .hasMessageContaining(Settings.RESOURCE + ":3: unknown setting 'backendconfig.docker.service';"
                        + " write it without the 'backendconfig.' prefix");
    }

    @Test
    void aCustomProvidersSettingIsKnownOnceDeclared() {
        Setting<String> region = Setting.text("acme.region", "eu", "Region of the acme backend.");
        Settings settings = Settings.load(Map.of("backendconfig.acme.region", "us"), Map.of(), null);
        settings.validate(List.of(region));
        assertThat(settings.get(region)).isEqualTo("us");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "docker.container-port | abc | setting docker.container-port expects a whole number from 1 to 65535, got 'abc',"
                + " which is not a whole number",
        "docker.container-port | 70000 | setting docker.container-port expects a whole number from 1 to 65535, got 70000",
        "timeout | 90 | setting timeout expects a duration such as 500ms, 2s or 1m, got '90' without a unit (add ms, s or m)",
        "timeout | soon | setting timeout expects a duration such as 500ms, 2s or 1m, got 'soon'",
        "probe | ping | setting probe expects one of none, tcp, http, websocket, got 'ping'",
        "staging.enabled | yes | setting staging.enabled expects true or false, got 'yes'",
    })
    void aValueOfTheWrongTypeNamesItsSourceAndWhatIsValid(String key, String value, String problem) {
        Settings settings = Settings.load(Map.of("backendconfig." + key, value), Map.of(), null);
        assertThatThrownBy(() -> settings.validate(BuiltInSettings.ALL))
                .isInstanceOf(InvalidBackendConfigurationException.class)
                .hasMessage("system property backendconfig." + key + ": " + problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, 500", "2s, 2000", "1m, 60000", "PT1.5S, 1500", "1h, 3600000"})
    void durationsTakeAUnitOrIsoForm(String raw, long millis) {
        Settings settings = Settings.of(Map.of("timeout", raw));
        assertThat(settings.get(BuiltInSettings.TIMEOUT)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void listsAreTrimmedAndDropBlankEntries() {
        Settings settings = Settings.of(Map.of("env.url-variables", " E2E_BACKEND_URL , ,NETRA_BACKEND_URL"));
        assertThat(settings.get(BuiltInSettings.ENV_URL_VARIABLES)).containsExactly("E2E_BACKEND_URL", "NETRA_BACKEND_URL");
    }

    @Test
    void aSettingWithoutDefaultMustBeReadWithFind() {
        assertThatThrownBy(() -> Settings.empty().get(BuiltInSettings.DOCKER_SERVICE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("setting docker.service has no default; read it with find()");
    }

    @Test
    void aSecondResourceOnTheClasspathIsNoted() throws IOException {
        Path first = Files.createDirectories(directory.resolve("a"));
        Path second = Files.createDirectories(directory.resolve("b"));
        Files.writeString(first.resolve(Settings.RESOURCE), "docker.service=first\n");
        Files.writeString(second.resolve(Settings.RESOURCE), "docker.service=second\n");
        ClassLoader loader = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null);
        Settings settings = Settings.load(Map.of(), Map.of(), loader);
        assertThat(settings.find(BuiltInSettings.DOCKER_SERVICE)).contains("first");
        assertThat(settings.notes()).singleElement().asString()
                .startsWith("classpath resource backend-config.properties also found at file:")
                .contains("/b/backend-config.properties; only the first, file:")
                .endsWith("/a/backend-config.properties, is read");
    }

    @Test
    void aMalformedResourceIsAnErrorNamingIt() throws IOException {
        assertThatThrownBy(() -> Settings.load(Map.of(), Map.of(), resourceWith("docker.service=\\uZZZZ\n")))
                .isInstanceOf(InvalidBackendConfigurationException.class)
                .hasMessageContaining(Settings.RESOURCE + ": is not a valid properties file (Malformed \\uxxxx encoding.)");
    }

    @Test
    void keysMustBeLowerCaseWords() {
        assertThatThrownBy(() -> Setting.text("Docker.Service", null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting key 'Docker.Service' must be lower-case words separated by '.' or '-',"
                        + " such as docker.container-port");
    }
}
