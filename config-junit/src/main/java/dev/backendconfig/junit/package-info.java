/**
 * The JUnit Jupiter extension: {@link dev.backendconfig.junit.BackendTest} (or a registered
 * {@link dev.backendconfig.junit.BackendExtension}) resolves the backend once per run, injects it into parameters and
 * fields ({@link dev.backendconfig.junit.BackendUrl}, {@link dev.backendconfig.junit.HttpUrl},
 * {@link dev.backendconfig.junit.WebSocketUrl}), fails or skips when there is none, and probes the services before tests
 * marked {@link dev.backendconfig.junit.RequiresReachableService} or {@link dev.backendconfig.junit.RequiresReachableBackend}.
 */
package dev.backendconfig.junit;
