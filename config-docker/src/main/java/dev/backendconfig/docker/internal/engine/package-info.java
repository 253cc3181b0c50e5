/**
 * Finding the engine as the docker CLI does: setting {@code docker.host}, {@code DOCKER_HOST}, the CLI's contexts,
 * Podman's {@code CONTAINER_HOST}, the usual sockets; reading its address (unix, tcp, ssh) and the TLS rules that
 * apply to it; and telling what kind of engine answered.
 */
package dev.backendconfig.docker.internal.engine;
