/**
 * Asking a reachable engine for the services: the compose containers, running or not; which projects are this
 * checkout's ({@link dev.backendconfig.docker.internal.discovery.ProjectOwnership}); each service's exact compose
 * service, container and container port; where its published port is reached from here; its readiness; and, when
 * this checkout's stack is stopped or half up, what to say and the command that starts it.
 */
package dev.backendconfig.docker.internal.discovery;
