/**
 * Provider {@code docker} (priority 200): the host port a running compose service really publishes, or the port
 * predicted from the compose file when the engine cannot be reached.
 */
package dev.backendconfig.docker;
