package dev.backendconfig.surface;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The manual's relative links, README.md and docs/*.md, checked as GitHub renders them: each leads to a file that
 * exists and, when it names an anchor, to a heading of that file with that anchor.
 */
final class ManualLinks {

    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.*?)\\s*#*\\s*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]*)\\)");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private ManualLinks() {
    }

    /** Return the manual's files under root: README.md, then docs/*.md in name order. */
    static List<Path> files(Path root) throws IOException {
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> pages = Files.list(root.resolve("docs"))) {
            pages.filter(page -> page.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** Return one line per broken link of these files ("docs/cli.md:12: ... "), paths relative to root. */
    static List<String> problems(Path root, List<Path> files) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> anchorsOf = new HashMap<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            boolean[] prose = outsideFences(lines);
            for (int number = 0; number < lines.size(); number++) {
                if (!prose[number]) {
                    continue;
                }
                Matcher link = LINK.matcher(withoutInlineCode(lines.get(number)));
                while (link.find()) {
                    String target = link.group(1);
                    if (SCHEME.matcher(target).find()) {
                        continue;
                    }
                    String where = root.relativize(file) + ":" + (number + 1) + ": link to " + target;
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    if (target.startsWith("/") || !linked.startsWith(root)) {
                        problems.add(where + ": leads out of the checkout");
                    } else if (!Files.exists(linked)) {
                        problems.add(where + ": " + root.relativize(linked) + " does not exist");
                    } else if (hash >= 0) {
                        String anchor = target.substring(hash + 1);
                        if (!linked.toString().endsWith(".md")) {
                            problems.add(where + ": an anchor into a file that is not Markdown");
                        } else if (!anchorsOf.computeIfAbsent(linked, ManualLinks::anchorsOrEmpty).contains(anchor)) {
                            problems.add(where + ": " + root.relativize(linked) + " has no heading with anchor "
                                    + anchor);
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static Set<String> anchorsOrEmpty(Path file) {
        try {
            return anchors(Files.readAllLines(file));
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot be read", e);
        }
    }

    /** Return the anchors GitHub gives the headings of these lines, a repeated one numbered (x, x-1, x-2). */
    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> repeats = new HashMap<>();
        boolean[] prose = outsideFences(lines);
        for (int number = 0; number < lines.size(); number++) {
            Matcher heading = HEADING.matcher(lines.get(number));
            if (prose[number] && heading.matches()) {
                String base = slug(heading.group(1));
                String anchor = base;
                while (anchors.contains(anchor)) {
                    int repeat = repeats.merge(base, 1, Integer::sum);
                    anchor = base + "-" + repeat;
                }
                anchors.add(anchor);
            }
        }
        return anchors;
    }

    /** Return GitHub's anchor of a heading: its text lower-cased, punctuation removed, each space a '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "")
                .replace("`", "").replace("*", "").toLowerCase(java.util.Locale.ROOT);
        StringBuilder anchor = new StringBuilder();
        text.codePoints().forEach(point -> {
            if (point == ' ') {
                anchor.append('-');
            } else if (point == '-' || point == '_' || Character.isLetterOrDigit(point)
                    || Character.getType(point) == Character.NON_SPACING_MARK) {
                anchor.appendCodePoint(point);
            }
        });
        return anchor.toString();
    }

    private static String withoutInlineCode(String line) {
        return line.replaceAll("`[^`]*`", "``");
    }

    private static boolean[] outsideFences(List<String> lines) {
        boolean[] prose = new boolean[lines.size()];
        String fence = null;
        for (int number = 0; number < lines.size(); number++) {
            String stripped = lines.get(number).strip();
            if (fence != null) {
                char mark = fence.charAt(0);
                if (stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == mark)) {
                    fence = null;
                }
            } else if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                Matcher opening = Pattern.compile("^[`~]+").matcher(stripped);
                opening.find();
                fence = opening.group();
            } else {
                prose[number] = true;
            }
        }
        return prose;
    }
}
