/**
 * The dotenv dialect docker compose reads, shared by the staging file and compose's {@code .env}: parsing with file
 * and line for every value, and {@code ${VAR:-default}} interpolation. Errors name the file and line, never the
 * value.
 */
package dev.backendconfig.toolkit.dotenv;
