package dev.backendconfig.api.internal;

import dev.backendconfig.toolkit.ConfigurationFiles;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Read the classpath resource {@code backend-config.properties}: its keys, each with the line it is on, named by
 * the file the user edits ({@code src/test/resources/...}) when the resource is an unchanged copy of it.
 */
public final class PropertiesResource {

    /** The code of a settings resource that cannot be read. */
    private static final String CODE = "BCFG00012";

    /** The resource's name. */
    public static final String NAME = "backend-config.properties";
    /** The largest resource read; a settings file is a few lines. */
    static final int MAX_BYTES = 256 * 1024;

    private static final ConfigurationFiles.Limit LIMIT = new ConfigurationFiles.Limit(MAX_BYTES,
            "not configurable: a settings file holds a few key=value lines");

    private PropertiesResource() {
    }

    /**
     * Read the first {@code backend-config.properties} {@code loader} sees; a second one is noted and ignored.
     *
     * @throws InvalidInputException when it cannot be read or is not a properties file
     */
    public static Map<String, SettingSource.Entry> read(ClassLoader loader, List<String> notes) {
        List<URL> urls;
        try {
            urls = Collections.list(loader.getResources(NAME));
        } catch (IOException e) {
            throw new InvalidInputException(CODE, Origin.other("classpath resource " + NAME),
                    "cannot be listed (" + e.getClass().getSimpleName() + ")", e);
        }
        if (urls.isEmpty()) {
            return Map.of();
        }
        for (URL ignored : urls.subList(1, urls.size())) {
            notes.add("classpath resource " + NAME + " also found at " + ignored + "; only the first, " + urls.get(0)
                    + ", is read");
        }
        return entries(urls.get(0));
    }

    private static Map<String, SettingSource.Entry> entries(URL url) {
        String text = text(url);
        String location = editedFile(url, text).or(() -> filePath(url)).orElse(url.toString());
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(CODE, Origin.file(location, 0),
                    "is not a valid properties file (" + e.getMessage() + ")");
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        Map<String, SettingSource.Entry> entries = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (!value.isBlank()) {
                entries.put(name, new SettingSource.Entry(value, Origin.file(location, lineOf(name, lines))));
            }
        }
        return entries;
    }

    private static String text(URL url) {
        Optional<Path> file = localFile(url);
        if (file.isPresent()) {
            return ConfigurationFiles.readText(file.get(), "a properties file of key=value lines", LIMIT);
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidInputException(CODE, Origin.file(url.toString(), 0), "is larger than "
                        + MAX_BYTES / 1024 + " KB; a settings file holds a few key=value lines");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(CODE, Origin.file(url.toString(), 0),
                    "cannot read the settings resource " + NAME + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Return the file a {@code file:} URL names, which is read as a regular file only (never a FIFO). */
    private static Optional<Path> localFile(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Return the source file a build copied to {@code url}: {@code target/test-classes/X} is
     * {@code src/test/resources/X} (and {@code target/classes/X} is {@code src/main/resources/X}) when that file
     * exists with the same text, so that messages point at the file the user edits.
     */
    static Optional<String> editedFile(URL url, String text) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        Path copy;
        try {
            copy = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        Path output = copy.getParent();
        if (output == null || output.getParent() == null || !"target".equals(name(output.getParent()))) {
            return Optional.empty();
        }
        String sourceFolder = switch (name(output)) {
            case "test-classes" -> "src/test/resources";
            case "classes" -> "src/main/resources";
            default -> null;
        };
        if (sourceFolder == null || output.getParent().getParent() == null) {
            return Optional.empty();
        }
        Path source = output.getParent().getParent().resolve(sourceFolder).resolve(copy.getFileName());
        try {
            if (Files.isRegularFile(source) && Files.size(source) <= MAX_BYTES
                    && ConfigurationFiles.readText(source, "a properties file", LIMIT).equals(text)) {
                return Optional.of(source.toString());
            }
        } catch (IOException | InvalidInputException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Return a {@code file:} URL as the path a person types; empty for other URLs (inside a jar, say). */
    private static Optional<String> filePath(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String name(Path path) {
        return path.getFileName() == null ? "" : path.getFileName().toString();
    }

    private static int lineOf(String key, String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.startsWith(key) && (line.length() == key.length()
                    || "=: \t".indexOf(line.charAt(key.length())) >= 0)) {
                return i + 1;
            }
        }
        return 0;
    }
}
