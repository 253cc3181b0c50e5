package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.api.spi.Setting;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A name set is known when a loaded module declares it, as a key or as its variable; else it is refused. */
class UnknownSettingsTest {

    private final List<Setting<?>> known = List.of(CoreSettings.TIMEOUT, CoreSettings.PROBE_HTTP_PATH,
            Setting.text("docker.service", "", "the backend's compose service"));
    private final UnknownSettings unknown = new UnknownSettings(known, List.of("docker", "env"));
    private final SettingSource variables = SettingSource.variables(Map.of());
    private final SettingSource overrides = SettingSource.overrides(Map.of(), "code");

    @Test
    void aDeclaredKeyOrItsVariableIsKnown() {
        assertThatCode(() -> unknown.check(overrides, "probe.http-path", Origin.other("code")))
                .doesNotThrowAnyException();
        assertThatCode(() -> unknown.check(variables, "BACKENDCONFIG_PROBE_HTTP_PATH",
                Origin.variable("BACKENDCONFIG_PROBE_HTTP_PATH"))).doesNotThrowAnyException();
        assertThatCode(() -> unknown.check(variables, "BACKENDCONFIG_DOCKER_SERVICE",
                Origin.variable("BACKENDCONFIG_DOCKER_SERVICE"))).doesNotThrowAnyException();
    }

    @Test
    void aKeyWrittenAsAVariableOrAVariableWrittenAsAKeyIsUnknown() {
        assertThatThrownBy(() -> unknown.check(overrides, "BACKENDCONFIG_PROBE_HTTP_PATH", Origin.other("code")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> unknown.check(variables, "probe.http-path", Origin.other("variable")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown setting");
    }

    @Test
    void aMisspeltNameIsRefusedWithTheNearestKnownOne() {
        assertThatThrownBy(() -> unknown.check(variables, "BACKENDCONFIG_PROBE_HTTP_PAT",
                Origin.variable("BACKENDCONFIG_PROBE_HTTP_PAT"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("did you mean 'BACKENDCONFIG_PROBE_HTTP_PATH'?");
        assertThatThrownBy(() -> unknown.check(overrides, "docker.servce", Origin.other("code")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("did you mean 'docker.service'?");
        assertThatThrownBy(() -> unknown.check(overrides, "kubernetes.namespace", Origin.other("code")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no provider 'kubernetes' is on the classpath (loaded: docker, env)");
    }
}
