package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.docker.internal.Listing;
import dev.backendconfig.docker.internal.compose.ComposeTree.Mapping;
import dev.backendconfig.docker.internal.compose.ComposeTree.Scalar;
import dev.backendconfig.docker.internal.compose.ComposeTree.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file's {@code extends} (compose specification, services: "extends"): a service written {@code extends: base} or
 * {@code extends: {service: base, file: common.yml}} starts from a copy of that service — of the same file, or of
 * another one, relative to the project directory — merged under its own definition by compose's rules, the
 * extending service winning. A base that extends another is resolved first. A chain longer than
 * {@link ComposeProjects#MAX_EXTENDS_DEPTH}, or one that comes back to a service it started from, is an error naming
 * it; so is a base service or file that does not exist.
 */
final class ComposeExtends {

    /** Reads a file a service extends. */
    @FunctionalInterface
    interface FileReader {
        /** Return the file's tree. */
        ComposeTree.FileTree read(Path file, ComposeVariables variables, Origin from);
    }

    private final Path file;
    private final Path directory;
    private final ComposeTree.FileTree tree;
    private final ComposeVariables variables;
    private final ComposeTree.Budget budget;
    private final FileReader reader;

    ComposeExtends(Path file, Path directory, ComposeTree.FileTree tree, ComposeVariables variables,
            ComposeTree.Budget budget, FileReader reader) {
        this.file = file;
        this.directory = directory;
        this.tree = tree;
        this.variables = variables;
        this.budget = budget;
        this.reader = reader;
    }

    /** Return {@code top} with every service's {@code extends} applied. */
    Mapping apply(Mapping top) {
        Optional<Value> services = top.get("services");
        if (services.isEmpty() || !(services.get() instanceof Mapping mapping)) {
            return top;
        }
        Map<String, Value> resolved = new LinkedHashMap<>(mapping.entries());
        for (String name : mapping.entries().keySet()) {
            resolve(name, resolved, file, directory, tree, new ArrayList<>());
        }
        return top.with("services", new Mapping(resolved, mapping.origin()));
    }

    /**
     * Resolve service {@code name} of {@code services} (of file {@code in}, whose relative {@code extends} files are
     * relative to {@code relativeTo}), replace it in {@code services} with the result, and return it.
     */
    private Value resolve(String name, Map<String, Value> services, Path in, Path relativeTo, ComposeTree.FileTree own,
            List<String> chain) {
        Value value = services.get(name);
        if (!(value instanceof Mapping service)) {
            return value;
        }
        Optional<Value> extendsValue = service.get("extends");
        if (extendsValue.isEmpty()) {
            return service;
        }
        Value written = extendsValue.get();
        String base;
        Optional<Scalar> baseFile = Optional.empty();
        if (written instanceof Scalar scalar) {
            base = scalar.text();
        } else if (written instanceof Mapping mapping) {
            Value named = mapping.get("service").orElseThrow(() -> new InvalidInputException(
                    written.origin(), "extends of service " + Listing.shown(name) + " needs service, the service to"
                            + " extend"));
            if (!(named instanceof Scalar scalar)) {
                throw new InvalidInputException(named.origin(), "extends.service must be a service"
                        + " name");
            }
            base = scalar.text();
            Optional<Value> fileValue = mapping.get("file");
            if (fileValue.isPresent() && !(fileValue.get() instanceof Scalar)) {
                throw new InvalidInputException(fileValue.get().origin(), "extends.file must be a path");
            }
            baseFile = fileValue.map(Scalar.class::cast);
        } else {
            throw new InvalidInputException(written.origin(), "extends must be a service name or a"
                    + " mapping with service and file");
        }
        String link = in + " service " + name;
        if (chain.contains(link)) {
            List<String> cycle = new ArrayList<>(chain);
            cycle.add(link);
            throw new InvalidInputException(written.origin(), "extends cycle: "
                    + String.join(" extends ", cycle) + "; compose refuses it");
        }
        if (chain.size() >= ComposeProjects.MAX_EXTENDS_DEPTH) {
            throw new InvalidInputException(written.origin(), "extends chains more than "
                    + ComposeProjects.MAX_EXTENDS_DEPTH + " services here (not configurable: a service extends one"
                    + " or two others)");
        }
        chain.add(link);
        Map<String, Value> baseServices = services;
        Path baseIn = in;
        Path baseRelativeTo = relativeTo;
        ComposeTree.FileTree baseTree = own;
        if (baseFile.isPresent()) {
            Path path = ComposeFiles.existing(relativeTo, baseFile.get().text(), baseFile.get().origin());
            baseTree = reader.read(path, variables, written.origin());
            baseServices = new LinkedHashMap<>(baseTree.top().get("services").filter(Mapping.class::isInstance)
                    .map(Mapping.class::cast).map(Mapping::entries).orElse(Map.of()));
            baseIn = path;
            baseRelativeTo = path.getParent();
        }
        if (!baseServices.containsKey(base)) {
            throw new InvalidInputException(written.origin(), "service " + Listing.shown(name)
                    + " extends service " + Listing.shown(base) + ", which " + baseIn + " does not define"
                    + (baseServices.isEmpty() ? "" : " (it defines " + Listing.join(", ", baseServices.keySet()
                            .stream().map(Listing::shown).toList(), 10) + ")"));
        }
        Value resolvedBase = resolve(base, baseServices, baseIn, baseRelativeTo, baseTree, chain);
        chain.remove(chain.size() - 1);
        Mapping start = resolvedBase instanceof Mapping mapping ? mapping : new Mapping(Map.of(), written.origin());
        budget.values(ComposeTree.size(start), written.origin());
        for (List<String> path : own.resets()) {
            if (path.size() > 2 && path.get(0).equals("services") && path.get(1).equals(name)) {
                start = ComposeMerge.remove(start, path.subList(2, path.size()));
            }
        }
        for (List<String> path : own.overrides()) {
            if (path.size() > 2 && path.get(0).equals("services") && path.get(1).equals(name)) {
                start = ComposeMerge.remove(start, path.subList(2, path.size()));
            }
        }
        Mapping merged = ComposeMerge.mergeMappings(start.without("extends"), service.without("extends"),
                List.of("services", name));
        Mapping placed = new Mapping(merged.entries(), service.origin());
        services.put(name, placed);
        return placed;
    }
}
