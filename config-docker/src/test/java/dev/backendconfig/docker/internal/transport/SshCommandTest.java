package dev.backendconfig.docker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ssh is run for an ssh:// engine: its command line, its connect timeout, and whether the program can run. */
class SshCommandTest {

    @TempDir
    Path directory;

    @Test
    void theConnectTimeoutIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(SshCommand.connectTimeoutSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(SshCommand.connectTimeoutSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(SshCommand.connectTimeoutSeconds(Duration.ofMillis(1000))).isEqualTo(1);
        assertThat(SshCommand.connectTimeoutSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(SshCommand.connectTimeoutSeconds(Duration.ofSeconds(30))).isEqualTo(30);
    }

    @Test
    void theCommandLineGivesUserAndPortOnlyWhenTheAddressHasThem() {
        SshCommand ssh = new SshCommand(List.of("ssh", "-F", "/etc/my_config"), Map.of());
        assertThat(ssh.commandLine(EngineAddress.ssh("me", "box", 2222, "test"), Duration.ofMillis(2500)))
                .containsExactly("ssh", "-F", "/etc/my_config", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3", "-T",
                        "-l", "me", "-p", "2222", "--", "box", "docker", "system", "dial-stdio");
        assertThat(ssh.commandLine(EngineAddress.ssh("", "box", 0, "test"), Duration.ofSeconds(1)))
                .containsExactly("ssh", "-F", "/etc/my_config", "-o", "BatchMode=yes", "-o", "ConnectTimeout=1", "-T",
                        "--", "box", "docker", "system", "dial-stdio");
        assertThat(ssh.commandLine(EngineAddress.ssh("", "box", 1, "test"), Duration.ofSeconds(1)))
                .containsSequence("-T", "-p", "1", "--", "box");
    }

    @Test
    void sshRunsUnderTheWatchdogShell() {
        SshCommand ssh = new SshCommand(List.of("ssh"), Map.of());
        List<String> expected = new ArrayList<>(List.of("/bin/sh", "-c", SshCommand.WATCHDOG, "backend-config-ssh"));
        expected.addAll(ssh.commandLine(EngineAddress.ssh("me", "box", 22, "test"), Duration.ofSeconds(5)));
        assertThat(ssh.processCommand(EngineAddress.ssh("me", "box", 22, "test"), Duration.ofSeconds(5)))
                .isEqualTo(expected);
    }

    private Path file(String name, String permissions) throws IOException {
        Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aProgramGivenByPathMustBeAnExecutableFile() throws IOException {
        Path runnable = file("my-ssh", "rwx------");
        assertThatCode(() -> new SshCommand(List.of(runnable.toString()), Map.of()).checkRunnable())
                .doesNotThrowAnyException();
        Path notExecutable = file("plain", "rw-------");
        assertThatThrownBy(() -> new SshCommand(List.of(notExecutable.toString()), Map.of()).checkRunnable())
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot run program \"" + notExecutable + "\": no such executable file");
        Path folder = Files.createDirectory(directory.resolve("folder"));
        assertThatThrownBy(() -> new SshCommand(List.of(folder.toString()), Map.of()).checkRunnable())
                .hasMessage("Cannot run program \"" + folder + "\": no such executable file");
        Path missing = directory.resolve("missing");
        assertThatThrownBy(() -> new SshCommand(List.of(missing.toString()), Map.of()).checkRunnable())
                .hasMessage("Cannot run program \"" + missing + "\": no such executable file");
    }

    @Test
    void aProgramGivenByNameIsLookedForInEachDirectoryOfThePath() throws IOException {
        Path first = Files.createDirectory(directory.resolve("first"));
        Path second = Files.createDirectory(directory.resolve("second"));
        Files.createDirectory(first.resolve("my-ssh"));
        Files.writeString(first.resolve("other"), "");
        Path program = Files.writeString(second.resolve("my-ssh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        String path = "::" + first + "::" + second + ":";
        assertThatCode(() -> new SshCommand(List.of("my-ssh"), Map.of("PATH", path)).checkRunnable())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new SshCommand(List.of("other"), Map.of("PATH", path)).checkRunnable())
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot run program \"other\": not found on PATH (" + path + ")");
        assertThatThrownBy(() -> new SshCommand(List.of("my-ssh"), Map.of()).checkRunnable())
                .hasMessage("Cannot run program \"my-ssh\": not found on PATH ()");
    }

    @Test
    void theCommandShowsItsProgramOnlyAndNeedsOne() {
        SshCommand ssh = new SshCommand(List.of("ssh", "-oPassword=pl4nted-s3cret"), Map.of("TOKEN", "pl4nted-s3cret"));
        assertThat(ssh).hasToString("SshCommand[ssh]");
        assertThatThrownBy(() -> new SshCommand(List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the ssh command needs a program");
        List<String> program = new ArrayList<>(List.of("ssh"));
        SshCommand copied = new SshCommand(program, Map.of());
        program.add("-v");
        assertThat(copied.program()).containsExactly("ssh");
    }
}
