package dev.backendconfig.docker.internal.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import dev.backendconfig.toolkit.Origin;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposePortTest {

    private static final Origin ORIGIN = Origin.file("/repo/docker/docker-compose.alpine-test.yml", 7);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "8000                 | ''          | none | 8000",
        "8002:8000            | ''          | 8002 | 8000",
        "127.0.0.1:8002:8000  | 127.0.0.1   | 8002 | 8000",
        "127.0.0.1::8000      | 127.0.0.1   | none | 8000",
        "[::1]:8002:8000      | ::1         | 8002 | 8000",
        "::1:8002:8000        | ::1         | 8002 | 8000",
        "8002:8000/tcp        | ''          | 8002 | 8000",
        "8000-8001:8000-8001  | ''          | 8000 | 8000",
        "9000-9001:8000-8001  | ''          | 9000 | 8000",
        "1:65535              | ''          | 1    | 65535",
        "65535:1              | ''          | 65535 | 1",
        "8000-8000:8000       | ''          | 8000 | 8000",
        "8000-8001            | ''          | none | 8000",
        "9000-9009:8000       | ''          | none | 8000",
        ":8000                | ''          | none | 8000",
        ":8002:8000           | ''          | 8002 | 8000",
        "::8000               | ''          | none | 8000",
    })
    void readsTheShortSyntax(String entry, String hostIp, Integer hostPort, int containerPort) {
        ComposePort port = ComposePort.parseShort(entry, ORIGIN);
        assertThat(port.hostIp()).isEqualTo(hostIp);
        assertThat(port.maps(containerPort)).isTrue();
        assertThat(port.hostPortFor(containerPort)).isEqualTo(Optional.ofNullable(hostPort));
    }

    @ParameterizedTest(name = "{0} maps 8001 to {1}")
    @CsvSource({"9000-9001:8000-8001, 9001", "8000-8010:8000-8010, 8001"})
    void mapsWithinRanges(String entry, int hostPort) {
        assertThat(ComposePort.parseShort(entry, ORIGIN).hostPortFor(8001)).contains(hostPort);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8002:8000/udp", "8002:9000"})
    void doesNotMapWhatItDoesNot(String entry) {
        assertThat(ComposePort.parseShort(entry, ORIGIN).maps(8000)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "abc:8000   | ports entry 'abc:8000': the host port 'abc' is not a port from 1 to 65535",
        "8002:      | ports entry '8002:': there is no container port after the last ':'",
        "70000:8000 | ports entry '70000:8000': the host port 70000 is outside 1-65535",
        "8002:0     | ports entry '8002:0': the container port 0 is outside 1-65535",
        "100000:8000 | ports entry '100000:8000': the host port 100000 is outside 1-65535",
        "8002:65536 | ports entry '8002:65536': the container port 65536 is outside 1-65535",
        "1000000:8000 | ports entry '1000000:8000': the host port '1000000' is not a port from 1 to 65535",
        "-5:8000    | ports entry '-5:8000': the host port '-5' is not a port from 1 to 65535",
        ":::8000    | ports entry ':::8000': the host address ':' is not an IP address such as 127.0.0.1 or ::1 (a host"
                + " name or anything after the address cannot be bound)",
        "/udp       | ports entry '/udp': the container port '' is not a port from 1 to 65535",
        "8002:8000/http | ports entry '8002:8000/http': the protocol 'http' is not tcp, udp or sctp",
        "9000-8000:8000 | ports entry '9000-8000:8000': the host port range '9000-8000' ends before it starts",
        "9000-9002:8000-8001 | ports entry '9000-9002:8000-8001': the host range 9000-9002 and the container range"
                + " 8000-8001 differ in length",
        "8005:8000-8010 | ports entry '8005:8000-8010': the host port 8005 and the container range 8000-8010 differ in"
                + " length",
    })
    void badEntriesNameTheFileAndLine(String entry, String problem) {
        assertThatThrownBy(() -> ComposePort.parseShort(entry, ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/docker/docker-compose.alpine-test.yml:7: " + problem);
    }

    @ParameterizedTest(name = "published={0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "8002       | 8002",
        "'8002'     | 8002",
        "8002-8003  | none",
        "none       | none",
    })
    void readsTheLongSyntax(String published, Integer hostPort) {
        ComposePort port = ComposePort.parseLong(Optional.of("8000"), Optional.ofNullable(published)
                .map(p -> p.replace("'", "")), Optional.of("127.0.0.1"), Optional.of("tcp"), "8000", ORIGIN);
        assertThat(port.hostIp()).isEqualTo("127.0.0.1");
        assertThat(port.hostPortFor(8000)).isEqualTo(Optional.ofNullable(hostPort));
    }

    @org.junit.jupiter.api.Test
    void aBlankPublishedPortOrProtocolInTheLongSyntaxIsLeftToItsDefault() {
        ComposePort port = ComposePort.parseLong(Optional.of("8000"), Optional.of("  "), Optional.empty(),
                Optional.of(" "), "8000", ORIGIN);
        assertThat(port.hostPortFor(8000)).isEmpty();
        assertThat(port.maps(8000)).isTrue();
        assertThat(port.protocol()).isEqualTo("tcp");
        assertThat(ComposePort.parseLong(Optional.of("8000"), Optional.of(" 8002 "), Optional.empty(),
                Optional.of(" UDP "), "8000", ORIGIN).protocol()).isEqualTo("udp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'' | ports entry 'target: ': the long syntax needs 'target', the container port",
        "x  | ports entry 'target: x': the target 'x' is not a port from 1 to 65535",
    })
    void aBadLongEntryIsAnError(String target, String problem) {
        assertThatThrownBy(() -> ComposePort.parseLong(Optional.of(target), Optional.empty(), Optional.empty(),
                Optional.empty(), target, ORIGIN)).hasMessage("/repo/docker/docker-compose.alpine-test.yml:7: " + problem);
    }

    @org.junit.jupiter.api.Test
    void aPartThatCameFromAVariableIsNeverQuoted() {
        assertThatThrownBy(() -> ComposePort.parseShort("hunter2:8000", "${DB_PASSWORD}:8000", ORIGIN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/repo/docker/docker-compose.alpine-test.yml:7: ports entry '${DB_PASSWORD}:8000': the host"
                        + " port (from a variable) is not a port from 1 to 65535")
                .hasMessageNotContaining("hunter2");
    }
}
