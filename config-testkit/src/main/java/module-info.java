/**
 * For authors of providers: the provider contract test, loopback HTTP and WebSocket servers, and a log capture that
 * is never registered as an SLF4J binding. JUnit Jupiter runs the contract test's inherited test methods and fills
 * its temporary directory by reflection, hence the package is open to it.
 */
module dev.backendconfig.testkit {
    requires transitive dev.backendconfig.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.slf4j;
    requires org.assertj.core;
    requires java.net.http;

    exports dev.backendconfig.testkit;

    opens dev.backendconfig.testkit to org.junit.platform.commons;
}
