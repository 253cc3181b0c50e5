package dev.backendconfig.bench;

import dev.backendconfig.api.TestContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Child JVM (run with {@code -XX:+UseSerialGC}): the heap a first {@code TestContext.get()} leaves behind — used heap
 * after full collections, after the call less before it. What stays is the context's answer and report, and whatever
 * the classes it loaded keep in static fields. Settings come from {@code -Dbackendconfig.*}.
 */
public final class RetainedHeap {

    private RetainedHeap() {
    }

    public static void main(String[] arguments) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = used(memory);
        TestContext context = TestContext.get();
        long after = used(memory);
        System.out.println("result retained " + (after - before));
        System.out.println("result source " + context.endpoint().source());
        System.exit(0);
    }

    private static long used(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
