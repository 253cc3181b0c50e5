package dev.backendconfig.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Run {@link WarmResolution} with JMH: {@code bench.jmh.forks} forks (default 2), each with {@code bench.jmh.warmups}
 * two-second warm-up iterations (default 10: on two busy cores a docker resolution reached its steady time only after
 * 12-15 s; three one-second iterations measured its first thousand calls, still being compiled, at 2.4 times that, and
 * docker-java's list at 2.3 times) and {@code bench.jmh.iterations} one-second measured ones (default 5), and the GC
 * profiler for the bytes allocated per operation.
 */
final class WarmJmh {

    /**
     * One benchmark's figures.
     *
     * @param micros the mean time per operation, in microseconds
     * @param error the half-width of its 99.9% confidence interval, in microseconds
     * @param bytes the bytes allocated per operation ({@code gc.alloc.rate.norm}), or -1 when not measured
     */
    record Figure(double micros, double error, double bytes) {
    }

    private WarmJmh() {
    }

    /** Run every benchmark of {@link WarmResolution}; return the figures by method name. */
    static Map<String, Figure> run(String project) throws RunnerException {
        Options options = new OptionsBuilder().include(WarmResolution.class.getName() + "\\.")
                .param("project", project)
                .forks(Integer.getInteger("bench.jmh.forks", 2))
                .warmupIterations(Integer.getInteger("bench.jmh.warmups", 10)).warmupTime(TimeValue.seconds(2))
                .measurementIterations(Integer.getInteger("bench.jmh.iterations", 5))
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx512m")
                .addProfiler(GCProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            Result<?> primary = result.getPrimaryResult();
            Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
            figures.put(name, new Figure(primary.getScore(), primary.getScoreError(),
                    allocation == null ? -1 : allocation.getScore()));
        }
        return figures;
    }
}
