package dev.backendconfig.maven;

import dev.backendconfig.api.BackendConfigException;
import dev.backendconfig.api.InvalidConfigurationException;
import dev.backendconfig.api.ProviderFailedException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Why a goal fails the build: the user's configuration or services ({@link MojoFailureException}: "BUILD FAILURE"
 * with the message), or a provider that broke ({@link MojoExecutionException}: a bug to report).
 *
 * @param broken true for a provider that threw, a bug rather than the user's problem
 * @param message the whole message, the report included; never a secret (the library masks them)
 * @param cause the exception behind it
 */
record Failure(boolean broken, String message, BackendConfigException cause) {

    /** The user's configuration is wrong: the message names where (setting, variable, file and line). */
    static Failure of(InvalidConfigurationException invalid) {
        return new Failure(false, "backend-config: invalid configuration [" + invalid.code() + "]: " + invalid.getMessage(), invalid);
    }

    /** A provider threw. */
    static Failure of(ProviderFailedException broken) {
        return new Failure(true, "backend-config: " + broken.getMessage(), broken);
    }

    /** Nothing was found, or what was found did not answer: the message is the report and what to do. */
    static Failure of(BackendConfigException notFound) {
        return new Failure(false, "backend-config: " + notFound.getMessage(), notFound);
    }

    /** Not ready in time: the message is the report and each probe's answer. */
    static Failure notReady(String message) {
        return new Failure(false, "backend-config: " + message, null);
    }

    /** Fail the build. */
    void raise() throws MojoExecutionException, MojoFailureException {
        if (broken) {
            throw new MojoExecutionException(message, cause);
        }
        throw new MojoFailureException(message, cause);
    }
}
