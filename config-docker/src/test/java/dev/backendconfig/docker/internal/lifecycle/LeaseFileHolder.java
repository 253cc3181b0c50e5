package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.toolkit.Origin;
import java.nio.file.Path;
import java.time.Duration;

/** Another process that takes a lease file's lock and holds it until it is killed: run by {@link LeaseFileTest}. */
public final class LeaseFileHolder {

    private LeaseFileHolder() {
    }

    public static void main(String[] args) throws Exception {
        LeaseFile lease = LeaseFile.of(Path.of(args[0]), "unix:///e", "shop");
        try (LeaseFile.Locked locked = lease.lock(Duration.ofSeconds(30), Origin.other("holder"), waited -> { })) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
