package dev.backendconfig.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What a command run as a process gave: its exit code, standard output and standard error, read once it ended. */
record ProcessOutcome(int exit, String out, String err) {

    /** Run the command, its output through files in {@code scratch}; fail when it has not ended within 60 s. */
    static ProcessOutcome of(ProcessBuilder builder, Path scratch) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(builder.command().get(0) + " did not finish within 60 s");
        }
        return new ProcessOutcome(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }
}
