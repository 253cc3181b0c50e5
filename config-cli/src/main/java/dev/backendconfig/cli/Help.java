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

    static String text(ServiceResolver resolver) {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar backend-config.jar [options]

                Resolve the backend the way your tests will, from a project directory, and explain the choice.

                Options:
                  --dir DIR                           project directory to resolve from (default: the current one);
                                                      without --classpath, its src/test/resources/
                                                      backend-config.properties is read
                  --classpath PATH                    the project's test class path, entries separated by the path separator
                                                      as for java -cp (DIR/* for the jars in DIR): its providers,
                                                      their settings and its backend-config.properties count as in
                                                      its tests
                  --format text|env|json              text: the report (default); env: BACKEND_URL=, WEBSOCKET_URL=
                                                      and BACKEND_SOURCE= lines, shell-quoted; json: a document with
                                                      the endpoint and every provider's outcome
                  --probe none|tcp|http|websocket     check the chosen backend answers (also sets setting probe)
                  --set key=value                     set a setting (repeatable), for example --set providers=env
                  --help                              this text

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
                  0   the backend was found (and answered the probe, when one was asked for)
                  2   no backend was found, or it did not answer the probe
                  3   explicit configuration is wrong (the error names the variable, setting or file and line)
                  64  the command line is wrong
                  70  an unexpected error (a bug: please report it)
                """);
        return text.toString();
    }
}
