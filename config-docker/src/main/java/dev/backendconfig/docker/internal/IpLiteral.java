package dev.backendconfig.docker.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Tell whether text is exactly an IP address literal — {@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::},
 * {@code ::1}, {@code fe80::1} — and nothing more: no port, path, fragment, zone, space or name. An engine's
 * {@code IP} and a compose file's {@code host_ip} go into a URL's host, so {@code 127.0.0.1#x} or
 * {@code 127.0.0.1 x} must be refused rather than produce a corrupted URL.
 */
public final class IpLiteral {


    private IpLiteral() {
    }

    /** Tell whether {@code text} is an IPv4 or IPv6 address literal (IPv6 without brackets). */
    public static boolean isValid(String text) {
        if (Scans.isIpv4(text)) {
            return true;
        }
        if (!text.contains(":") || !Scans.isIpv6Text(text)) {
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
