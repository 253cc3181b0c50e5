/** A modular project that finds its backend with backend-config, on the module path. */
module dev.backendconfig.consumers.modulepath {
    requires dev.backendconfig.api;

    exports dev.backendconfig.consumers.modulepath;
}
