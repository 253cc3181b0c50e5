/**
 * Asking a reachable engine for the services: the running compose containers, the one project they come from, each
 * service's container and container port, where its published port is reached from here, and its readiness.
 */
package dev.backendconfig.docker.internal.discovery;
