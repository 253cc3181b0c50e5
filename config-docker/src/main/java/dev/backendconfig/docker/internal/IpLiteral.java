package dev.backendconfig.docker.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Tell whether text is exactly an IP address literal — {@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::},
 * {@code ::1}, {@code fe80::1} — and nothing more: no port, path, fragment, zone, space or name. An engine's
 * {@code IP} and a compose file's {@code host_ip} go into a URL's host, so {@code 127.0.0.1#x} or
 * {@code 127.0.0.1 x} must be refused rather than produce a corrupted URL.
 */
public final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {
    }

    /** Tell whether {@code text} is an IPv4 or IPv6 address literal (IPv6 without brackets). */
    public static boolean isValid(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            // a text with ':' is parsed as an IPv6 literal and never looked up in DNS
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
