/**
 * The JUnit extension's declaration of its setting {@code junit.on-missing}, found through
 * {@link java.util.ServiceLoader}. Not exported.
 */
package dev.backendconfig.junit.internal;
