package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingNamesTest {

    @Test
    void aKeysVariableIsThePrefixAndTheKeyUpperCasedWithDotsAndDashesAsUnderscores() {
        assertThat(SettingNames.variable("docker.wait-healthy")).isEqualTo("BACKENDCONFIG_DOCKER_WAIT_HEALTHY");
        assertThat(SettingNames.variable("services.auth.docker.service"))
                .isEqualTo("BACKENDCONFIG_SERVICES_AUTH_DOCKER_SERVICE");
    }

    @Test
    void aKeptNameIsTheSameNameAskedAgain() {
        String first = SettingNames.variable("staging.file-name");
        assertThat(SettingNames.variable("staging.file-name")).isEqualTo(first)
                .isEqualTo("BACKENDCONFIG_STAGING_FILE_NAME");
    }

    @Test
    void keysThatDifferOnlyInTheirLastCharacterKeepTheirOwnNames() {
        String a = "services.a-long-service-name.docker.container-port";
        String b = "services.a-long-service-name.docker.container-ports";
        assertThat(SettingNames.variable(a)).isEqualTo("BACKENDCONFIG_SERVICES_A_LONG_SERVICE_NAME_DOCKER_CONTAINER_PORT");
        assertThat(SettingNames.variable(b)).isEqualTo("BACKENDCONFIG_SERVICES_A_LONG_SERVICE_NAME_DOCKER_CONTAINER_PORTS");
        assertThat(SettingNames.variable(a)).isEqualTo("BACKENDCONFIG_SERVICES_A_LONG_SERVICE_NAME_DOCKER_CONTAINER_PORT");
    }

    @Test
    void pastTheBoundNamesAreStillWrittenRightAndNoMoreAreKept() {
        for (int i = 0; i < SettingNames.KEPT + 50; i++) {
            assertThat(SettingNames.variable("services.s" + i + ".docker.container-port"))
                    .isEqualTo("BACKENDCONFIG_SERVICES_S" + i + "_DOCKER_CONTAINER_PORT");
        }
        for (int i = 0; i < SettingNames.KEPT + 50; i++) {
            assertThat(SettingNames.variable("services.s" + i + ".docker.container-port"))
                    .isEqualTo("BACKENDCONFIG_SERVICES_S" + i + "_DOCKER_CONTAINER_PORT");
        }
        assertThat(SettingNames.kept()).isLessThanOrEqualTo(SettingNames.KEPT);
    }
}
