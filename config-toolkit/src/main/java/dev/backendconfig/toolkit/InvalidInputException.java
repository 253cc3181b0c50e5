package dev.backendconfig.toolkit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Thrown by a provider, or by a toolkit reader it calls, when explicit input is wrong: a malformed variable, a setting
 * of the wrong type, a dotenv line that cannot be read, {@code ${VAR:?message}} with {@code VAR} unset, a file that is
 * not a regular file.
 *
 * <p>It is never a reason to fall back to another provider: the user asked for something specific and must learn that
 * it is broken. The resolver stops there and reports it to the tests as the core's invalid-configuration error, with
 * the same {@link #code()}, the provider's name and the report so far. The message names the origin (variable,
 * setting, file and line) and what would be valid; it never contains the value, which may be a secret, and the problem
 * is kept on one line ({@link OutsideText#oneLine(String)}), since it may quote a name from outside.
 *
 * <p>Each kind of problem has a stable code, {@code BCFG} and five digits, by module: {@code BCFG00xxx} the core,
 * {@code BCFG01xxx} this toolkit, {@code BCFG02xxx} provider env, {@code BCFG03xxx} provider docker, {@code BCFG04xxx}
 * provider staging, {@code BCFG05xxx} the JUnit extension. A provider of your own may use {@link #GENERIC}, or codes of
 * its own outside those ranges; the README's error catalogue explains every code of this project.
 */
@API(status = STABLE, since = "1.0")
public class InvalidInputException extends RuntimeException {

    /** The code of a problem a provider found by its own checks, when it names no code of its own. */
    public static final String GENERIC = "BCFG01000";

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("BCFG[0-9]{5}");

    private final String code;
    private final Origin origin;
    private final String problem;

    /**
     * Create the exception for a problem found at {@code origin}, with code {@link #GENERIC}.
     *
     * @param origin where the wrong value came from
     * @param problem what was expected and what was found, without the value itself
     */
    public InvalidInputException(Origin origin, String problem) {
        this(GENERIC, origin, problem, null);
    }

    /** Create the exception for a problem found at {@code origin}, caused by {@code cause}, with code {@link #GENERIC}. */
    public InvalidInputException(Origin origin, String problem, Throwable cause) {
        this(GENERIC, origin, problem, cause);
    }

    /**
     * Create the exception with a code of its own.
     *
     * @param code {@code BCFG} and five digits, for example {@code BCFG01002}
     * @param origin where the wrong value came from
     * @param problem what was expected and what was found, without the value itself
     */
    public InvalidInputException(String code, Origin origin, String problem) {
        this(code, origin, problem, null);
    }

    /**
     * Create the exception with a code of its own and a cause.
     *
     * @param code {@code BCFG} and five digits, for example {@code BCFG01002}
     * @param origin where the wrong value came from
     * @param problem what was expected and what was found, without the value itself
     * @param cause what caused it, or null
     */
    public InvalidInputException(String code, Origin origin, String problem, Throwable cause) {
        super(Objects.requireNonNull(origin, "origin").describe() + ": "
                + OutsideText.oneLine(Objects.requireNonNull(problem, "problem")), cause);
        if (!CODE.matcher(Objects.requireNonNull(code, "code")).matches()) {
            throw new IllegalArgumentException("an error code is BCFG and five digits, such as BCFG01000");
        }
        this.code = code;
        this.origin = origin;
        this.problem = OutsideText.oneLine(problem);
    }

    /** Return the stable code of this kind of problem, for example {@code BCFG01002}. */
    public String code() {
        return code;
    }

    /** Return where the wrong value came from. */
    public Origin origin() {
        return origin;
    }

    /** Return what is wrong with it, without the place. */
    public String problem() {
        return problem;
    }

    /** Return the class, the code and the message: {@code ...InvalidInputException [BCFG01002]: variable X: ...}. */
    @Override
    public String toString() {
        return getClass().getName() + " [" + code + "]: " + getLocalizedMessage();
    }
}
