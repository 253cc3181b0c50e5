/**
 * {@code explain}: resolve the backend from the shell with every provider it can see, and print the report,
 * {@code KEY=value} lines or JSON. It knows no provider: they are found at run time, never imported.
 */
module dev.backendconfig.cli {
    requires dev.backendconfig.api;
    requires dev.backendconfig.toolkit;
    // the command's own SLF4J provider (dev.backendconfig.cli.logs), registered in the runnable jar only
    requires org.slf4j;

    exports dev.backendconfig.cli;
}
