package dev.backendconfig.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edges of an {@code ssh://} address, read as the docker CLI reads it: user, host, port, and nothing after. */
class SshAddressTest {

    private static final String EXPECTED = "expected ssh://[user@]host[:port]";

    private static EngineAddress parse(String value) {
        return SshAddress.parse(value, Origin.variable("DOCKER_HOST"), "DOCKER_HOST", EXPECTED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the user: 64 characters at most, any of letters, digits, '.', '_' and (not first) '-'
        "ssh://a@h | a | h | 0",
        "ssh://_u.s-e_r9@h | _u.s-e_r9 | h | 0",
        "ssh://.dot@h | .dot | h | 0",
        "ssh://UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU@h"
                + " | UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU | h | 0",
        // the host: a name of letters, digits, '.', '_' and (not first) '-'; a user before the last '@'
        "ssh://h | '' | h | 0",
        "ssh://9box-1.example_test | '' | 9box-1.example_test | 0",
        "ssh://_h | '' | _h | 0",
        // ports 1 to 65535, five digits at most, a leading zero allowed
        "ssh://h:1 | '' | h | 1",
        "ssh://h:65535 | '' | h | 65535",
        "ssh://h:00022 | '' | h | 22",
        "ssh://u@h:2222/ | u | h | 2222",
        // IPv6 in brackets, with or without a port
        "ssh://[::1] | '' | ::1 | 0",
        "ssh://u@[fd00::1]:65535 | u | fd00::1 | 65535",
        "ssh://[::ffff:10.0.0.1]:22/ | '' | ::ffff:10.0.0.1 | 22",
    })
    void readsTheUserHostAndPortAtTheEdgesOfWhatIsAllowed(String value, String user, String host, int port) {
        assertThat(parse(value)).isEqualTo(EngineAddress.ssh(user, host, port, "DOCKER_HOST"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ssh://UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU@h | got an ssh address whose user (not"
                + " shown) is not a plain user name",
        "ssh://@h | got an ssh address whose user (not shown) is not a plain user name",
        "ssh://a@b@h | got an ssh address whose user (not shown) is not a plain user name",
        "ssh://me:@h | got an ssh address with a password (not shown), which ssh cannot be given; log in with a key or"
                + " ssh-agent and write ssh://user@host",
        "ssh://-h | got an ssh address whose host is not a valid host name",
        "ssh://h!x | got an ssh address whose host is not a valid host name",
        "ssh://:22 | got an ssh address without a host",
        "ssh://u@:22 | got an ssh address without a host",
        "ssh://h: | got an ssh address whose port is not a number",
        "ssh://h:123456 | got an ssh address whose port is not a number",
        "ssh://h:-1 | got an ssh address whose port is not a number",
        "ssh://h:65536 | got port 65536, outside 1-65535",
        "ssh://h:99999 | got port 99999, outside 1-65535",
        "ssh://h:00000 | got port 0, outside 1-65535",
        "ssh://h?x=1 | got an ssh address with a path or query after the host, which the docker CLI does not take"
                + " either",
        "ssh://h#top | got an ssh address with a path or query after the host, which the docker CLI does not take"
                + " either",
        "ssh://h// | got an ssh address with a path or query after the host, which the docker CLI does not take"
                + " either",
        "ssh://h/?x | got an ssh address with a path or query after the host, which the docker CLI does not take"
                + " either",
        "ssh://h?a/ | got an ssh address with a path or query after the host, which the docker CLI does not take"
                + " either",
        "ssh://h#/ | got an ssh address with a path or query after the host, which the docker CLI does not take"
                + " either",
        "ssh://h?/ | got an ssh address with a path or query after the host, which the docker CLI does not take"
                + " either",
        "ssh://[::1 | got an ssh address whose IPv6 host is not valid",
        "ssh://[] | got an ssh address whose IPv6 host is not valid",
        "ssh://[:] | got an ssh address whose IPv6 host is not valid",
        "ssh://[::1]x | got an ssh address whose port is not a number",
        "ssh://[::1]:0 | got port 0, outside 1-65535",
        // a separator right after ssh:// (the end of the authority at its very start); the port is read before the host
        "ssh:/// | got an ssh address without a host",
        "ssh:///x | got an ssh address with a path or query after the host, which the docker CLI does not take either",
        "ssh://?/ | got an ssh address with a path or query after the host, which the docker CLI does not take either",
        "ssh://:x | got an ssh address whose port is not a number",
    })
    void refusesWhatIsJustPastTheEdges(String value, String problem) {
        assertThatThrownBy(() -> parse(value)).isInstanceOf(InvalidInputException.class)
                .hasMessage("variable DOCKER_HOST: " + EXPECTED + ", " + problem);
    }
}
