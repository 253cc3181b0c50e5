package dev.backendconfig.docker.internal.engine;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;

/**
 * Read {@code ssh://[user@]host[:port]} as the docker CLI does: no password (ssh logs in with keys or an agent),
 * no path. The user and host become arguments of {@code ssh}, so they are held to the characters user and host
 * names use, and may not start with {@code -}. A message never shows the user info.
 */
final class SshAddress {

    private static final String USER = "[A-Za-z0-9._][A-Za-z0-9._-]{0,63}";
    private static final String HOST = "[A-Za-z0-9_][A-Za-z0-9._-]{0,252}";
    private static final String IPV6 = "[0-9A-Fa-f:.]{2,45}";

    private SshAddress() {
    }

    /**
     * Parse the address.
     *
     * @param expected what a valid value looks like, for messages
     * @throws InvalidInputException when the address is malformed
     */
    static EngineAddress parse(String value, Origin origin, String why, String expected) {
        String rest = value.substring(value.indexOf("://") + 3);
        int end = firstOf(rest, "/?#");
        String authority = end < 0 ? rest : rest.substring(0, end);
        String user = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            user = authority.substring(0, at);
            authority = authority.substring(at + 1);
            if (user.contains(":")) {
                throw new InvalidInputException(origin, expected + ", got an ssh address with a password"
                        + " (not shown), which ssh cannot be given; log in with a key or ssh-agent and write"
                        + " ssh://user@host");
            }
            if (!user.matches(USER)) {
                throw new InvalidInputException(origin, expected + ", got an ssh address whose user"
                        + " (not shown) is not a plain user name");
            }
        }
        if (end >= 0 && !rest.substring(end).equals("/")) {
            throw new InvalidInputException(origin, expected + ", got an ssh address with a path or"
                    + " query after the host, which the docker CLI does not take either");
        }
        String host;
        int port = 0;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !authority.substring(1, close).matches(IPV6)) {
                throw new InvalidInputException(origin, expected + ", got an ssh address whose IPv6"
                        + " host is not valid");
            }
            host = authority.substring(1, close);
            port = port(authority.substring(close + 1), origin, expected);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? 0 : port(authority.substring(colon), origin, expected);
            if (host.isEmpty()) {
                throw new InvalidInputException(origin, expected + ", got an ssh address without a"
                        + " host");
            }
            if (!host.matches(HOST)) {
                throw new InvalidInputException(origin, expected + ", got an ssh address whose host is"
                        + " not a valid host name");
            }
        }
        return EngineAddress.ssh(user, host, port, why);
    }

    private static int port(String text, Origin origin, String expected) {
        if (text.isEmpty()) {
            return 0;
        }
        if (!text.matches(":[0-9]{1,5}")) {
            throw new InvalidInputException(origin, expected + ", got an ssh address whose port is not a"
                    + " number");
        }
        int port = Integer.parseInt(text.substring(1));
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(origin, expected + ", got port " + port + ", outside 1-65535");
        }
        return port;
    }

    private static int firstOf(String text, String characters) {
        int first = -1;
        for (char c : characters.toCharArray()) {
            int index = text.indexOf(c);
            if (index >= 0 && (first < 0 || index < first)) {
                first = index;
            }
        }
        return first;
    }
}
