/**
 * backend-config's toolkit, beneath the core and every provider: what provider authors share and the core uses itself.
 * It knows nothing of providers or resolution; it reads outside input safely and says where it came from.
 */
module dev.backendconfig.toolkit {
    requires transitive org.apiguardian.api;

    exports dev.backendconfig.toolkit;
    exports dev.backendconfig.toolkit.dotenv;
}
