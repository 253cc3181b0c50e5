package dev.backendconfig.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings resource read from real directories and jars on a class loader: which copy is read, which file its
 * origins name, the line of each key, and what is refused.
 */
class PropertiesResourceTest {

    @TempDir
    Path root;

    private final List<String> notes = new ArrayList<>();

    private static URLClassLoader loader(Path... entries) throws MalformedURLException {
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = entries[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    private Path write(String directory, String text) throws IOException {
        Path folder = Files.createDirectories(root.resolve(directory));
        Files.writeString(folder.resolve(PropertiesResource.NAME), text);
        return folder;
    }

    private Map<String, SettingSource.Entry> read(Path... entries) throws IOException {
        try (URLClassLoader loader = loader(entries)) {
            return PropertiesResource.read(loader, notes);
        }
    }

    private static String where(Map<String, SettingSource.Entry> entries, String key) {
        return entries.get(key).origin().describe();
    }

    @Test
    void noResourceReadsNothing() throws IOException {
        assertThat(read(Files.createDirectories(root.resolve("empty")))).isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void theFirstResourceIsReadAndAnotherIsNotedAndIgnored() throws IOException {
        Path first = write("first", "providers=env\n");
        Path second = write("second", "providers=staging\n");
        Map<String, SettingSource.Entry> entries = read(first, second);
        assertThat(entries.get("providers").raw()).isEqualTo("env");
        assertThat(notes).containsExactly("classpath resource backend-config.properties also found at "
                + second.resolve(PropertiesResource.NAME).toUri().toURL() + "; only the first, "
                + first.resolve(PropertiesResource.NAME).toUri().toURL() + ", is read");
    }

    @Test
    void eachKeyIsNamedByItsLineWhateverItsSeparatorAndIndentation() throws IOException {
        Path folder = write("plain", "# settings\nurl2=http://other\n  url : http://localhost:8002\nprobe\thttp\n"
                + "timeout=\n\nservices=auth\n");
        Map<String, SettingSource.Entry> entries = read(folder);
        String file = folder.resolve(PropertiesResource.NAME).toString();
        assertThat(where(entries, "url2")).isEqualTo(file + ":2");
        assertThat(where(entries, "url")).isEqualTo(file + ":3");
        assertThat(where(entries, "probe")).isEqualTo(file + ":4");
        assertThat(where(entries, "services")).isEqualTo(file + ":7");
        assertThat(entries).doesNotContainKey("timeout"); // a blank value sets nothing
    }

    @Test
    void aBuildsUnchangedCopyIsNamedByTheFileTheUserEdits() throws IOException {
        String text = "providers=env\n";
        write("project/src/test/resources", text);
        Path testClasses = write("project/target/test-classes", text);
        write("project/src/main/resources", text);
        Path classes = write("project/target/classes", text);
        assertThat(where(read(testClasses), "providers")).isEqualTo(root.resolve(
                "project/src/test/resources/backend-config.properties") + ":1");
        assertThat(where(read(classes), "providers")).isEqualTo(root.resolve(
                "project/src/main/resources/backend-config.properties") + ":1");
    }

    @Test
    void aCopyThatDiffersFromItsSourceOrIsNotABuildsOutputIsNamedAsItIs() throws IOException {
        write("changed/src/test/resources", "providers=staging\n");
        Path changed = write("changed/target/test-classes", "providers=env\n");
        Path other = write("other/target/generated", "providers=env\n");
        Path notTarget = write("other/build/test-classes", "providers=env\n");
        assertThat(where(read(changed), "providers")).isEqualTo(changed.resolve(PropertiesResource.NAME) + ":1");
        assertThat(where(read(other), "providers")).isEqualTo(other.resolve(PropertiesResource.NAME) + ":1");
        assertThat(where(read(notTarget), "providers")).isEqualTo(notTarget.resolve(PropertiesResource.NAME) + ":1");
    }

    @Test
    void aResourceInAJarIsReadAndNamedByItsUrl() throws IOException {
        Path jar = jar("settings.jar", "providers=env\n".getBytes(StandardCharsets.UTF_8));
        Map<String, SettingSource.Entry> entries = read(jar);
        assertThat(entries.get("providers").raw()).isEqualTo("env");
        assertThat(where(entries, "providers")).isEqualTo("jar:" + jar.toUri().toURL() + "!/" + PropertiesResource.NAME + ":1");
    }

    @Test
    void aResourceInAJarLargerThanTheLimitIsRefusedNamingIt() throws IOException {
        Path jar = jar("large.jar", new byte[PropertiesResource.MAX_BYTES + 1]);
        assertThatThrownBy(() -> read(jar)).isInstanceOf(InvalidInputException.class)
                .hasMessage("jar:" + jar.toUri().toURL() + "!/" + PropertiesResource.NAME + ": is larger than 256 KB; a settings"
                        + " file holds a few key=value lines");
    }

    @Test
    void aResourceInAJarOfExactlyTheLimitIsRead() throws IOException {
        byte[] text = new byte[PropertiesResource.MAX_BYTES];
        java.util.Arrays.fill(text, (byte) '#');
        text[text.length - 1] = '\n';
        assertThat(read(jar("limit.jar", text))).isEmpty();
    }

    @Test
    void aFileThatIsNoPropertiesFileIsRefusedNamingIt() throws IOException {
        Path folder = write("broken", "url=\\uZZZZ\n");
        assertThatThrownBy(() -> read(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(folder.resolve(PropertiesResource.NAME) + ": is not a valid properties file (");
    }

    @Test
    void aDirectoryInPlaceOfTheSettingsFileIsRefusedNamingItAndNeverListed() throws IOException {
        Path folder = Files.createDirectories(root.resolve("odd"));
        Files.createDirectories(folder.resolve(PropertiesResource.NAME).resolve("providers=env"));
        assertThatThrownBy(() -> read(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessage(folder.resolve(PropertiesResource.NAME) + ": is a directory; expected a properties file of"
                        + " key=value lines")
                .hasMessageNotContaining("providers=env");
    }

    @Test
    void aResourceNearTheFileSystemRootHasNoBuildOutputAndNoEditedFile() throws IOException {
        assertThat(PropertiesResource.editedFile(new URL("file:/"), "providers=env\n")).isEmpty();
        assertThat(PropertiesResource.editedFile(new URL("file:/" + PropertiesResource.NAME), "providers=env\n"))
                .isEmpty();
        assertThat(PropertiesResource.editedFile(new URL("file:/classes/" + PropertiesResource.NAME),
                "providers=env\n")).isEmpty();
    }

    @Test
    void aKeyWrittenWithAnEscapeIsReadAndNamedByItsFileAlone() throws IOException {
        Path folder = write("escaped", "tim\\eout=5s\n");
        Map<String, SettingSource.Entry> entries = read(folder);
        assertThat(entries.get("timeout").raw()).isEqualTo("5s");
        assertThat(where(entries, "timeout")).isEqualTo(folder.resolve(PropertiesResource.NAME).toString());
    }

    @Test
    void aCopyOutsideATargetFolderIsNamedAsItIsEvenNextToASourceWithTheSameText() throws IOException {
        write("gradle/src/test/resources", "providers=env\n");
        Path copy = write("gradle/build/test-classes", "providers=env\n");
        assertThat(where(read(copy), "providers")).isEqualTo(copy.resolve(PropertiesResource.NAME) + ":1");
    }

    @Test
    void aBuildsCopyOfExactlyTheLimitIsStillNamedByItsSource() throws IOException {
        StringBuilder text = new StringBuilder("providers=env\n");
        text.append("#".repeat(PropertiesResource.MAX_BYTES - text.length() - 1)).append('\n');
        write("full/src/test/resources", text.toString());
        Path copy = write("full/target/test-classes", text.toString());
        assertThat(Files.size(copy.resolve(PropertiesResource.NAME))).isEqualTo(PropertiesResource.MAX_BYTES);
        assertThat(where(read(copy), "providers")).isEqualTo(root.resolve(
                "full/src/test/resources/backend-config.properties") + ":1");
    }

    private Path jar(String name, byte[] content) throws IOException {
        Path jar = root.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry(PropertiesResource.NAME));
            out.write(content);
            out.closeEntry();
        }
        return jar;
    }
}
