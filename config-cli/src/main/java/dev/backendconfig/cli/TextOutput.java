package dev.backendconfig.cli;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.ServiceNotFoundException;
import dev.backendconfig.toolkit.Secrets;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** The report as a person reads it; on a failure, the same text goes to standard error in every format. */
final class TextOutput implements Output {

    @Override
    public void found(Answer answer, PrintStream out) {
        out.print(text(answer));
    }

    @Override
    public void notFound(ServiceNotFoundException failure, ProjectRoot project, PrintStream out) {
        // the report goes to stderr: standard output holds an answer only
    }

    @Override
    public void stopped(BackendConfigException failure, ProjectRoot project, PrintStream out) {
        // the report goes to stderr: standard output holds an answer only
    }

    /** Return the report of an answer, the project it was resolved for, and every probe made. */
    static String text(Answer answer) {
        StringBuilder text = new StringBuilder(answer.resolution().report().render());
        text.append(projectLine(answer.project()));
        if (answer.check() instanceof Answer.Probed probed) {
            text.append("probe: ").append(probed.result().description()).append('\n');
        } else if (answer.check() instanceof Answer.Waited waited) {
            waited.services().forEach((service, wait) -> text.append("probe: ").append(service).append(": ")
                    .append(wait.last().description()).append(wait.last().ready() ? " (ready after "
                            + seconds(wait.at()) + ")" : " (not ready)").append('\n'));
        }
        return text.toString();
    }

    /** Return the text standard error gets when nothing was found: the report, what to do next, and the project. */
    static String failure(ServiceNotFoundException failure, ProjectRoot project) {
        return withNewline(failure.getMessage()) + projectLine(project);
    }

    /**
     * Return the text standard error gets when the resolution stopped: the report up to the provider that stopped it
     * (when one did), and the project; the error itself follows on the command's last line.
     */
    static String failure(BackendConfigException failure, ProjectRoot project) {
        return (failure.report().lines().isEmpty() ? "" : failure.report().render()) + projectLine(project);
    }

    static String projectLine(ProjectRoot project) {
        return "project: " + Secrets.maskText(project.describe()) + "\n";
    }

    /** Return a duration as seconds with one decimal: {@code 2.4 s}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String withNewline(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
