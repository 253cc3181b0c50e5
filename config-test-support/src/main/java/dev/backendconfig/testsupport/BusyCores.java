package dev.backendconfig.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes that keep every core of this machine busy, as a loaded CI machine is: {@code sha256sum /dev/zero}, one
 * more than there are cores, each ended (and reaped) when this is closed. Tests use it to prove that a bound's default
 * tells a slow peer from an absent one.
 */
public final class BusyCores implements AutoCloseable {

    private final List<Process> processes;

    private BusyCores(List<Process> processes) {
        this.processes = processes;
    }

    /** Start one busy process more than this machine has cores. */
    public static BusyCores start() throws IOException {
        return start(Runtime.getRuntime().availableProcessors() + 1);
    }

    /** Start {@code count} busy processes. */
    public static BusyCores start(int count) throws IOException {
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                processes.add(new ProcessBuilder("sha256sum", "/dev/zero").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
        } catch (IOException e) {
            new BusyCores(processes).close();
            throw e;
        }
        return new BusyCores(processes);
    }

    /** Return how many busy processes run. */
    public int count() {
        return (int) processes.stream().filter(Process::isAlive).count();
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
