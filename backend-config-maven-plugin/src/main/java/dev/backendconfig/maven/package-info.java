/**
 * The goals of backend-config-maven-plugin: {@code explain}, {@code start}, {@code wait} and {@code stop}, around a
 * project's integration tests. Not a Java API: use the goals from a POM.
 */
package dev.backendconfig.maven;
