package dev.backendconfig.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.internal.CoreSettings;
import dev.backendconfig.api.internal.SettingNames;
import dev.backendconfig.api.internal.SettingValues;
import dev.backendconfig.toolkit.InvalidInputException;
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

    // Settings as a provider would declare them; the core knows none of these keys.
    private static final Setting<String> SERVICE = Setting.text("docker.service", null, "Compose service.");
    private static final Setting<String> PROJECT = Setting.text("docker.project", null, "Compose project.");
    private static final Setting<String> HOST = Setting.text("docker.host", null, "Engine.");
    private static final Setting<Integer> CONTAINER_PORT = Setting.integer("docker.container-port", 8000, 1, 65535,
            "Container port.");
    private static final Setting<String> URL_SETTING = Setting.text("url", null, "HTTP URL.");
    private static final Setting<List<String>> URL_VARIABLES = Setting.list("env.url-variables",
            "TEST_BACKEND_URL,BACKEND_URL", "Variables.");
    private static final Setting<Boolean> STAGING_ENABLED = Setting.flag("staging.enabled", true, "Staging.");
    private static final List<Setting<?>> KNOWN = List.of(CoreSettings.PROVIDERS, CoreSettings.TIMEOUT,
            CoreSettings.PROBE, CoreSettings.PROBE_TIMEOUT, CoreSettings.PROBE_HTTP_PATH, SERVICE, PROJECT, HOST,
            CONTAINER_PORT, URL_SETTING, URL_VARIABLES, STAGING_ENABLED);
    private static final List<String> PROVIDERS = List.of("docker", "env", "staging");

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
        assertThat(settings.find(SERVICE)).contains("from-property");
        assertThat(settings.origin(SERVICE).describe())
                .isEqualTo("system property backendconfig.docker.service");
        assertThat(settings.find(PROJECT)).contains("from-variable");
        assertThat(settings.origin(PROJECT).describe())
                .isEqualTo("variable BACKENDCONFIG_DOCKER_PROJECT");
        assertThat(settings.find(HOST)).contains("unix:///from-resource.sock");
        assertThat(settings.origin(HOST).describe()).endsWith(Settings.RESOURCE + ":3");
        assertThat(settings.get(CONTAINER_PORT)).isEqualTo(8000);
        assertThat(settings.origin(CONTAINER_PORT).describe())
                .isEqualTo("default docker.container-port");
    }

    @Test
    void overridesBeatEverything() {
        Settings settings = Settings.load(Map.of("backendconfig.providers", "env"), Map.of(), null)
                .withOverrides(Map.of("providers", "staging,env"), "--set");
        assertThat(settings.get(CoreSettings.PROVIDERS)).containsExactly("staging", "env");
        assertThat(settings.origin(CoreSettings.PROVIDERS).describe()).isEqualTo("setting providers given to --set");
    }

    @Test
    void variableNamesUseUnderscoresForDotsAndDashes() {
        assertThat(SettingNames.variable(CONTAINER_PORT.key())).isEqualTo("BACKENDCONFIG_DOCKER_CONTAINER_PORT");
        assertThat(SettingNames.variable(CoreSettings.PROBE_HTTP_PATH.key())).isEqualTo("BACKENDCONFIG_PROBE_HTTP_PATH");
        assertThat(Settings.load(Map.of("backendconfig.url", "http://h"), Map.of(), null).find(URL_SETTING))
                .contains("http://h");
    }

    @Test
    void emptyAndBlankValuesCountAsUnset() {
        Settings settings = Settings.load(Map.of("backendconfig.docker.container-port", " "),
                Map.of("BACKENDCONFIG_DOCKER_CONTAINER_PORT", ""), null);
        assertThat(settings.find(CONTAINER_PORT)).isEmpty();
        assertThat(settings.get(CONTAINER_PORT)).isEqualTo(8000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "backendconfig.provders | system property backendconfig.provders: unknown setting 'backendconfig.provders';"
                + " did you mean 'backendconfig.providers'?",
        "backendconfig.docker.servce | system property backendconfig.docker.servce: unknown setting"
                + " 'backendconfig.docker.servce'; did you mean 'backendconfig.docker.service'?",
        "backendconfig.colour | system property backendconfig.colour: unknown setting 'backendconfig.colour'"
                + " (every setting is listed in docs/settings.md, and by 'explain --help')",
        // probe.* is the core's own namespace (probe.timeout), not a provider that is missing
        "backendconfig.probe.zzzzzzzz | system property backendconfig.probe.zzzzzzzz: unknown setting"
                + " 'backendconfig.probe.zzzzzzzz' (every setting is listed in docs/settings.md, and by 'explain --help')",
        // a provider's key with one part too many is not a per-service key
        "backendconfig.docker.service.name | system property backendconfig.docker.service.name: unknown setting"
                + " 'backendconfig.docker.service.name' (every setting is listed in docs/settings.md, and by 'explain --help')",
        // a key that starts with a dot has no namespace, so no provider is missing
        "backendconfig..zzzzzzzz | system property backendconfig..zzzzzzzz: unknown setting"
                + " 'backendconfig..zzzzzzzz' (every setting is listed in docs/settings.md, and by 'explain --help')",
    })
    void anUnknownSystemPropertyIsAnErrorWithTheNearestKey(String property, String message) {
        Settings settings = Settings.load(Map.of(property, "x"), Map.of(), null);
        assertThatThrownBy(() -> SettingValues.of(settings).validate(KNOWN, PROVIDERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anUnknownVariableIsAnErrorWithTheNearestVariable() {
        Settings settings = Settings.load(Map.of(), Map.of("BACKENDCONFIG_DOCKER_SERVCE", "backend"), null);
        assertThatThrownBy(() -> SettingValues.of(settings).validate(KNOWN, PROVIDERS))
                .hasMessageStartingWith("variable BACKENDCONFIG_DOCKER_SERVCE: unknown setting"
                        + " 'BACKENDCONFIG_DOCKER_SERVCE'; did you mean 'BACKENDCONFIG_DOCKER_SERVICE'?");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "system property | backendconfig.docker.service | system property backendconfig.docker.service: setting"
                + " 'backendconfig.docker.service' has no effect: no provider 'docker' is on the classpath (loaded:"
                + " env); add the module that provides it as a test dependency, or remove the setting",
        "variable | BACKENDCONFIG_STAGING_ENV_FILE | variable BACKENDCONFIG_STAGING_ENV_FILE: setting"
                + " 'BACKENDCONFIG_STAGING_ENV_FILE' has no effect: no provider 'staging' is on the classpath (loaded:"
                + " env); add the module that provides it as a test dependency, or remove the setting",
    })
    void aKeyOfAProviderThatIsNotLoadedSaysSoWithoutTheCoreKnowingItsKeys(String kind, String name, String message) {
        Settings settings = kind.equals("variable") ? Settings.load(Map.of(), Map.of(name, "x"), null)
                : Settings.load(Map.of(name, "x"), Map.of(), null);
        List<Setting<?>> envOnly = List.of(CoreSettings.PROVIDERS, CoreSettings.TIMEOUT, URL_SETTING, URL_VARIABLES);
        assertThatThrownBy(() -> SettingValues.of(settings).validate(envOnly, List.of("env")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void aKeyOfAProviderThatIsNotLoadedSaysNoneIsLoadedWhenNoneIs() {
        Settings settings = Settings.load(Map.of("backendconfig.docker.service", "x"), Map.of(), null);
        assertThatThrownBy(() -> SettingValues.of(settings).validate(List.of(CoreSettings.PROVIDERS), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("system property backendconfig.docker.service: setting 'backendconfig.docker.service' has"
                        + " no effect: no provider 'docker' is on the classpath (loaded: none); add the module that"
                        + " provides it as a test dependency, or remove the setting");
    }

    @Test
    void aTypoOfALoadedProvidersKeyIsStillADidYouMean() {
        Settings settings = Settings.load(Map.of("backendconfig.dokcer.service", "x"), Map.of(), null);
        assertThatThrownBy(() -> SettingValues.of(settings).validate(KNOWN, PROVIDERS))
                .hasMessageStartingWith("system property backendconfig.dokcer.service: unknown setting"
                        + " 'backendconfig.dokcer.service'; did you mean 'backendconfig.docker.service'?");
    }

    @Test
    void anErrorInTheBuiltResourceNamesTheSourceFileTheUserEdits() throws IOException {
        Path module = directory.resolve("module");
        Path source = Files.createDirectories(module.resolve("src/test/resources")).resolve(Settings.RESOURCE);
        Path copy = Files.createDirectories(module.resolve("target/test-classes")).resolve(Settings.RESOURCE);
        Files.writeString(source, "providers=env\ndocker.servce=api\n");
        Files.copy(source, copy);
        ClassLoader loader = new URLClassLoader(new URL[] {copy.getParent().toUri().toURL()}, null);
        Settings settings = Settings.load(Map.of(), Map.of(), loader);
        assertThatThrownBy(() -> SettingValues.of(settings).validate(KNOWN, PROVIDERS))
                .hasMessageStartingWith(source + ":2: unknown setting 'docker.servce'; did you mean 'docker.service'?");
        Files.writeString(source, "# edited since the last build\nproviders=env\ndocker.servce=api\n");
        Settings stale = Settings.load(Map.of(), Map.of(), loader);
        assertThatThrownBy(() -> SettingValues.of(stale).validate(KNOWN, PROVIDERS))
                .hasMessageStartingWith(copy + ":2: unknown setting 'docker.servce'");
    }

    @Test
    void anUnknownKeyInTheResourceNamesFileAndLine() throws IOException {
        Settings settings = Settings.load(Map.of(), Map.of(),
                resourceWith("# project settings\nproviders=env\nbackendconfig.docker.service=backend\n"));
        assertThatThrownBy(() -> SettingValues.of(settings).validate(KNOWN, PROVIDERS))
                .hasMessageContaining(Settings.RESOURCE + ":3: unknown setting 'backendconfig.docker.service';"
                        + " write it without the 'backendconfig.' prefix");
    }

    @Test
    void aCustomProvidersSettingIsKnownOnceDeclared() {
        Setting<String> region = Setting.text("acme.region", "eu", "Region of the acme backend.");
        Settings settings = Settings.load(Map.of("backendconfig.acme.region", "us"), Map.of(), null);
        SettingValues.of(settings).validate(List.of(region), List.of("acme"));
        assertThat(settings.get(region)).isEqualTo("us");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "docker.container-port | abc | setting docker.container-port expects a whole number from 1 to 65535, got a"
                + " value that is not a whole number",
        "docker.container-port | 70000 | setting docker.container-port expects a whole number from 1 to 65535, got a"
                + " number outside that range",
        "timeout | 90 | setting timeout expects a duration such as 500ms, 2s or 1m, at most 24h, got a number without a unit (add ms, s or m)",
        "timeout | soon | setting timeout expects a duration such as 500ms, 2s or 1m, at most 24h, got a value that is not a duration",
        "timeout | 999999999h | setting timeout expects a duration such as 500ms, 2s or 1m, at most 24h, got a duration longer than the maximum of 24h",
        "timeout | PT9999999999999999H | setting timeout expects a duration such as 500ms, 2s or 1m, at most 24h, got a value that is not a duration",
        "probe | ping | setting probe expects one of none, tcp, http, websocket, got a value that is not one of them",
        "probe | htpp | setting probe expects one of none, tcp, http, websocket, got a value that is not one of them; did you mean 'http'?",
        "staging.enabled | yes | setting staging.enabled expects true or false, got a value that is neither",
        "docker.container-port | hunter2 | setting docker.container-port expects a whole number from 1 to 65535, got a"
                + " value that is not a whole number",
        "timeout | hunter2 | setting timeout expects a duration such as 500ms, 2s or 1m, at most 24h, got a value that is not a duration",
    })
    void aValueOfTheWrongTypeNamesItsSourceAndWhatIsValidNeverTheValue(String key, String value, String problem) {
        Settings settings = Settings.load(Map.of("backendconfig." + key, value), Map.of(), null);
        assertThatThrownBy(() -> SettingValues.of(settings).validate(KNOWN, PROVIDERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("system property backendconfig." + key + ": " + problem)
                .hasMessageNotContaining("'" + value + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, 500", "2s, 2000", "1m, 60000", "PT1.5S, 1500", "1h, 3600000"})
    void durationsTakeAUnitOrIsoForm(String raw, long millis) {
        Settings settings = Settings.empty().withOverrides(Map.of("timeout", raw), "test");
        assertThat(settings.get(CoreSettings.TIMEOUT)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void listsAreTrimmedAndDropBlankEntries() {
        Settings settings = Settings.empty().withOverrides(Map.of("env.url-variables", " E2E_BACKEND_URL , ,NETRA_BACKEND_URL"), "test");
        assertThat(settings.get(URL_VARIABLES)).containsExactly("E2E_BACKEND_URL", "NETRA_BACKEND_URL");
    }

    @Test
    void aSettingWithoutDefaultMustBeReadWithFind() {
        assertThatThrownBy(() -> Settings.empty().get(SERVICE))
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
        assertThat(settings.find(SERVICE)).contains("first");
        assertThat(SettingValues.of(settings).notes()).singleElement().asString()
                .startsWith("classpath resource backend-config.properties also found at file:")
                .contains("/b/backend-config.properties; only the first, file:")
                .endsWith("/a/backend-config.properties, is read");
    }

    @Test
    void aMalformedResourceIsAnErrorNamingIt() throws IOException {
        assertThatThrownBy(() -> Settings.load(Map.of(), Map.of(), resourceWith("docker.service=\\uZZZZ\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(Settings.RESOURCE + ": is not a valid properties file (Malformed \\uxxxx encoding.)");
    }

    @Test
    void keysMustBeLowerCaseWords() {
        assertThatThrownBy(() -> Setting.text("Docker.Service", null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting key 'Docker.Service' must be lower-case words separated by '.' or '-',"
                        + " such as acme.container-port");
    }
}
