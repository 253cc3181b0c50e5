/** A modular project's own code, which asks backend-config where the backend is. */
package dev.backendconfig.consumers.modulepath;
