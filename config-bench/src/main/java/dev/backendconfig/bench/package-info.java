/**
 * Benchmarks side by side with what users would pick instead (not published; run by {@code scripts/bench.sh}).
 */
package dev.backendconfig.bench;
