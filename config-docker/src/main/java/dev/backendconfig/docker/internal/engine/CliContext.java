package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.docker.internal.ResolutionFacts;
import dev.backendconfig.docker.internal.json.Json;
import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The docker CLI context in use, read from the CLI's own files: the one {@code DOCKER_CONTEXT} names, else
 * {@code currentContext} of {@code $DOCKER_CONFIG/config.json}; its engine from
 * {@code contexts/meta/<sha256 of its name>/meta.json}. The {@code default} context is no context: the sockets
 * decide.
 *
 * @param name the context's name
 * @param host its Docker endpoint's {@code Host}, as {@code DOCKER_HOST} writes it
 * @param origin its meta file, where the host comes from
 * @param why how the report names it: {@code "context 'remote' (DOCKER_CONTEXT)"}
 * @param skipVerify whether it sets {@code SkipTLSVerify}
 * @param tlsDirectory where its TLS files are: {@code contexts/tls/<sha256 of its name>/docker}
 */
record CliContext(String name, String host, Origin origin, String why, boolean skipVerify, Path tlsDirectory) {

    private static final ConfigurationFiles.Limit JSON_LIMIT = new ConfigurationFiles.Limit(
            ConfigurationFiles.SMALL_FILE_BYTES, "not configurable: the docker CLI's config.json and a context's"
                    + " meta.json hold a few settings");

    /** Return the docker CLI's configuration directory: {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
    static Path configDirectory(ResolutionFacts facts) {
        return facts.variable("DOCKER_CONFIG").map(Path::of).orElse(facts.userHome().resolve(".docker"));
    }

    /**
     * Return the context in use, when one other than {@code default} is.
     *
     * @throws InvalidInputException when a file of the CLI is not valid JSON, or a named context has
     *     no readable meta file or names no Docker host
     */
    static Optional<CliContext> current(ResolutionFacts facts) {
        Path configDirectory = configDirectory(facts);
        Optional<String> fromVariable = facts.variable("DOCKER_CONTEXT");
        String name;
        Origin origin;
        if (fromVariable.isPresent()) {
            name = fromVariable.get().strip();
            origin = Origin.variable("DOCKER_CONTEXT");
        } else {
            Path config = configDirectory.resolve("config.json");
            name = currentContext(config);
            origin = Origin.file(config.toString(), 0);
        }
        if (name.isEmpty() || name.equals("default")) {
            return Optional.empty();
        }
        Path meta = configDirectory.resolve("contexts/meta").resolve(sha256(name)).resolve("meta.json");
        Object document = readJson(meta, origin, "context '" + name + "' has no readable meta file " + meta
                + "; see docker context ls");
        Object endpoint = Json.object(Json.object(document, "Endpoints"), "docker");
        String host = Json.string(endpoint, "Host");
        if (host.isEmpty()) {
            throw new InvalidInputException(origin, "context '" + name + "' names no Docker host in "
                    + meta);
        }
        boolean skipVerify = Boolean.TRUE.equals(Json.object(Json.object(document, "Endpoints"), "docker")
                .get("SkipTLSVerify"));
        return Optional.of(new CliContext(name, host, Origin.file(meta.toString(), 0),
                "context '" + name + "' (" + origin.describe() + ")", skipVerify,
                configDirectory.resolve("contexts/tls").resolve(sha256(name)).resolve("docker")));
    }

    /** Return the context config.json names, stripped; empty text when there is no file or it names none. */
    private static String currentContext(Path config) {
        if (!Files.exists(config) && !Files.isSymbolicLink(config)) {
            return "";
        }
        Object document = readJson(config, Origin.file(config.toString(), 0), "cannot be read as the docker CLI's"
                + " config.json");
        return Json.string(document, "currentContext").strip();
    }

    private static Object readJson(Path file, Origin origin, String problem) {
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            throw new InvalidInputException(origin, problem);
        }
        String text = ConfigurationFiles.readText(file, "a JSON file of the docker CLI", JSON_LIMIT);
        try {
            return Json.parse(text);
        } catch (Json.ParseException e) {
            throw new InvalidInputException(Origin.file(file.toString(), 0),
                    "is not valid JSON: " + e.getMessage());
        }
    }

    private static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
