package dev.backendconfig.cli;

import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.EndpointProvider;
import dev.backendconfig.api.spi.Setting;
import java.util.ArrayList;
import java.util.List;

/** The text of {@code --help}: options, the providers on the classpath, every setting, exit codes. */
final class Help {

    private Help() {
    }

    /** Return the text, listing the providers of {@code resolver} and every setting it knows. */
    static String text(ServiceResolver resolver) {
        StringBuilder text = new StringBuilder("""
                Usage: backend-config [explain] [options]
                       backend-config wait [--service NAME]... [--probe KIND] [--path /health] [--timeout 60s] [options]
                       backend-config up [--dir DIR] [--set key=value]... [--hold=DURATION]
                       backend-config down [--dir DIR]
                       (java -jar backend-config.jar ... without the launcher)

                explain (the default): resolve the services the way your tests will, and explain the choice.
                wait: resolve them, then wait until each answers; then print what explain prints.
                up: start what is missing of the stack (docker.start=if-missing) and hold it until down;
                down: release it: what up started is stopped (see docs/cli.md).

                The project is the directory --dir gives; else the nearest directory, from the current one up,
                holding pom.xml, build.gradle(.kts), settings.gradle(.kts), src/test/resources/
                backend-config.properties, a compose file or .git. The output names it.

                Options:
                  --dir DIR                           the project directory (default: found from the current
                                                      directory up); without --classpath, its src/test/resources/
                                                      backend-config.properties is read
                  --classpath PATH                    the project's test class path, entries separated by the path separator
                                                      as for java -cp (DIR/* for the jars in DIR): its providers,
                                                      their settings and its backend-config.properties count as in
                                                      its tests
                  --format text|env|json              text: the report (default); env: BACKEND_URL=, WEBSOCKET_URL=
                                                      and BACKEND_SOURCE= lines, shell-quoted; json: a document with
                                                      the endpoints and every provider's outcome
                  --export                            with --format=env: export NAME=... lines, for
                                                      out=$(backend-config --format=env --export) && eval "$out"
                  --details                           with --format=env or json: each service's details, SECRETS
                                                      INCLUDED (test credentials), for a step that needs them; never
                                                      log this output
                  --probe none|tcp|http|websocket     explain: check the backend answers (also sets setting probe);
                                                      wait: how to ask each service (default http)
                  --set key=value                     set a setting (repeatable), for example --set providers=env
                  --help                              this text

                Options of wait:
                  --service NAME                      a service to wait for (repeatable; default: every service found)
                  --path /PATH                        the path to ask (default: setting probe.http-path for http, the
                                                      WebSocket URL itself for websocket)
                  --timeout DURATION                  how long wait may take in all, resolution included, such as 60s
                                                      or 2m (default 60s); a progress line on stderr each second

                On success, standard output holds the answer. On a failure it holds nothing (the JSON format: a
                document saying what failed), and standard error holds the report and, last, what failed.

                Providers on the classpath:
                """);
        List<EndpointProvider> providers = new ArrayList<>(resolver.providers());
        providers.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
        for (EndpointProvider provider : providers) {
            text.append(String.format("  %-10s %4d%n", provider.id(), provider.priority()));
        }
        text.append("\nSettings (--set key=value, -Dbackendconfig.key=value, BACKENDCONFIG_KEY=value,\n"
                + "backend-config.properties), with their defaults:\n");
        List<Setting<?>> settings = new ArrayList<>();
        resolver.settingsByOwner().values().forEach(settings::addAll);
        for (Setting<?> setting : settings) {
            text.append(String.format("  %-28s %s%n", setting.key(), setting.defaultValue().orElse("(none)")));
            text.append("      ").append(setting.description()).append('\n');
        }
        text.append("""

                Exit codes:
                  0   the services were found (and answered: explain's --probe, wait)
                  2   nothing was found, or it did not answer (explain's --probe; wait: not ready in time)
                  3   explicit configuration is wrong (the error names the variable, setting or file and line)
                  64  the command line is wrong
                  70  an unexpected error (a bug: please report it)
                  71  a provider ended the process (System.exit) before the command answered
                """);
        return text.toString();
    }
}
