/**
 * The stack's lifecycle ({@code docker.start=if-missing}): the compose command line chosen and run, bounded, for just
 * the missing services of this checkout's project ({@link dev.backendconfig.docker.internal.compose.ComposeCli},
 * {@link dev.backendconfig.docker.internal.compose.ChildProcess}); the lease every JVM of a run shares so that one
 * starts and the last one out stops ({@link dev.backendconfig.docker.internal.lifecycle.Lease}); and what was started
 * stopped again, and only that ({@link dev.backendconfig.docker.internal.lifecycle.StackStop}). Its input is one small
 * value, {@link dev.backendconfig.docker.internal.lifecycle.StackSpec}: the project as compose builds it.
 */
package dev.backendconfig.docker.internal.lifecycle;
