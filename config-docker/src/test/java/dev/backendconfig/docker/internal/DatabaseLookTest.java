package dev.backendconfig.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a compose service looks like a database, by its image's name or a well-known database port. */
class DatabaseLookTest {

    @Test
    void anImageIsKnownByItsLastPathSegmentWithoutTagOrDigestWhateverItsCase() {
        assertThat(DatabaseLook.imageName("docker.io/library/Postgres:16@sha256:abc")).isEqualTo("postgres");
        assertThat(DatabaseLook.imageName("postgres@sha256:abc")).isEqualTo("postgres");
        assertThat(DatabaseLook.imageName("registry:5000/team/redis")).isEqualTo("redis");
        assertThat(DatabaseLook.imageName("mongo")).isEqualTo("mongo");
        assertThat(DatabaseLook.imageName("")).isEmpty();
        // a reference with only a digest or a tag has no name
        assertThat(DatabaseLook.imageName("@sha256:abc")).isEmpty();
        assertThat(DatabaseLook.imageName("registry.test/:16")).isEmpty();
        assertThat(DatabaseLook.of("docker.io/library/Postgres:16", List.of())).contains("image"
                + " docker.io/library/Postgres:16");
    }

    @Test
    void anImageCalledServerIsADatabaseOnlyWhenItIsMicrosoftsSqlServer() {
        assertThat(DatabaseLook.of("mcr.microsoft.com/mssql/server:2022-latest", List.of()))
                .contains("image mcr.microsoft.com/mssql/server:2022-latest");
        assertThat(DatabaseLook.of("MCR.microsoft.com/MSSQL/server", List.of())).isPresent();
        assertThat(DatabaseLook.of("acme/server:1", List.of())).isEmpty();
    }

    @Test
    void otherwiseTheFirstWellKnownDatabasePortSaysWhichDatabaseItLooksLike() {
        assertThat(DatabaseLook.of("acme/api:1", List.of(8000, 6379, 5432))).contains("port 6379 (Redis)");
        assertThat(DatabaseLook.of("", List.of(3306))).contains("port 3306 (MySQL)");
        assertThat(DatabaseLook.of("acme/api:1", List.of(8000, 8080))).isEmpty();
        assertThat(DatabaseLook.of("postgres-exporter", List.of(9187))).isEmpty();
    }
}
