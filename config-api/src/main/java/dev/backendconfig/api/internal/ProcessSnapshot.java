package dev.backendconfig.api.internal;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a resolution reads of the real process, taken once: the environment, a copy of the system properties, and the
 * class loader that sees the project's resources. Nothing else in the library reads these globals.
 *
 * @param environment the environment variables
 * @param systemProperties the system properties, copied
 * @param resources the thread's context class loader, else the library's own
 */
public record ProcessSnapshot(Map<String, String> environment, Map<String, String> systemProperties,
        ClassLoader resources) {

    /** Take the snapshot now. */
    public static ProcessSnapshot now() {
        Map<String, String> properties = new TreeMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new ProcessSnapshot(System.getenv(), properties,
                loader != null ? loader : ProcessSnapshot.class.getClassLoader());
    }
}
