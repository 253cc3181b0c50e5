package dev.backendconfig.cli;

import dev.backendconfig.api.Resolution;
import dev.backendconfig.api.spi.ProbeResult;
import java.time.Duration;
import java.util.Map;

/**
 * What a command found, for its output: the resolution, the project it was resolved for, and what was probed.
 *
 * @param resolution the services found
 * @param project the project the command resolved for
 * @param check what was probed after the resolution
 */
record Answer(Resolution resolution, ProjectRoot project, Check check) {

    /** Tell whether every probe made answered (true when none was made). */
    boolean ready() {
        if (check instanceof Probed probed) {
            return probed.result().ready();
        }
        return !(check instanceof Waited waited) || waited.ready();
    }

    /** What was probed after the resolution. */
    sealed interface Check permits NotChecked, Probed, Waited {
    }

    /** Nothing was probed. */
    record NotChecked() implements Check {
    }

    /**
     * explain's {@code --probe} of the backend.
     *
     * @param result what the probe found
     */
    record Probed(ProbeResult result) implements Check {
    }

    /**
     * What wait found.
     *
     * @param ready whether every service waited for answered in time
     * @param elapsed how long the command took, resolution included
     * @param timeout the bound it had ({@code --timeout})
     * @param services each service waited for, in the order they were named, with its last probe
     */
    record Waited(boolean ready, Duration elapsed, Duration timeout, Map<String, ServiceWait> services)
            implements Check {
    }

    /**
     * One service waited for.
     *
     * @param last its last probe: the one that answered, or the last that did not
     * @param at when that probe ended, counted from the command's start
     */
    record ServiceWait(ProbeResult last, Duration at) {
    }
}
