package dev.backendconfig.cli;

import dev.backendconfig.api.spi.RunScope;
import dev.backendconfig.toolkit.OutsideText;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command line's guard against code that ends the JVM before the command has answered — a provider on
 * {@code --classpath} calling {@code System.exit(0)} would otherwise read as a success with nothing printed. A shutdown
 * hook, added before any user code is loaded, tells who is ending the JVM from the threads' stacks: a
 * {@code System.exit} or {@code Runtime.exit} before the command {@linkplain #answered(int) answered} prints one line
 * naming the caller and ends the JVM with {@link Explain#ENDED_EARLY}; one after the answer (a provider's thread still
 * running) ends it with the answer's code; the command's own exit, and a signal ({@code kill}, Ctrl-C), keep their
 * codes. Before it halts, the JVM's {@link RunScope} is released (a stack started by {@code wait} is stopped as after
 * any run); other code's shutdown hooks may be cut short.
 *
 * <p>{@code Runtime.halt} cannot be seen: it ends the JVM at once, with no hook run, and with the caller's code.
 */
final class EarlyExitGuard implements Runnable {

    private static final int NOT_YET = -1;

    private final String command;
    private final PrintStream err;
    private final Thread main;
    private final AtomicInteger answer = new AtomicInteger(NOT_YET);

    private EarlyExitGuard(String command, PrintStream err, Thread main) {
        this.command = command;
        this.err = err;
        this.main = main;
    }

    /** Add the guard for {@code command} (its word in messages), run by the current thread, as a shutdown hook. */
    static EarlyExitGuard install(String command, PrintStream err) {
        EarlyExitGuard guard = new EarlyExitGuard(command, err, Thread.currentThread());
        // the guard is the hook's task (a class, not a method reference: no lambda in the command's start)
        Runtime.getRuntime().addShutdownHook(new Thread(guard, "backend-config-exit-guard"));
        return guard;
    }

    /** Say that the command has printed its answer and ends with {@code exitCode}: an exit from now on is not early. */
    void answered(int exitCode) {
        answer.set(exitCode);
    }

    /** The shutdown hook's task. */
    @Override
    public void run() {
        Optional<Exiting> exiting = exiting(Thread.getAllStackTraces());
        if (exiting.isEmpty() || exiting.get().thread() == main && answer.get() != NOT_YET) {
            return; // a signal, or the command's own exit: the code stands
        }
        int code = answer.get();
        if (code == NOT_YET) {
            err.println(command + ": a provider ended the process (" + exiting.get().describe() + ") before"
                    + " backend-config answered, so nothing was printed; remove the call, or leave its provider out with"
                    + " setting providers (exit " + Explain.ENDED_EARLY + ")");
            err.flush();
            code = Explain.ENDED_EARLY;
        }
        RunScope.jvm().close();
        Runtime.getRuntime().halt(code);
    }

    /** Return the thread inside {@code Runtime.exit} (which {@code System.exit} calls), and who called it. */
    static Optional<Exiting> exiting(Map<Thread, StackTraceElement[]> stacks) {
        for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
            StackTraceElement[] frames = entry.getValue();
            for (int i = 0; i < frames.length; i++) {
                if (isRuntimeExit(frames[i])) {
                    boolean viaSystem = i + 1 < frames.length && frames[i + 1].getClassName().equals("java.lang.System")
                            && frames[i + 1].getMethodName().equals("exit");
                    int caller = viaSystem ? i + 2 : i + 1;
                    return Optional.of(new Exiting(entry.getKey(), viaSystem ? "System.exit" : "Runtime.exit",
                            caller < frames.length ? Optional.of(frames[caller]) : Optional.empty()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isRuntimeExit(StackTraceElement frame) {
        return frame.getClassName().equals("java.lang.Runtime") && frame.getMethodName().equals("exit");
    }

    /** A thread ending the JVM: by which call, from which frame. */
    record Exiting(Thread thread, String call, Optional<StackTraceElement> caller) {

        /** Return the call and its caller as a message says them: {@code System.exit called in com.example.P.resolve}. */
        String describe() {
            if (caller.isEmpty()) {
                return call;
            }
            StackTraceElement frame = caller.get();
            return call + " called in " + OutsideText.excerpt(frame.getClassName() + "." + frame.getMethodName(), 160);
        }
    }
}
