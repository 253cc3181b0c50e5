/**
 * This checkout's compose project, exactly as docker compose builds it ({@link
 * dev.backendconfig.docker.internal.compose.ComposeProject}, loaded by {@link
 * dev.backendconfig.docker.internal.compose.ComposeProjects}): its name, files, env files, profiles and services,
 * after compose's merge rules, {@code include} and {@code extends}; reading the YAML with line numbers and within
 * limits; which compose command line is installed ({@link dev.backendconfig.docker.internal.compose.ComposeCli}, one
 * choice for advice and for starting) and how a compose command runs, bounded, with nothing outliving it ({@link
 * dev.backendconfig.docker.internal.compose.ChildProcess}); and
 * predicting each service's host port from the project when the engine cannot be asked.
 */
package dev.backendconfig.docker.internal.compose;
