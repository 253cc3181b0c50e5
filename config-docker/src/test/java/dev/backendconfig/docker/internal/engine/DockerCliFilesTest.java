package dev.backendconfig.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker CLI's config.json and a context's meta.json that are not regular files, or too large: refused at once. */
class DockerCliFilesTest {

    private static final Duration DOES_NOT_HANG = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private EngineLocator.Located locate(Map<String, String> environment) {
        return assertTimeoutPreemptively(DOES_NOT_HANG, () -> EngineLocatorTest.locate(ResolutionContext.builder()
                .environment(environment).systemProperties(Map.of("user.home", home.toString())).build(),
                LocalSockets.only(home.resolve("no-default.sock"))));
    }

    private Path meta(String context) throws NoSuchAlgorithmException {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(context.getBytes(StandardCharsets.UTF_8)));
        return home.resolve(".docker/contexts/meta/" + digest + "/meta.json");
    }

    @Test
    void aConfigJsonThatIsANamedPipeIsRefusedWithoutBlocking() throws IOException {
        Path config = SpecialFiles.fifo(home.resolve(".docker/config.json"));
        assertThatThrownBy(() -> locate(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(config + ": is a named pipe (FIFO), not a regular file; expected a JSON file of"
                        + " the docker CLI");
    }

    @Test
    void aConfigJsonThatLinksToADeviceIsRefused() throws IOException {
        Path config = SpecialFiles.link(home.resolve(".docker/config.json"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> locate(Map.of())).hasMessageStartingWith(config + ": is a character device, not a"
                + " regular file");
    }

    @Test
    void aContextsMetaFileThatIsANamedPipeIsRefusedWithoutBlocking() throws Exception {
        Path meta = SpecialFiles.fifo(meta("colima"));
        assertThatThrownBy(() -> locate(Map.of("DOCKER_CONTEXT", "colima")))
                .hasMessageStartingWith(meta + ": is a named pipe (FIFO), not a regular file");
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"colima\"}");
        assertThatThrownBy(() -> locate(Map.of())).hasMessageStartingWith(meta + ": is a named pipe (FIFO)");
    }

    @Test
    void aConfigJsonOverOneMebibyteIsRefused() throws IOException {
        Path config = SpecialFiles.sparse(home.resolve(".docker/config.json"), 64L * 1024 * 1024);
        assertThatThrownBy(() -> locate(Map.of())).hasMessage(config + ": is 67108864 bytes, larger than the limit of"
                + " 1048576 bytes (not configurable: the docker CLI's config.json and a context's meta.json hold a few"
                + " settings)");
    }
}
