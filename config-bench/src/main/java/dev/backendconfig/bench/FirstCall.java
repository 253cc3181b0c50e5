package dev.backendconfig.bench;

import dev.backendconfig.api.ServiceResolver;
import dev.backendconfig.api.spi.ResolutionContext;
import dev.backendconfig.docker.DockerEndpointProvider;
import java.nio.file.Path;

/**
 * Child JVM: the first resolution (or Docker decision) this fresh JVM makes, timed from just before the call; the
 * parent also times the whole process. Arguments: the mode ({@code resolve} or {@code docker-decision}) and the
 * working directory; settings come from {@code -Dbackendconfig.*} and variables from the environment.
 */
public final class FirstCall {

    private FirstCall() {
    }

    public static void main(String[] arguments) {
        String mode = arguments[0];
        Path directory = Path.of(arguments[1]);
        long start = System.nanoTime();
        ResolutionContext context = ResolutionContext.systemBuilder().workingDirectory(directory).build();
        if (mode.equals("resolve")) {
            String source = ServiceResolver.create().resolve(context).endpoint().source();
            System.out.println("result first " + (System.nanoTime() - start));
            System.out.println("result source " + source);
        } else {
            String outcome = new DockerEndpointProvider().resolve(context).getClass().getSimpleName();
            System.out.println("result first " + (System.nanoTime() - start));
            System.out.println("result outcome " + outcome);
        }
        System.exit(0);
    }
}
