/**
 * What this project's own modules need of the core beyond its public API: the declaration of settings by a module
 * that is not a provider (the JUnit extension's {@code junit.on-missing}), and the list of every known setting (the
 * command line's {@code --help}). Not part of the public API: the module exports this package only to those modules
 * ({@code exports ... to} in module-info), so that no user or provider author can come to depend on it.
 */
package dev.backendconfig.api.internal.spi;
