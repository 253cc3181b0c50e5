/**
 * Provider {@code env} (priority 300): the backend's URL from setting {@code url} or the first set variable of
 * {@code env.url-variables}, the WebSocket URL likewise or derived from it.
 */
package dev.backendconfig.env;
