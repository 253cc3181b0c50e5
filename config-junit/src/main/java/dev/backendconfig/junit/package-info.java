/**
 * The JUnit Jupiter extension: {@link dev.backendconfig.junit.BackendTest} (or a registered
 * {@link dev.backendconfig.junit.BackendExtension}) resolves the backend once per run, injects it into parameters and
 * fields, fails or skips when there is none, and probes it before tests marked
 * {@link dev.backendconfig.junit.RequiresReachableBackend}.
 */
package dev.backendconfig.junit;
