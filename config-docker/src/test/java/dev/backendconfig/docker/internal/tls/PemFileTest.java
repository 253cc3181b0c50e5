package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files of TLS material at the edges of their grammar: labels, headers, base64, line ends and size. */
class PemFileTest {

    private static final String ROLE = "the CA certificate (test)";
    private static final String DATA = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6});

    @TempDir
    Path directory;

    private PemFile read(String text) throws IOException {
        return PemFile.read(Files.writeString(directory.resolve("ca.pem"), text), ROLE);
    }

    private String problem(String text) throws IOException {
        Path file = Files.writeString(directory.resolve("ca.pem"), text);
        try {
            PemFile.read(file, ROLE);
        } catch (InvalidInputException e) {
            return e.getMessage().replace(file.toString(), "{file}");
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void blocksAreReadWithTheirLabelHeadersBytesAndLine() throws IOException {
        PemFile pem = read("comment\n-----BEGIN A-----\nProc-Type : 4,ENCRYPTED\nDEK-Info:AES\n\n" + DATA
                + "\n-----END A-----\n  -----BEGIN TRUSTED CERTIFICATE-----  \n" + DATA.substring(0, 4) + "\n"
                + DATA.substring(4) + "\n-----END TRUSTED CERTIFICATE-----\n");
        assertThat(pem.blocks()).hasSize(2);
        PemFile.Block first = pem.blocks().get(0);
        assertThat(first.label()).isEqualTo("A");
        assertThat(first.headers()).isEqualTo(Map.of("Proc-Type", "4,ENCRYPTED", "DEK-Info", "AES"));
        assertThat(first.headers().get("proc-type")).as("header names ignore case").isEqualTo("4,ENCRYPTED");
        assertThat(first.der()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(first.line()).isEqualTo(2);
        PemFile.Block second = pem.blocks().get(1);
        assertThat(second.label()).isEqualTo("TRUSTED CERTIFICATE");
        assertThat(second.headers()).isEmpty();
        assertThat(second.der()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(second.line()).isEqualTo(8);
        assertThat(pem.origin(second).toString()).isEqualTo(directory.resolve("ca.pem") + ":8");
        assertThat(pem.origin().toString()).isEqualTo(directory.resolve("ca.pem").toString());
    }

    @Test
    void linesEndWithLineFeedCarriageReturnOrBoth() throws IOException {
        PemFile pem = read("x\r-----BEGIN A-----\r" + DATA + "\r-----END A-----\r\n-----BEGIN B-----\r\n" + DATA
                + "\n-----END B-----");
        assertThat(pem.blocks()).extracting(PemFile.Block::label).containsExactly("A", "B");
        assertThat(pem.blocks()).extracting(PemFile.Block::line).containsExactly(2, 5);
    }

    @Test
    void aBeginLineWithoutALabelIsNoBlock() throws IOException {
        assertThat(problem("-----BEGIN -----\n" + DATA + "\n-----END -----\n")).isEqualTo("{file}: " + ROLE
                + " is not PEM: it has no -----BEGIN ...----- line");
        assertThat(read("-----BEGIN -----\n-----BEGIN X-----\n" + DATA + "\n-----END X-----\n").blocks())
                .extracting(PemFile.Block::label).containsExactly("X");
    }

    @Test
    void aHeaderIsOnlyAColonLineBeforeTheBase64() throws IOException {
        assertThat(problem("-----BEGIN A-----\n:x\n" + DATA + "\n-----END A-----\n")).isEqualTo("{file}:1: " + ROLE
                + " is not valid PEM: the base64 text of its BEGIN A block is broken");
        assertThat(problem("-----BEGIN A-----\n" + DATA + "\nName: value\n-----END A-----\n")).isEqualTo("{file}:1: "
                + ROLE + " is not valid PEM: the base64 text of its BEGIN A block is broken");
    }

    @Test
    void aBlockWithoutBase64IsBroken() throws IOException {
        assertThat(problem("-----BEGIN A-----\n-----END A-----\n")).isEqualTo("{file}:1: " + ROLE + " is not valid"
                + " PEM: the base64 text of its BEGIN A block is broken");
        assertThat(problem("-----BEGIN A-----\nName: value\n-----END A-----\n")).isEqualTo("{file}:1: " + ROLE
                + " is not valid PEM: the base64 text of its BEGIN A block is broken");
    }

    @Test
    void aBlockCutByAnotherBeginOrAnotherEndHasNoEnd() throws IOException {
        assertThat(problem("x\n-----BEGIN A-----\n" + DATA + "\n-----BEGIN B-----\n" + DATA + "\n-----END B-----\n"))
                .isEqualTo("{file}:2: " + ROLE + " is not valid PEM: its BEGIN A block has no matching END line");
        assertThat(problem("-----BEGIN A-----\n" + DATA + "\n-----END B-----\n")).isEqualTo("{file}:1: " + ROLE
                + " is not valid PEM: its BEGIN A block has no matching END line");
    }

    @Test
    void anUnusualLabelIsNotShown() throws IOException {
        assertThat(problem("-----BEGIN secret\u001b[31m-----\n" + DATA + "\n")).isEqualTo("{file}:1: " + ROLE
                + " is not valid PEM: its BEGIN (an unusual label) block has no matching END line");
        assertThat(PemFile.printableLabel("RSA PRIVATE KEY")).isEqualTo("RSA PRIVATE KEY");
        assertThat(PemFile.printableLabel("A".repeat(40))).isEqualTo("A".repeat(40));
        assertThat(PemFile.printableLabel("A".repeat(41))).isEqualTo("(an unusual label)");
        assertThat(PemFile.printableLabel("X509 CRL")).isEqualTo("X509 CRL");
        assertThat(PemFile.printableLabel("Certificate")).isEqualTo("(an unusual label)");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws IOException {
        String block = "-----BEGIN A-----\n" + DATA + "\n-----END A-----\n";
        String text = block + " ".repeat(PemFile.MAX_BYTES - block.length());
        assertThat(text).hasSize(PemFile.MAX_BYTES);
        assertThat(read(text).blocks()).hasSize(1);
    }
}
