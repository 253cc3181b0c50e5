#!/usr/bin/env python3
"""Split the manual README.md into docs/*.md pages and write the landing README.md (issue 20, part 4).

Usage, from anywhere in the checkout:

    python3 scripts/split-readme.py            # reads README.md (the manual), writes docs/*.md and README.md
    python3 scripts/split-readme.py --dry-run  # checks everything and prints the mapping, writes nothing

It is run once, on the manual: every `## ` section moves whole into the page PAGES names for it (a section PAGES does
not name is an error, so a new section is never lost); every in-document link `](#anchor)` is rewritten to the page
that now holds that heading (an anchor no heading has is an error); the landing page is scripts/readme-landing.md.in
with its placeholders filled: {{ci: main command}} and {{ci: test command}} (the marker line and its fenced block, byte
for byte as the manual has them: .ci/run reads them from README.md) and {{pages}} (the table of the docs pages). The
template's own `](#anchor)` links are rewritten the same way. A README that is already the landing page is refused.

Python 3 standard library only.
"""

import argparse
import os
import re
import sys
import unicodedata

# Page file -> (title, one line on what it holds, the manual's `## ` headings it takes, in this order).
PAGES = [
    ("guide.md", "Guide: set up, add it to a project, use it in tests",
     "set-up, dependencies, the API and JUnit extension, how services are resolved, the report",
     ["Set up and run", "Add it to your project", "Use it in tests", "How the backend is resolved"]),
    ("providers.md", "Providers: env, docker, staging",
     "where each built-in provider looks, engines (Docker, Podman, TLS, ssh), compose projects, the stack's lifecycle",
     ["Provider env", "Provider docker", "Provider staging"]),
    ("maven-plugin.md", "Maven plugin",
     "the goals explain, start, wait and stop around integration tests; parameters, exported properties, errors",
     ["The Maven plugin (`backend-config-maven-plugin`)"]),
    ("cli.md", "Command line",
     "explain, wait, up and down; output formats, exit codes and messages; the distribution for shells",
     ["The command line (`config-cli`): explain and wait"]),
    ("settings.md", "Settings reference",
     "every setting of every module, with its default, and where settings are read from",
     ["Settings"]),
    ("extending.md", "Extending: your own provider",
     "the provider SPI with a complete example, and testing it with config-testkit",
     ["Write your own provider"]),
    ("reliability-and-errors.md", "Reliability and errors",
     "every limit on outside input and what happens at it; the error catalogue (every BCFG code)",
     ["Reliability: limits and what happens at each", "Errors you can meet"]),
    ("testing.md", "How backend-config is tested",
     "the test suites, the configuration tests, faults and bad input, mutation testing",
     ["Testing", "The configuration tests (`config-tests`)", "Faults and bad input (`config-robustness`)"]),
    ("benchmarks.md", "Benchmark figures",
     "time and memory against Testcontainers and the docker CLI, and how to reproduce them",
     ["Benchmarks"]),
    ("building.md", "Building and published artifacts",
     "building from source, the release checks, reproducible builds, sizes",
     ["Building"]),
    ("changelog.md", "Changes",
     "what changed, release by release",
     ["Changelog"]),
    ("modules.md", "The modules",
     "every artifact, what it is and when to add it; module path and API stability",
     ["Modules"]),
]

LANDING_MARK = "<!-- landing page: written by scripts/split-readme.py from scripts/readme-landing.md.in -->"
CI_MARKERS = ("<!-- ci: main command -->", "<!-- ci: test command -->")
LINK = re.compile(r"\]\(([^)\s]*)\)")


class SplitError(Exception):
    pass


def is_fence(line):
    return line.lstrip().startswith(("```", "~~~"))


def headings(lines):
    """Yield (index, level, text) of every ATX heading outside fenced code blocks."""
    inside = None
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if inside is not None:
            if stripped.startswith(inside) and stripped.strip() == stripped.strip()[0] * len(stripped.strip()):
                inside = None
            continue
        if is_fence(line):
            inside = re.match(r"[`~]+", stripped).group(0)
            continue
        match = re.match(r"^(#{1,6}) +(.*?)\s*#*\s*$", line)
        if match:
            yield index, len(match.group(1)), match.group(2)


