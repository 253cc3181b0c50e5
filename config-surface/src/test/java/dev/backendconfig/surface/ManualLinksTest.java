package dev.backendconfig.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual is README.md, the landing page, and the pages in docs/ it links to: every relative link among them leads
 * to a file that exists and, with an anchor, to a heading there, so that an edit cannot leave a dead link behind; and
 * the README's examples name the versions the build uses.
 */
class ManualLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path checkout;

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<Path> files = ManualLinks.files(ROOT);
        assertThat(files).as("README.md and the docs pages").hasSizeGreaterThan(5);
        assertThat(ManualLinks.problems(ROOT, files)).isEmpty();
    }

    @Test
    void theReadmeLinksEveryDocsPageAndKeepsTheCommandsCiRuns() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (Path page : ManualLinks.files(ROOT).subList(1, ManualLinks.files(ROOT).size())) {
            assertThat(readme).as("README.md links %s", page.getFileName())
                    .contains("](docs/" + page.getFileName() + ")");
        }
        assertThat(readme).as(".ci/run reads both").contains("<!-- ci: main command -->\n```bash\n",
                "<!-- ci: test command -->\n```bash\nmvn -B verify\n```\n");
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsReportedWithItsFileAndLine() throws IOException {
        Path root = checkout.toRealPath();
        Files.createDirectory(root.resolve("docs"));
        Files.writeString(root.resolve("README.md"), "# Landing\n\n[cli](docs/cli.md#wait) and [gone](docs/gone.md)\n"
                + "```\n[not a link in code](#nowhere)\n```\n[out](../elsewhere.md) [web](https://example.test/x)\n");
        Files.writeString(root.resolve("docs/cli.md"), "# Command line\n\n## wait: until it answers\n\n"
                + "[here](#wait-until-it-answers) [there](#wait) [readme](../README.md#landing)"
                + " [code](../README.md#not-a-heading) `[inline](#nowhere)`\n");
        assertThat(ManualLinks.problems(root, ManualLinks.files(root))).containsExactly(
                "README.md:3: link to docs/cli.md#wait: docs/cli.md has no heading with anchor wait",
                "README.md:3: link to docs/gone.md: docs/gone.md does not exist",
                "README.md:7: link to ../elsewhere.md: leads out of the checkout",
                "docs/cli.md:5: link to #wait: docs/cli.md has no heading with anchor wait",
                "docs/cli.md:5: link to ../README.md#not-a-heading: README.md has no heading with anchor"
                        + " not-a-heading");
    }

    @Test
    void anchorsAreTheOnesGitHubGivesHeadings() {
        assertThat(ManualLinks.slug("The Maven plugin (`backend-config-maven-plugin`)"))
                .isEqualTo("the-maven-plugin-backend-config-maven-plugin");
        assertThat(ManualLinks.slug("The stack's lifecycle: `docker.start=if-missing`"))
                .isEqualTo("the-stacks-lifecycle-dockerstartif-missing");
        assertThat(ManualLinks.slug("Engines: Docker and Podman, over a socket, TCP, TLS or ssh"))
                .isEqualTo("engines-docker-and-podman-over-a-socket-tcp-tls-or-ssh");
        assertThat(ManualLinks.slug("`up` and `down`: the stack for a shell"))
                .isEqualTo("up-and-down-the-stack-for-a-shell");
        assertThat(ManualLinks.anchors(List.of("# Tests", "## Tests", "```", "# Tests", "```", "### Tests",
                "## Tests-1")))
                .containsExactly("tests", "tests-1", "tests-2", "tests-1-1");
    }

    @Test
    void theReadmesExamplesUseTheVersionsTheBuildUses() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String project = only(versions(parent, "<artifactId>backend-config-parent</artifactId>\\s*<version>([^<]+)<"));
        assertThat(versions(readme, "<artifactId>(?:config-[a-z-]+|backend-config-maven-plugin)</artifactId>\\s*"
                + "<version>([^<]+)<", "dev\\.backendconfig:config-bom:([^\"]+)\"",
                "backend-config-([0-9][^/]*?)-dist"))
                .as("versions of this project's artifacts in README.md").hasSizeGreaterThanOrEqualTo(4)
                .containsOnly(project);
        String junit = only(versions(parent, "<junit\\.version>([^<]+)<"));
        assertThat(versions(readme, "<artifactId>junit-jupiter</artifactId><version>([^<]+)<",
                "\"org\\.junit\\.[a-z]+:junit-[a-z-]+:([^\"]+)\"")).as("JUnit's version in README.md")
                .hasSize(3).containsOnly(junit);
        String slf4j = only(versions(parent, "<slf4j\\.version>([^<]+)<"));
        assertThat(versions(readme, "<artifactId>slf4j-simple</artifactId><version>([^<]+)<",
                "\"org\\.slf4j:slf4j-simple:([^\"]+)\"")).as("SLF4J's version in README.md").hasSize(2)
                .containsOnly(slf4j);
        for (String plugin : List.of("maven-compiler-plugin", "maven-surefire-plugin", "maven-failsafe-plugin")) {
            String pattern = "<artifactId>" + plugin + "</artifactId>\\s*<version>([^<]+)<";
            assertThat(versions(readme, pattern)).as("%s's version in README.md", plugin).isNotEmpty()
                    .containsOnly(only(versions(parent, pattern)));
        }
    }

    private static List<String> versions(String text, String... patterns) {
        List<String> versions = new ArrayList<>();
        for (String pattern : patterns) {
            Matcher version = Pattern.compile(pattern).matcher(text);
            while (version.find()) {
                versions.add(version.group(1));
            }
        }
        return versions;
    }

    private static String only(List<String> versions) {
        assertThat(versions).as("one version in the parent POM").hasSize(1);
        return versions.get(0);
    }
}
