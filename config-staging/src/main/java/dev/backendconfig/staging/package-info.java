/**
 * Provider {@code staging} (priority 100): the shared staging deployment described by {@code .env.staging.e2e}, as
 * the last resort, announced with a WARN line.
 */
package dev.backendconfig.staging;
