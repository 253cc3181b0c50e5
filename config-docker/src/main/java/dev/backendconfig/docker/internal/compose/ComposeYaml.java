package dev.backendconfig.docker.internal.compose;

import dev.backendconfig.docker.internal.DockerSettings;
import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import dev.backendconfig.toolkit.OutsideText;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Read one compose file's YAML into a node tree, within limits, and turn anything the parser throws into an error
 * that names the file and the line where the offending node or quote starts.
 *
 * <p>The parser's events are checked as snakeyaml-engine's composer (which recurses once per level) takes them, in the
 * one pass over the text that builds the tree: nesting at most {@link #MAX_NESTING} levels, and at most
 * {@link #MAX_COLLECTION_ALIASES} aliases of mappings or lists. The text is read through a reader that stops when the
 * thread is interrupted. Whatever the parser throws — a syntax error, or anything else — is an
 * {@link InvalidInputException}; so is a stack overflow, should one still happen.
 */
final class ComposeYaml {

    /** How deeply mappings and lists may nest; a compose file nests about six levels. */
    static final int MAX_NESTING = 64;
    /** How many aliases ({@code *name}) of mappings or lists a file may hold; a compose file uses a few. */
    static final int MAX_COLLECTION_ALIASES = 100;
    /**
     * Return the size limit of one compose file: the project's limit (setting {@code docker.compose-max-kib}), and
     * what to do about a larger file.
     */
    static dev.backendconfig.toolkit.ConfigurationFiles.Limit limit(long maxBytes) {
        return new dev.backendconfig.toolkit.ConfigurationFiles.Limit(maxBytes, whatToDo(maxBytes));
    }

    /** Say where the limit comes from and what a person can do about it. */
    static String whatToDo(long maxBytes) {
        return "setting docker.compose-max-kib, " + (maxBytes / 1024) + " KiB for all the compose files of a project:"
                + " real ones are tens of KB; name the files that start the stack with docker.compose-file, or raise"
                + " the setting, up to " + DockerSettings.COMPOSE_MAX_KIB_LIMIT + ", for a larger generated file";
    }

    /**
     * The plain scalars compose (go-yaml, YAML 1.2's core schema) reads as null: {@code ~}, {@code null},
     * {@code Null}, {@code NULL} and nothing. The JSON schema, which is otherwise kept, knows only {@code null}.
     */
    private static final Pattern CORE_NULL = Pattern.compile("~|null|Null|NULL|");
    /**
     * The plain scalars go-yaml reads as a number: with a sign, a leading zero (YAML 1.1's octal, which go-yaml
     * keeps: 010 is 8), 0x, 0o or 0b, and '_' between the digits; or plain decimal digits.
     */
    private static final Pattern GO_YAML_INT = Pattern.compile("[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+"
            + "|[0-9][0-9_]*)");
    /** A number written as what it is: decimal digits without a leading zero. */
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

    /**
     * The JSON schema with the core schema's null forms added. Not the core schema itself: its resolver makes
     * {@code <<} a merge tag, which the composer then flattens itself, outside {@link ComposeTree}'s merge rules
     * and limits.
     */
    private static final JsonSchema SCHEMA = new JsonSchema() {
        private final ScalarResolver json = new JsonScalarResolver();
        // a class, not a lambda: a first resolution reading a compose file links no lambda of ours
        private final ScalarResolver resolver = new ScalarResolver() {
            @Override
            public Tag resolve(String value, Boolean implicit) {
                if (implicit && CORE_NULL.matcher(value).matches()) {
                    return Tag.NULL;
                }
                if (implicit && GO_YAML_INT.matcher(value).matches()) {
                    return Tag.INT;
                }
                return json.resolve(value, implicit);
            }
        };

        @Override
        public ScalarResolver getScalarResolver() {
            return resolver;
        }
    };

    private ComposeYaml() {
    }

    /**
     * Tell whether a scalar is a number that compose reads otherwise than its digits say (a port written 010 is
     * port 8 to compose, 0x1F40 is 8000): a plain or {@code !!int} number not written in plain decimal.
     */
    static boolean isNumberNotInDecimal(ScalarNode scalar) {
        return Tag.INT.equals(scalar.getTag()) && !DECIMAL.matcher(scalar.getValue()).matches();
    }

    /**
     * Return the file's single document, or empty for an empty file.
     *
     * @param text the file's text
     * @param file the file's path, for messages
     * @throws InvalidInputException when the text is not YAML or breaks a limit
     * @throws CancellationException when the thread is interrupted while reading
     */
    static Optional<Node> compose(String text, String file) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(SCHEMA).setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES).setAllowRecursiveKeys(false)
                .setCodePointLimit(Integer.MAX_VALUE).build();
        try {
            // What Compose.composeReader does (its package, api.lowlevel, is not exported by the YAML module), with the
            // limits checked as the composer reads: one pass over the text
            return new Composer(settings, new LimitedParser(settings, text, file)).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            throw notYaml(e, file);
        } catch (YamlEngineException e) {
            throw new InvalidInputException(Origin.file(file, 0), "is not valid YAML: "
                    + OutsideText.excerpt(e.getMessage(), 200));
        } catch (CancellationException | InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(Origin.file(file, 0), "cannot be read as YAML (the parser"
                    + " failed with " + e.getClass().getSimpleName() + ")");
        } catch (StackOverflowError e) {
            throw new InvalidInputException(Origin.file(file, 0), "cannot be read as YAML: it nests too"
                    + " deeply for the parser");
        }
    }

    /**
     * The parser the composer reads, checking each event as the composer takes it: nesting depth and aliases of
     * collections, with the line of the node that breaks a limit. The composer recurses only when it takes a
     * collection's start, so a file nesting too deeply stops here before the recursion goes deeper.
     */
    private static final class LimitedParser implements Parser {
        private final ParserImpl parser;
        private final String file;
        private final Map<Anchor, Boolean> collectionAnchors = new HashMap<>();
        private int depth;
        private int collectionAliases;

        LimitedParser(LoadSettings settings, String text, String file) {
            this.parser = new ParserImpl(settings, new StreamReader(settings, new InterruptibleReader(text, file)));
            this.file = file;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event event = parser.next();
            if (event instanceof CollectionStartEvent start) {
                if (++depth > MAX_NESTING) {
                    throw limit(file, event, "mappings and lists nest more than " + MAX_NESTING + " levels deep here"
                            + " (not configurable: a compose file nests about six)");
                }
                if (start.getAnchor().isPresent()) {
                    collectionAnchors.put(start.getAnchor().get(), true);
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            } else if (event instanceof AliasEvent alias) {
                if (alias.getAlias() != null && collectionAnchors.containsKey(alias.getAlias())
                        && ++collectionAliases > MAX_COLLECTION_ALIASES) {
                    throw limit(file, event, "more than " + MAX_COLLECTION_ALIASES + " aliases (*name) of mappings or"
                            + " lists (not configurable: a compose file reuses a few shared blocks)");
                }
            } else if (event instanceof NodeEvent node) {
                if (node.getAnchor().isPresent()) {
                    collectionAnchors.remove(node.getAnchor().get());
                }
            }
            return event;
        }
    }

    private static InvalidInputException limit(String file, Event event, String problem) {
        Optional<Mark> mark = event.getStartMark();
        int line = mark.isPresent() ? mark.get().getLine() + 1 : 0;
        return new InvalidInputException(Origin.file(file, line), "is not read: " + problem);
    }

    /**
     * Name the line where the offending construct starts ("opened here") when the parser says where that is ("while
     * scanning a quoted scalar"), and the line where it noticed the problem after it; else the line of the problem.
     */
    private static InvalidInputException notYaml(MarkedYamlEngineException e, String file) {
        Optional<Mark> opened = e.getContextMark()
                .filter(mark -> e.getContext() != null && e.getContext().startsWith("while "));
        Optional<Mark> noticed = e.getProblemMark();
        String problem = OutsideText.excerpt(String.valueOf(e.getProblem()), 200);
        StringBuilder message = new StringBuilder("is not valid YAML: ");
        int line;
        if (opened.isPresent()) {
            line = opened.get().getLine() + 1;
            message.append(OutsideText.excerpt(e.getContext(), 200)).append(" opened here (column ")
                    .append(opened.get().getColumn() + 1).append("): ").append(problem);
            noticed.filter(mark -> mark.getLine() != opened.get().getLine()
                    || mark.getColumn() != opened.get().getColumn())
                    .ifPresent(mark -> message.append(" (line ").append(mark.getLine() + 1).append(", column ")
                            .append(mark.getColumn() + 1).append(')'));
        } else {
            line = noticed.map(mark -> mark.getLine() + 1).orElse(0);
            if (e.getContext() != null && !e.getContext().isEmpty()) { // the composer's errors have an empty one
                message.append(OutsideText.excerpt(e.getContext(), 200)).append(", ");
            }
            message.append(problem);
            noticed.ifPresent(mark -> message.append(" (column ").append(mark.getColumn() + 1).append(')'));
        }
        return new InvalidInputException(Origin.file(file, line), message.toString());
    }

    /** A reader of the text that stops, between chunks, when the thread is interrupted. */
    private static final class InterruptibleReader extends Reader {
        private static final int CHUNK = 4096;
        private final StringReader text;
        private final String file;

        InterruptibleReader(String text, String file) {
            this.text = new StringReader(text);
            this.file = file;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted while reading " + file);
            }
            try {
                return text.read(buffer, offset, Math.min(length, CHUNK));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a string reader does not fail", e);
            }
        }

        @Override
        public void close() {
            // a string reader holds nothing to release, and the composer never closes its reader
        }
    }
}
