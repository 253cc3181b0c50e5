/**
 * {@code explain}: resolve the backend from the shell as the tests would, with the project's class path when given,
 * and print the report, {@code KEY=value} lines or JSON.
 */
package dev.backendconfig.cli;
