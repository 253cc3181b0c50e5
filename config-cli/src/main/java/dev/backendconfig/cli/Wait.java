package dev.backendconfig.cli;

import dev.backendconfig.api.ProbeKind;
import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.ResolutionReport;
import dev.backendconfig.api.ServiceEndpoint;
import dev.backendconfig.api.spi.ProbeResult;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.api.spi.Service;
import dev.backendconfig.toolkit.Deadline;
import dev.backendconfig.toolkit.Suggestions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code wait}: resolve, then probe each service waited for until it answers, or until {@code --timeout} (counted from
 * the command's start, the resolution included) runs out. Every probe runs on the calling thread, bounded by setting
 * {@code probe.timeout} and by what is left (none starts with less than {@link #LEAST_FOR_A_PROBE} left); between rounds
 * it pauses {@link #PAUSE}. A progress line goes to standard
 * error at most once a second. No thread is started, so none can outlive the command.
 */
final class Wait {

    /** The pause between two rounds of probes. */
    static final Duration PAUSE = Duration.ofMillis(250);
    /** The least time left worth starting a probe in. */
    static final Duration LEAST_FOR_A_PROBE = Duration.ofMillis(100);
    /** The least time between two progress lines. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final Run run;
    private final Options options;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private final Deadline deadline;

    Wait(Run run, Options options, PrintStream err) {
        this.run = run;
        this.options = options;
        this.err = err;
        this.deadline = Deadline.after(options.timeout());
    }

    int run() {
        return run.resolve(this::withinTimeout, (context, resolution) -> {
            List<String> names = options.waitFor().isEmpty() ? List.copyOf(resolution.services().keySet())
                    : options.waitFor();
            for (String name : names) {
                if (!resolution.isDeclared(name)) {
                    err.println("wait: --service " + name + ": not a declared service (declared: "
                            + declared(resolution) + ")" + Suggestions.nearest(name, resolution.declared().stream()
                                    .map(Service::name).toList()).map(near -> "; did you mean " + near + "?").orElse("")
                            + "; declare it with setting services, for example --set services=" + name);
                    return Explain.USAGE;
                }
            }
            List<String> missing = names.stream().filter(name -> resolution.findService(name).isEmpty()).toList();
            if (!missing.isEmpty()) {
                return missing(resolution, names, missing);
            }
            return waitFor(context, resolution, names);
        });
    }

    /**
     * Cut the resolution's time budget (setting {@code timeout}) to {@code --timeout} when it is longer, so that the
     * command as a whole never takes longer than {@code --timeout}.
     */
    private ResolutionContext withinTimeout(ResolutionContext context) {
        if (context.remaining().compareTo(deadline.remaining()) <= 0) {
            return context;
        }
        return context.withSettings(context.settings().withOverrides(Map.of("timeout", options.timeout().toMillis()
                + "ms"), "wait --timeout"));
    }

    private int waitFor(ResolutionContext resolved, Resolution resolution, List<String> names) {
        // a budget of exactly what is left, so that the last probe is cut to the deadline and no earlier
        ResolutionContext context = resolved.withSettings(resolved.settings().withOverrides(Map.of("timeout",
                Math.max(1, deadline.remaining().toMillis()) + "ms"), "wait --timeout"));
        ProbeKind kind = options.probe().orElse(ProbeKind.HTTP);
        Map<String, Answer.ServiceWait> last = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(names);
        long lastProgress = start;
        while (!pending.isEmpty() && timeLeft(context)) {
            for (Iterator<String> it = pending.iterator(); it.hasNext() && timeLeft(context); ) {
                String name = it.next();
                ProbeResult result = context.probe(resolution.service(name), kind, options.path());
                if (result.ready()) {
                    it.remove();
                } else if (!timeLeft(context) && last.containsKey(name)) {
                    break; // the time ran out during this probe: it was cut short, and the last full answer stands
                }
                last.put(name, new Answer.ServiceWait(result, since(start)));
            }
            if (pending.isEmpty() || !timeLeft(context)) {
                break;
            }
            if (System.nanoTime() - lastProgress >= PROGRESS_EVERY.toNanos()) {
                err.println(progress(last, pending));
                lastProgress = System.nanoTime();
            }
            if (!pause()) {
                break;
            }
        }
        for (String name : names) {
            last.putIfAbsent(name, new Answer.ServiceWait(new ProbeResult(false, "not probed: --timeout ran out"
                    + " before its turn", Duration.ZERO), since(start)));
        }
        boolean ready = pending.isEmpty();
        if (!ready) {
            // no probe worth making fitted in what was left (under LEAST_FOR_A_PROBE): wait it out, so that "not
            // ready within --timeout" is true to the millisecond and a script's retry never comes early
            sleepOut();
        }
        Answer.Waited waited = new Answer.Waited(ready, since(start), options.timeout(), last);
        if (ready) {
            err.println("wait: ready after " + TextOutput.seconds(waited.elapsed()) + ": " + String.join(", ", names));
        }
        return run.answer(new Answer(resolution, run.project(), waited), () -> "not ready within "
                + TextOutput.seconds(options.timeout()) + ": " + pending.stream().map(name -> name + " ("
                        + last.get(name).last().description() + ")").collect(Collectors.joining("; ")));
    }

    /** A service waited for was not found (an optional one): it cannot answer, so the command stops at once. */
    private int missing(Resolution resolution, List<String> names, List<String> missing) {
        Map<String, Answer.ServiceWait> last = new LinkedHashMap<>();
        for (String name : names) {
            String why = missing.contains(name) ? "not found: " + reason(resolution.report(), name)
                    : "not probed: another service waited for was not found";
            last.put(name, new Answer.ServiceWait(new ProbeResult(false, why, Duration.ZERO), since(start)));
        }
        Answer.Waited waited = new Answer.Waited(false, since(start), options.timeout(), last);
        return run.answer(new Answer(resolution, run.project(), waited), () -> "optional service"
                + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + (missing.size() > 1 ? " were" : " was")
                + " not found, so wait cannot wait for " + (missing.size() > 1 ? "them" : "it")
                + " (the report says why; leave out --service, or make it required)");
    }

    /** Return why the provider that answered did not find a service, as its report line says. */
    private static String reason(ResolutionReport report, String service) {
        String source = Optional.ofNullable(report.services().get(Service.BACKEND)).map(ServiceEndpoint::source)
                .orElse("");
        return report.line(source).flatMap(line -> line.services().stream()
                .filter(answer -> answer.service().equals(service)).findFirst())
                .map(ResolutionReport.ServiceLine::reason).orElse("the report says why");
    }

    private String progress(Map<String, Answer.ServiceWait> last, Set<String> pending) {
        List<String> ready = new ArrayList<>(last.keySet());
        ready.removeAll(pending);
        return "wait: " + TextOutput.seconds(since(start)) + " of " + TextOutput.seconds(options.timeout())
                + ": waiting for " + pending.stream().map(name -> name + " (" + last.get(name).last().description()
                        + ")").collect(Collectors.joining(", ")) + (ready.isEmpty() ? "" : "; ready: "
                                + String.join(", ", ready));
    }

    /**
     * Tell whether enough time is left for a probe worth making: a probe cut to a few milliseconds says nothing about
     * the service ("no answer within 0 ms") and would hide the last real answer.
     */
    private static boolean timeLeft(ResolutionContext context) {
        return context.remaining().compareTo(LEAST_FOR_A_PROBE) >= 0;
    }

    /** Pause between rounds, never past the deadline; false when interrupted (the flag is kept for the caller). */
    private boolean pause() {
        try {
            Thread.sleep(Math.max(1, deadline.bound(PAUSE).toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sleep what is left of {@code --timeout} (never more than {@link #LEAST_FOR_A_PROBE}); keep an interrupt. */
    private void sleepOut() {
        long left = deadline.bound(LEAST_FOR_A_PROBE).toNanos();
        if (left <= 0 || Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String declared(Resolution resolution) {
        return resolution.declared().stream().map(Service::name).collect(Collectors.joining(", "));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
