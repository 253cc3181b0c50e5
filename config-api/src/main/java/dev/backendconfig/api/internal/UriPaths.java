package dev.backendconfig.api.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Join a path onto a base URL with URI rules, never doubling a segment.
 *
 * <p>An absolute path ({@code /ws/chat}) replaces the base path, as in RFC 3986. A relative path ({@code chat},
 * {@code ws/test}) is appended to the base path treated as a directory; when the relative path begins with the
 * segments the base path ends with, they are not repeated, so {@code ws://h/ws} + {@code ws/test} is
 * {@code ws://h/ws/test}, never {@code /ws/ws/test}. The result is normalised ({@code .} and {@code ..} removed).
 */
public final class UriPaths {

    private UriPaths() {
    }

    /** Return {@code base} with {@code path} (which may carry a query) joined onto it. */
    public static URI join(URI base, String path) {
        if (path == null || path.isEmpty()) {
            return base;
        }
        if (path.contains("://") || path.startsWith("//")) {
            throw new IllegalArgumentException("expected a path such as /ws/chat or chat, got an absolute URL;"
                    + " use that URL directly instead of joining it");
        }
        int question = path.indexOf('?');
        String rawPath = question >= 0 ? path.substring(0, question) : path;
        String rawQuery = question >= 0 ? path.substring(question + 1) : base.getRawQuery();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String joined = rawPath.startsWith("/") ? rawPath : appendWithoutOverlap(basePath, rawPath);
        StringBuilder text = new StringBuilder(base.getScheme()).append("://").append(base.getRawAuthority())
                .append(joined.isEmpty() || joined.startsWith("/") ? joined : "/" + joined);
        if (rawQuery != null) {
            text.append('?').append(rawQuery);
        }
        try {
            return URI.create(text.toString()).normalize();
        } catch (IllegalArgumentException e) {
            // no cause: its message quotes the whole URL, user info included
            throw new IllegalArgumentException("expected a path such as /ws/chat, got one that cannot be part of a URL ("
                    + e.getMessage().replace(text, "<joined URL>") + ")");
        }
    }

    private static String appendWithoutOverlap(String basePath, String relative) {
        List<String> baseSegments = segments(basePath);
        List<String> relativeSegments = segments(relative);
        int overlap = longestOverlap(baseSegments, relativeSegments);
        List<String> result = new ArrayList<>(baseSegments);
        result.addAll(relativeSegments.subList(overlap, relativeSegments.size()));
        String joined = "/" + String.join("/", result);
        return relative.endsWith("/") && !joined.endsWith("/") ? joined + "/" : joined;
    }

    private static int longestOverlap(List<String> base, List<String> relative) {
        for (int size = Math.min(base.size(), relative.size()); size > 0; size--) {
            if (base.subList(base.size() - size, base.size()).equals(relative.subList(0, size))) {
                return size;
            }
        }
        return 0;
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }
}
