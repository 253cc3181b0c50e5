/**
 * The resolver's machinery, not exported by the module: loading providers one services entry at a time, their
 * order, running each on its own thread within the budget, the setting sources and the check of unknown keys.
 */
package dev.backendconfig.api.internal;
