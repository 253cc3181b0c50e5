package dev.backendconfig.docker.internal.lifecycle;

import dev.backendconfig.docker.internal.engine.EngineAddress;
import dev.backendconfig.docker.internal.tls.TlsMaterial;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a compose child process needs to reach the engine the resolution found, whatever the caller's own variables
 * say: {@code DOCKER_HOST} (and Podman's {@code CONTAINER_HOST}), the TLS variables, and no {@code DOCKER_CONTEXT}
 * (the docker CLI lets {@code DOCKER_HOST} win over a context; compose v1 does not know contexts at all).
 *
 * @param key the engine as the lease files tell engines apart: its address, a Unix socket by its real path
 * @param set the variables set for the child
 * @param unset the variables removed from the child's environment
 * @param podman whether the engine said it is Podman
 * @param shown the engine for messages, user info masked
 */
public record ChildEngine(String key, Map<String, String> set, List<String> unset, boolean podman, String shown) {

    public ChildEngine {
        set = Map.copyOf(set);
        unset = List.copyOf(unset);
    }

    /** Return what a child needs to reach the engine at {@code address}. */
    public static ChildEngine of(EngineAddress address, boolean podman) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> unset = new java.util.ArrayList<>(List.of("DOCKER_CONTEXT"));
        String host = address.dockerHost();
        set.put("DOCKER_HOST", host);
        if (podman && address.isUnix()) {
            set.put("CONTAINER_HOST", host);
        }
        TlsMaterial tls = address.tls();
        if (tls != null) {
            set.put("DOCKER_TLS_VERIFY", "1");
            Path file = tls.cert() != null ? tls.cert() : tls.ca();
            if (file != null && file.getParent() != null) {
                set.put("DOCKER_CERT_PATH", file.getParent().toString());
            }
        } else {
            unset.addAll(List.of("DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH"));
        }
        return new ChildEngine(key(address), set, unset, podman, address.uri());
    }

    private static String key(EngineAddress address) {
        if (address.isUnix()) {
            try {
                return "unix://" + address.socket().toRealPath();
            } catch (IOException | SecurityException e) {
                return "unix://" + address.socket().toAbsolutePath().normalize();
            }
        }
        return address.uri();
    }

    /** Return {@code environment} as the child sees it: the engine's variables set, the others it must not see gone. */
    public Map<String, String> applyTo(Map<String, String> environment) {
        Map<String, String> child = new java.util.TreeMap<>(environment);
        unset.forEach(child::remove);
        child.putAll(set);
        return child;
    }
}
