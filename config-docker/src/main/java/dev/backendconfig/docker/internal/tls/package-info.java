/**
 * TLS material for an engine: PEM files, the DER they hold, certificates and private keys read and checked, and the
 * JDK's TLS set up to check the engine's certificate and offer the client's.
 */
package dev.backendconfig.docker.internal.tls;