def outside_fences(lines):
    """Return, for each line, whether it lies outside fenced code blocks (fence lines count as inside)."""
    flags, inside = [], None
    for line in lines:
        stripped = line.lstrip()
        if inside is not None:
            flags.append(False)
            if stripped.startswith(inside) and stripped.strip() == stripped.strip()[0] * len(stripped.strip()):
                inside = None
            continue
        if is_fence(line):
            inside = re.match(r"[`~]+", stripped).group(0)
            flags.append(False)
            continue
        flags.append(True)
    return flags


def slug(text):
    """GitHub's anchor of a heading: its rendered text lower-cased, punctuation removed, each space a '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link shows its text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML tags show nothing
    text = text.replace("`", "").replace("*", "")
    text = text.lower()
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in " -_" or category[0] in ("L", "N") or category[0] == "M":
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def anchors(lines):
    """Return {line index: anchor} for every heading, duplicates numbered as GitHub does (x, x-1, x-2)."""
    seen, result = {}, {}
    for index, _, text in headings(lines):
        base = slug(text)
        anchor = base
        while anchor in seen:
            seen[base] += 1
            anchor = "%s-%d" % (base, seen[base])
        seen.setdefault(anchor, 0)
        result[index] = anchor
    return result


def ci_block(lines, marker):
    """Return the marker line and the fenced block after it, exactly as written (blank lines between kept)."""
    if lines.count(marker) != 1:
        raise SplitError("README.md must have exactly one line %s, it has %d" % (marker, lines.count(marker)))
    start = lines.index(marker)
    end = start + 1
    while end < len(lines) and not lines[end].strip():
        end += 1
    if end == len(lines) or not lines[end].startswith("```"):
        raise SplitError("README.md: no fenced block after %s" % marker)
    end += 1
    while end < len(lines) and not lines[end].startswith("```"):
        end += 1
    if end == len(lines):
        raise SplitError("README.md: the fenced block after %s is not closed" % marker)
    return lines[start:end + 1]


def split(root, dry_run):
    readme_path = os.path.join(root, "README.md")
    template_path = os.path.join(root, "scripts", "readme-landing.md.in")
    with open(readme_path, encoding="utf-8") as file:
        manual = file.read()
    if LANDING_MARK in manual:
        raise SplitError("README.md is already the landing page (it holds the line %s): this script runs once, on the"
                         " manual README. To redo the split, put the manual back first, e.g."
                         " `git checkout <commit before the split> -- README.md`" % LANDING_MARK)
    with open(template_path, encoding="utf-8") as file:
        template = file.read()
    lines = manual.split("\n")

    # The manual's sections: each `## ` heading outside code, up to the next one.
    starts = [index for index, level, _ in headings(lines) if level == 2]
    if not starts:
        raise SplitError("README.md has no '## ' section: is it the manual?")
    sections = {}
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        title = re.match(r"^## +(.*?)\s*$", lines[start]).group(1)
        if title in sections:
            raise SplitError("README.md has two sections '## %s'" % title)
        sections[title] = (start, end)
    named = [title for _, _, _, titles in PAGES for title in titles]
    unnamed = [title for title in sections if title not in named]
    if unnamed:
        raise SplitError("README.md has sections the page mapping (PAGES in scripts/split-readme.py) does not name: "
                         + "; ".join("'## %s'" % title for title in unnamed) + ". Add each to a page.")
    missing = [title for title in named if title not in sections]
    if missing:
        raise SplitError("PAGES names sections README.md does not have: "
                         + "; ".join("'## %s'" % title for title in missing))
    duplicates = sorted({title for title in named if named.count(title) > 1})
    if duplicates:
        raise SplitError("PAGES names these sections twice: " + "; ".join(duplicates))

    ci_blocks = {marker: ci_block(lines, marker) for marker in CI_MARKERS}
    old_anchors = anchors(lines)

    # Each page's lines, with the manual's line index of each (None for lines the script adds).
    pages = {}
    for page, title, summary, titles in PAGES:
        body = [("# " + title, None), ("", None),
                ("Part of the [backend-config manual](../README.md#the-manual): %s." % summary, None), ("", None)]
        for section in titles:
            start, end = sections[section]
            chunk = [(lines[index], index) for index in range(start, end)
                     if lines[index] not in CI_MARKERS]  # the README keeps the CI markers; a page needs none
            while chunk and not chunk[-1][0].strip():
                chunk.pop()
            body.extend(chunk)
            body.append(("", None))
        pages[page] = body

    # Where each of the manual's anchors now lives.
    moved = {}
    for page, body in pages.items():
        new_anchors = anchors([text for text, _ in body])
        for position, anchor in new_anchors.items():
            origin = body[position][1]
            if origin is not None:
                moved[old_anchors[origin]] = (page, anchor)

    def rewrite(text, from_page, source):
        """Rewrite the links of one line written on from_page (None: the README)."""
        def replace(match):
            target = match.group(1)
            if target.startswith("#"):
                if target[1:] not in moved:
                    raise SplitError("%s: link to #%s, but no heading of the manual has that anchor"
                                     % (source, target[1:]))
                page, anchor = moved[target[1:]]
                if from_page == page:
                    return "](#%s)" % anchor
                return "](%s%s#%s)" % ("" if from_page else "docs/", page, anchor)
            if from_page is None or re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
                return match.group(0)
            path = target.split("#")[0]
            if path and not os.path.exists(os.path.join(root, path)):
                raise SplitError("%s: link to %s, which is not a file of this checkout" % (source, target))
            return "](../%s)" % target
        return LINK.sub(replace, text)

    outputs = {}
    for page, body in pages.items():
        flags = outside_fences([text for text, _ in body])
        written = []
        for (text, origin), outside in zip(body, flags):
            source = "README.md:%d" % (origin + 1) if origin is not None else page
            written.append(rewrite(text, page, source) if outside and origin is not None else text)
        outputs[os.path.join("docs", page)] = "\n".join(written).rstrip("\n") + "\n"

    table = ["| page | what it holds |", "|---|---|"]
    for page, title, summary, _ in PAGES:
        table.append("| [%s](docs/%s) | %s |" % (title, page, summary))
    landing = template
    for marker, block in ci_blocks.items():
        placeholder = "{{%s}}" % marker[5:-4]
        if landing.count(placeholder) != 1:
            raise SplitError("%s must hold %s once" % (template_path, placeholder))
        landing = landing.replace(placeholder, "\n".join(block))
    if landing.count("{{pages}}") != 1:
        raise SplitError("%s must hold {{pages}} once" % template_path)
    landing = landing.replace("{{pages}}", "\n".join(table))
    leftover = re.findall(r"\{\{[^}]*\}\}", landing)
    if leftover:
        raise SplitError("%s: unknown placeholders %s" % (template_path, ", ".join(leftover)))
    landing_lines = landing.split("\n")
    flags = outside_fences(landing_lines)
    landing_lines = [rewrite(text, None, "scripts/readme-landing.md.in:%d" % (number + 1)) if outside else text
                     for number, (text, outside) in enumerate(zip(landing_lines, flags))]
    outputs["README.md"] = LANDING_MARK + "\n" + "\n".join(landing_lines).rstrip("\n") + "\n"

    for page, title, _, titles in PAGES:
        print("docs/%-28s %-55s <- %s" % (page, title, "; ".join("## " + t for t in titles)))
    print("README.md: %d lines (landing page)" % outputs["README.md"].count("\n"))
    if dry_run:
        print("dry run: nothing written")
        return
    os.makedirs(os.path.join(root, "docs"), exist_ok=True)
    for path, text in outputs.items():
        with open(os.path.join(root, path), "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
    print("wrote README.md and %d pages in docs/" % (len(outputs) - 1))


def main():
    parser = argparse.ArgumentParser(description="Split the manual README.md into docs/*.md and a landing README.md.")
    parser.add_argument("--dry-run", action="store_true", help="check and print the mapping, write nothing")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        help="the checkout (default: the one holding this script)")
    arguments = parser.parse_args()
    try:
        split(arguments.root, arguments.dry_run)
    except SplitError as error:
        print("split-readme: " + str(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
