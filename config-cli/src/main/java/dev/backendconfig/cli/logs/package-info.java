/** The command's SLF4J provider, registered in the runnable jar only; not exported. */
package dev.backendconfig.cli.logs;
