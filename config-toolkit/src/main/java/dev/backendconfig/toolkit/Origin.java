package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a value came from: a variable, a system property, a file and line, a derivation, or a place a provider
 * describes itself (a container, an API reply).
 *
 * <p>Origins are what the report and every error message show instead of the value itself, so that a
 * person can find the value without the library ever printing it.
 *
 * @param kind what sort of place it is
 * @param location the name of the place: a variable name, a file path, or a provider's own description
 * @param line the 1-based line within a file, or 0 when the place has no lines
 */
@API(status = STABLE, since = "1.0")
public record Origin(Kind kind, String location, int line) {

    /** The sorts of places a value can come from. */
    @API(status = STABLE, since = "1.0")
    public enum Kind {
        /** A JVM system property. */
        SYSTEM_PROPERTY("system property"),
        /** An environment variable. */
        VARIABLE("variable"),
        /** A line of a file (dotenv, compose file, properties). */
        FILE("file"),
        /** A setting handed in by code or a command line: {@code TestContext.resolve(Map)}, {@code --set}. */
        OVERRIDE("setting"),
        /** A built-in default. */
        DEFAULT("default"),
        /** Computed from another value, for example a WebSocket URL from an HTTP URL. */
        DERIVED("derived from"),
        /** Anything else a custom provider wants to name. */
        OTHER("");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Return how this kind is written in front of a location, for example {@code "variable"}. */
        public String label() {
            return label;
        }
    }

    public Origin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (none) or positive, got " + line);
        }
    }

    /** Return the origin of a JVM system property. */
    public static Origin systemProperty(String name) {
        return new Origin(Kind.SYSTEM_PROPERTY, name, 0);
    }

    /** Return the origin of an environment variable. */
    public static Origin variable(String name) {
        return new Origin(Kind.VARIABLE, name, 0);
    }

    /** Return the origin of a line in a file; {@code line} is 1-based. */
    public static Origin file(String path, int line) {
        return new Origin(Kind.FILE, path, line);
    }

    /**
     * Return the origin of a setting handed in by code or a command line.
     *
     * @param key the setting's key
     * @param source what handed it in, for example {@code "--set"}
     */
    public static Origin override(String key, String source) {
        return new Origin(Kind.OVERRIDE, key + " given to " + source, 0);
    }

    /** Return the origin of a built-in default. */
    public static Origin defaultValue(String name) {
        return new Origin(Kind.DEFAULT, name, 0);
    }

    /** Return the origin of a value computed from another one, described by {@code from}. */
    public static Origin derived(String from) {
        return new Origin(Kind.DERIVED, from, 0);
    }

    /**
     * Return an origin described in free text, for places the other kinds do not cover: a provider's own sources,
     * for example {@code "container alpine-test-backend (3f2a9c1b7d4e)"}.
     */
    public static Origin other(String description) {
        return new Origin(Kind.OTHER, description, 0);
    }

    /**
     * Return the origin as a person reads it: {@code "variable TEST_BACKEND_URL"}, {@code "/repo/.env.staging.e2e:3"};
     * on one line, since a file or variable name may hold any character ({@link OutsideText#oneLine(String)}).
     */
    public String describe() {
        String shown = OutsideText.oneLine(location);
        // an if-chain, not a switch on the enum (a class of its own in the jar: see the parent pom)
        if (kind == Kind.FILE) {
            return line > 0 ? shown + ":" + line : shown;
        }
        return kind == Kind.OTHER ? shown : kind.label() + " " + shown;
    }

    // equals and hashCode are written out, with the meaning a record's own have: those are bootstrapped through
    // method handles at their first call, a cost a first resolution (which compares origins) would pay in a fresh JVM

    @Override
    public final boolean equals(Object other) {
        return other instanceof Origin origin && kind == origin.kind && location.equals(origin.location)
                && line == origin.line;
    }

    @Override
    public final int hashCode() {
        return (31 * kind.hashCode() + location.hashCode()) * 31 + line;
    }

    @Override
    public String toString() {
        return describe();
    }
}
