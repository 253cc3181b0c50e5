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

/**
 * The command that starts a project, as advice shows it: the compose command line installed here ({@code docker
 * compose}, else {@code docker-compose}, found once per resolution and only when advice is needed), the project's
 * files ({@code -f}, relative to the directory the JVM runs in when below it, the override file included), its name
 * ({@code -p}) when a setting or variable gave it or it is not this checkout's, the profiles and env files settings
 * gave, then the verb: {@code start} for containers that exist and stopped, {@code up -d} for those missing.
 */
final class StartAdvice {

    private final DockerConfig config;
    private final ResolutionFacts facts;
    private final Optional<ComposeProject> model;
    private ComposeCli cli;

    StartAdvice(DockerConfig config, ResolutionFacts facts, Optional<ComposeProject> model) {
        this.config = config;
        this.facts = facts;
        this.model = model;
    }

    /**
     * Return the command for {@code verb} ({@code start}, {@code up -d}) of {@code services} (all: empty) of a project
     * on the engine, or of this checkout's project when {@code project} is empty.
     */
    String command(String verb, Optional<ProjectOwnership.EngineProject> project, List<String> services) {
        List<String> words = new ArrayList<>(cli().command());
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
        boolean computed = modelsProject && !model.get().nameSource().explicit() && !files.isEmpty();
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

    /** Return the compose command line installed here, checking once. */
    ComposeCli cli() {
        if (cli == null) {
            Duration left = facts.timeLeft();
            Duration limit = left.compareTo(ComposeCli.CHECK_TIME.multipliedBy(2)) < 0 ? left
                    : ComposeCli.CHECK_TIME.multipliedBy(2);
            cli = ComposeCli.detect(facts.environment(), limit);
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
