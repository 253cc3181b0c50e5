/**
 * {@code explain}: resolve the backend from the shell with every provider it can see, and print the report,
 * {@code KEY=value} lines or JSON. It knows no provider: they are found at run time, never imported.
 */
module dev.backendconfig.cli {
    requires dev.backendconfig.api;
    requires dev.backendconfig.toolkit;

    exports dev.backendconfig.cli;
}
