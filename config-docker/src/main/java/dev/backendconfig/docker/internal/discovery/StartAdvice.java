package dev.backendconfig.docker.internal.discovery;

import dev.backendconfig.toolkit.OutsideText;
import dev.backendconfig.docker.internal.DockerConfig;
import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.compose.ComposeCli;
import dev.backendconfig.docker.internal.compose.ComposeProject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The command that starts a project, as advice shows it: the compose command line installed here, chosen as the
 * lifecycle chooses it ({@link ComposeCli}: {@code docker compose}, else {@code docker-compose}, else Podman's for a
 * Podman engine; found once per resolution and only when advice is needed), the project's
 * files ({@code -f}, relative to the directory the JVM runs in when below it, the override file included), its name
 * ({@code -p}) when a setting or variable gave it or it is not this checkout's, the profiles and env files settings
 * gave, then the verb: {@code start} for containers that exist and stopped, {@code up -d} for those missing.
 */
final class StartAdvice {

    private final DockerConfig config;
    private final ResolutionFacts facts;
    private final Optional<ComposeProject> model;
    private final BooleanSupplier podman;
    private final Duration eachCheck;
    private String cli;

    /**
     * @param eachCheck at most how long one compose command's {@code version} check may take, all of them twice that
     *     ({@link ComposeCli#ADVICE_CHECK}; tests of the bound pass a shorter one)
     */
    StartAdvice(DockerConfig config, ResolutionFacts facts, Optional<ComposeProject> model, BooleanSupplier podman,
            Duration eachCheck) {
        this.config = config;
        this.podman = podman;
        this.facts = facts;
        this.model = model;
        this.eachCheck = eachCheck;
    }

    /**
     * Return the command for {@code verb} ({@code start}, {@code up -d}) of {@code services} (all: empty) of a project
     * on the engine, or of this checkout's project when {@code project} is empty.
     */
    String command(String verb, Optional<ProjectOwnership.EngineProject> project, List<String> services) {
        List<String> words = new ArrayList<>(List.of(cli().split(" ")));
        boolean modelsProject = model.isPresent()
                && project.map(p -> p.name().equals(model.get().name())).orElse(true);
        List<Path> files = modelsProject && model.get().hasFiles() ? model.get().configFiles()
                : project.map(p -> p.containers().get(0).configFilePaths()).orElse(List.of());
        Optional<Path> here = launchDirectory();
        for (Path file : files) {
            Path shown = here.filter(file::startsWith).map(dir -> dir.relativize(file)).orElse(file);
            words.add("-f");
            words.add(OutsideText.oneLine(shown.toString()));
        }
        String name = project.map(ProjectOwnership.EngineProject::name).or(() -> model.map(ComposeProject::name))
                .orElse("");
        boolean computed = modelsProject && !model.get().namedExplicitly() && !files.isEmpty();
        if (!name.isEmpty() && !computed) {
            words.add("-p");
            words.add(OutsideText.oneLine(name));
        }
        config.envFiles().forEach(file -> words.addAll(List.of("--env-file", OutsideText.oneLine(file))));
        config.profiles().forEach(profile -> words.addAll(List.of("--profile", OutsideText.oneLine(profile))));
        words.add(verb);
        services.forEach(service -> words.add(OutsideText.oneLine(service)));
        return String.join(" ", words);
    }

    /**
     * Return the name of the compose command line installed here ({@code docker compose}, {@code docker-compose}, ...)
     * as the lifecycle would choose it, checking once and within what is left of the resolution's time; the current
     * {@code docker compose} when none answers.
     */
    String cli() {
        if (cli == null) {
            Duration left = facts.timeLeft();
            Duration all = eachCheck.multipliedBy(2);
            Path directory = launchDirectory().orElseGet(() -> Path.of("").toAbsolutePath());
            cli = ComposeCli.choose(facts.environment(), directory, podman.getAsBoolean(), eachCheck,
                    left.compareTo(all) < 0 ? left : all, new ArrayList<>()).map(ComposeCli::name)
                    .orElse(ComposeCli.CURRENT);
        }
        return cli;
    }

    private Optional<Path> launchDirectory() {
        String directory = facts.launchDirectory();
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(directory).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
