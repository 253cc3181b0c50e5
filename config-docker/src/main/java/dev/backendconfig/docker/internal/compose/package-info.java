/**
 * Compose files: finding them as docker compose does, reading their YAML with line numbers, their services and
 * ports, and predicting each service's host port from them when the engine cannot be asked.
 */
package dev.backendconfig.docker.internal.compose;
