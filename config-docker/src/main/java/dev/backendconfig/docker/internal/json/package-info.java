/** A small, bounded JSON reader and writer for the Engine API's replies and the docker CLI's files. */
package dev.backendconfig.docker.internal.json;
