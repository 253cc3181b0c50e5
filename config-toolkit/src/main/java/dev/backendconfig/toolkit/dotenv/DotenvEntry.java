package dev.backendconfig.toolkit.dotenv;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One variable of a dotenv file.
 *
 * @param name the variable's name
 * @param value its value, unquoted, unescaped and interpolated
 * @param line the 1-based line on which the entry starts
 */
@API(status = STABLE, since = "1.0")
public record DotenvEntry(String name, String value, int line) {

    public DotenvEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Return a description that never shows the value: {@code "STAGING_BASE_URL (line 2)"}. */
    @Override
    public String toString() {
        return name + " (line " + line + ")";
    }
}
