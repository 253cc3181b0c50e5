package dev.backendconfig.docker.internal;

/**
 * The codes of provider docker's own errors, {@code BCFG03xxx}: this checkout's stack runs but cannot answer as asked
 * (never a fall to another environment). Wrong input it reads — an engine address, TLS files, a context, a compose
 * file — carries the toolkit's codes. The manual's error catalogue has a row for each.
 */
public final class DockerErrors {

    /** This checkout's stack runs, but a required service of it is stopped, missing or not ready. */
    public static final String HALF_UP = "BCFG03001";
    /** A required service matches no compose service of the project exactly (the message may say "did you mean"). */
    public static final String NO_SUCH_SERVICE = "BCFG03002";
    /**
     * Several compose projects of this checkout run at once, or a start ({@code docker.start=if-missing}) would make a
     * second one beside this checkout's stack running under another project name.
     */
    public static final String SEVERAL_PROJECTS = "BCFG03003";
    /** Several compose services could be one service, or two services resolve to one compose service. */
    public static final String AMBIGUOUS = "BCFG03004";
    /** A start of the stack ({@code docker.start=if-missing}) failed; what it started was stopped again. */
    public static final String START_FAILED = "BCFG03005";
    /**
     * A project with this checkout's project name runs on the engine, but was started from compose files that are not
     * this checkout's (another clone, worktree or directory with the same name), and none of this checkout's runs.
     */
    public static final String NAME_CLASH = "BCFG03006";

    private DockerErrors() {
    }
}
