/**
 * Provider docker's machinery, not exported: finding the engine as the docker CLI does, a small HTTP/1.1 client
 * and JSON reader for the Engine API, choosing the container, and reading compose files with their ports.
 */
package dev.backendconfig.docker.internal;
