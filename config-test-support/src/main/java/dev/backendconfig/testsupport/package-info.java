/**
 * Helpers this project's own tests share and provider authors do not need (not published): a fake Docker engine
 * answering with replies recorded from a real one, the real-Docker tests' compose stack, small test providers and
 * the staging example.
 */
package dev.backendconfig.testsupport;
