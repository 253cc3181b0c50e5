package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backendconfig.testsupport.TestPki.KeyKind;
import dev.backendconfig.testsupport.Leftovers;
import dev.backendconfig.testsupport.SpecialFiles;
import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys and certificates in every PEM form openssl writes, read with the JDK alone. */
class TlsKeysTest {

    private static final String SECRET = "pl4nted-s3cret";
    private static final String ROLE = "the client key (test)";

    @TempDir
    Path directory;

    private PrivateKey read(String pem) throws IOException {
        Path file = Files.writeString(directory.resolve("key.pem"), pem);
        return TlsKeys.privateKey(PemFile.read(file, ROLE));
    }

    private String problem(String pem) throws IOException {
        Path file = Files.writeString(directory.resolve("key.pem"), pem);
        try {
            TlsKeys.privateKey(PemFile.read(file, ROLE));
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            assertThat(e.getCause()).isNull();
            return e.getMessage().replace(directory.toString(), "{dir}");
        }
        throw new AssertionError("no error for a bad key");
    }

    @Test
    void readsAPkcs1RsaKeyAsOpensslGenrsaTraditionalWritesIt() throws IOException {
        KeyPair keys = TestPki.keys(KeyKind.RSA);
        String pem = TestPki.pkcs1(keys.getPrivate());
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) read(pem);
        assertThat(key.getModulus()).isEqualTo(((RSAPrivateCrtKey) keys.getPrivate()).getModulus());
        assertThat(key.getPrivateExponent()).isEqualTo(((RSAPrivateCrtKey) keys.getPrivate()).getPrivateExponent());
    }

    @Test
    void readsASec1EcKeyWhoseCurveIsInItsParameters() throws IOException {
        KeyPair keys = TestPki.keys(KeyKind.EC);
        String pem = TestPki.sec1((ECPrivateKey) keys.getPrivate(), (ECPublicKey) keys.getPublic());
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        ECPrivateKey key = (ECPrivateKey) read(pem);
        assertThat(key.getS()).isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
        assertThat(key.getParams().getCurve()).isEqualTo(((ECPrivateKey) keys.getPrivate()).getParams().getCurve());
    }

    @Test
    void readsASec1KeyAfterTheEcParametersBlockOpensslWritesWithoutNoout() throws IOException {
        KeyPair keys = TestPki.keys(KeyKind.EC);
        String parameters = TestPki.pem("EC PARAMETERS", TestPki.oid("1.2.840.10045.3.1.7"));
        String pem = parameters + TestPki.sec1((ECPrivateKey) keys.getPrivate(), (ECPublicKey) keys.getPublic());
        assertThat(((ECPrivateKey) read(pem)).getS()).isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
    }

    @Test
    void readsPkcs8KeysOfEveryAlgorithm() throws IOException {
        for (KeyKind kind : KeyKind.values()) {
            KeyPair keys = TestPki.keys(kind);
            PrivateKey key = read(TestPki.pkcs8(keys.getPrivate()));
            assertThat(key.getEncoded()).as(kind.name()).isEqualTo(keys.getPrivate().getEncoded());
        }
    }

    @Test
    void textAroundTheBlocksIsIgnored() throws IOException {
        KeyPair keys = TestPki.keys(KeyKind.RSA);
        String pem = "Bag Attributes\n    localKeyID: 01 02\r\n" + TestPki.pkcs8(keys.getPrivate()).replace("\n", "\r\n")
                + "trailing words\n";
        assertThat(read(pem).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void anEncryptedPkcs8KeyIsRefused() throws IOException {
        KeyPair keys = TestPki.keys(KeyKind.RSA);
        assertThat(problem(TestPki.encryptedPkcs8(keys.getPrivate(), SECRET.toCharArray()))).isEqualTo(
                "{dir}/key.pem:1: the client key (test) is encrypted with a password, which cannot be given here (the"
                        + " docker CLI cannot use it either); write it unencrypted, for example with openssl pkey -in"
                        + " key.pem -out key-plain.pem, and keep that file private");
    }

    @Test
    void anEncryptedTraditionalKeyIsRefused() throws IOException {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233\n\n"
                + Base64.getEncoder().encodeToString(SECRET.getBytes()) + "\n-----END RSA PRIVATE KEY-----\n";
        assertThat(problem(pem)).startsWith("{dir}/key.pem:1: the client key (test) is encrypted with a password");
    }

    @Test
    void anOpenSshKeyIsNotATlsKey() throws IOException {
        String pem = TestPki.pem("OPENSSH PRIVATE KEY", SECRET.getBytes());
        assertThat(problem(pem)).isEqualTo("{dir}/key.pem:1: the client key (test) is an OpenSSH key, not a TLS key;"
                + " expected an unencrypted private key in PEM: BEGIN PRIVATE KEY (PKCS#8), BEGIN RSA PRIVATE KEY"
                + " (PKCS#1) or BEGIN EC PRIVATE KEY (SEC 1)");
    }

    @Test
    void aCertificateIsNotAKey() throws IOException {
        TestPki.Issued ca = TestPki.authority("ca");
        assertThat(problem(TestPki.pem(ca.certificate()))).isEqualTo("{dir}/key.pem: the client key (test) holds no"
                + " private key; expected an unencrypted private key in PEM: BEGIN PRIVATE KEY (PKCS#8), BEGIN RSA"
                + " PRIVATE KEY (PKCS#1) or BEGIN EC PRIVATE KEY (SEC 1)");
    }

    @Test
    void brokenBase64IsNamedByLineAndNeverShown() throws IOException {
        String pem = "# my key\n-----BEGIN PRIVATE KEY-----\nMIIE" + SECRET + "!!\n-----END PRIVATE KEY-----\n";
        assertThat(problem(pem)).isEqualTo("{dir}/key.pem:2: the client key (test) is not valid PEM: the base64 text of"
                + " its BEGIN PRIVATE KEY block is broken");
        // characters a lenient (MIME) decoder would skip are refused too, not decoded around
        String lenient = "-----BEGIN PRIVATE KEY-----\nQUJD$$$$\n-----END PRIVATE KEY-----\n";
        assertThat(problem(lenient)).isEqualTo("{dir}/key.pem:1: the client key (test) is not valid PEM: the base64 text"
                + " of its BEGIN PRIVATE KEY block is broken");
    }

    @Test
    void aBlockWithoutEndIsNamed() throws IOException {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(SECRET.getBytes()) + "\n";
        assertThat(problem(pem)).isEqualTo("{dir}/key.pem:1: the client key (test) is not valid PEM: its BEGIN RSA"
                + " PRIVATE KEY block has no matching END line");
    }

    @Test
    void aFileWithoutPemIsNamed() throws IOException {
        assertThat(problem("KEY=" + SECRET + "\n")).isEqualTo("{dir}/key.pem: the client key (test) is not PEM: it has"
                + " no -----BEGIN ...----- line");
    }

    @Test
    void aTruncatedPkcs1KeyIsNamedWithoutItsBytes() throws IOException {
        byte[] der = Base64.getMimeDecoder().decode(TestPki.pkcs1(TestPki.keys(KeyKind.RSA).getPrivate())
                .replaceAll("-----[A-Z ]+-----", ""));
        String pem = TestPki.pem("RSA PRIVATE KEY", java.util.Arrays.copyOf(der, 200));
        assertThat(problem(pem)).startsWith("{dir}/key.pem:1: the client key (test): its BEGIN RSA PRIVATE KEY block is"
                + " not a PKCS#1 RSA private key (an element of ");
    }

    @Test
    void aPkcs1BlockHoldingOtherDerIsRefused() throws IOException {
        String pem = TestPki.pem("RSA PRIVATE KEY", TestPki.seq(TestPki.tlv(0x04, SECRET.getBytes())));
        assertThat(problem(pem)).isEqualTo("{dir}/key.pem:1: the client key (test): its BEGIN RSA PRIVATE KEY block is"
                + " not a PKCS#1 RSA private key (expected an INTEGER, got tag 0x4)");
    }

    @Test
    void aSec1KeyWithoutItsCurveIsRefusedWithAWayOut() throws IOException {
        String pem = TestPki.pem("EC PRIVATE KEY", TestPki.seq(TestPki.tlv(0x02, new byte[] {1}),
                TestPki.tlv(0x04, new byte[32])));
        assertThat(problem(pem)).isEqualTo("{dir}/key.pem:1: the client key (test) does not name its curve (no [0]"
                + " parameters); write it as PKCS#8, for example with openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aPkcs8KeyOfAnUnknownAlgorithmIsNamedByItsOid() throws IOException {
        byte[] der = TestPki.seq(TestPki.tlv(0x02, new byte[] {0}), TestPki.seq(TestPki.oid("1.2.840.10040.4.1")),
                TestPki.tlv(0x04, SECRET.getBytes()));
        assertThat(problem(TestPki.pem("PRIVATE KEY", der))).isEqualTo("{dir}/key.pem:1: the client key (test) is a key"
                + " of algorithm 1.2.840.10040.4.1, which TLS here cannot use (expected RSA, EC, Ed25519 or Ed448)");
    }

    @Test
    void aPkcs8KeyTheJdkCannotReadIsNamed() throws IOException {
        byte[] der = TestPki.seq(TestPki.tlv(0x02, new byte[] {0}), TestPki.seq(TestPki.oid(TlsKeys.RSA),
                new byte[] {0x05, 0x00}), TestPki.tlv(0x04, SECRET.getBytes()));
        assertThat(problem(TestPki.pem("PRIVATE KEY", der))).isEqualTo("{dir}/key.pem:1: the client key (test) is not a"
                + " valid RSA private key");
    }

    @Test
    void missingDirectoryAndOversizedFilesAreNamed() throws IOException {
        assertThatThrownBy(() -> PemFile.read(directory.resolve("none.pem"), ROLE))
                .hasMessage(directory.resolve("none.pem") + ": the client key (test) does not exist");
        assertThatThrownBy(() -> PemFile.read(directory, ROLE))
                .hasMessage(directory + ": the client key (test) is a directory, not a PEM file");
        Path big = Files.write(directory.resolve("big.pem"), new byte[PemFile.MAX_BYTES + 1]);
        assertThatThrownBy(() -> PemFile.read(big, ROLE)).hasMessage(big + ": the client key (test) is larger than"
                + " 1048576 bytes, which no PEM file of TLS material is");
    }

    @Test
    void aNamedPipeIsRefusedWithoutOpeningIt() throws IOException {
        Path fifo = SpecialFiles.fifo(directory.resolve("key.pem"));
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PemFile.read(fifo, ROLE)))
                .isInstanceOf(InvalidInputException.class).hasMessage(fifo + ": is a named pipe (FIFO), not a regular"
                        + " file; expected the client key (test) in PEM (a named pipe could block and a device never"
                        + " end, so only regular files are read)");
    }

    @Test
    void aFileClaimingZeroBytesIsReadNoFurtherThanTheLimit() throws IOException {
        Path kallsyms = Path.of("/proc/kallsyms");
        assumeTrue(Files.isRegularFile(kallsyms) && Files.isReadable(kallsyms), "the kernel gives no /proc/kallsyms (its symbol table, megabytes of text)");
        Path key = SpecialFiles.link(directory.resolve("key.pem"), kallsyms);
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PemFile.read(key, ROLE)))
                .isInstanceOf(InvalidInputException.class).hasMessage(key + ": grew past the limit of 1048576 bytes"
                        + " while it was read (not configurable: no PEM file of TLS material is larger)");
    }

    @Test
    void aFileWhoseReadBlocksIsLeftWithinTheReadTimeAndItsDescriptorClosed() throws IOException {
        java.util.Optional<Path> kmsg = SpecialFiles.blockingKernelFile();
        assumeTrue(kmsg.isPresent(), "the kernel gives this user no /proc/kmsg to read (it needs CAP_SYSLOG)");
        Path ca = SpecialFiles.link(directory.resolve("ca.pem"), kmsg.get());
        Leftovers leftovers = Leftovers.snapshot(directory);
        long start = System.nanoTime();
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(15), () -> PemFile.read(ca,
                "the CA certificate (test)"))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(ca + ": did not finish reading within 5000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(leftovers.newThreads()).isEmpty();
        assertThat(leftovers.newDescriptors()).isEmpty();
    }

    /** The integers of a real 2048-bit RSA key: n, e, d, p, q, dP, dQ, qInv. */
    private static java.math.BigInteger[] rsaIntegers() {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) TestPki.keys(KeyKind.RSA).getPrivate();
        return new java.math.BigInteger[] {key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(),
            key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient()};
    }

    /** Return a PKCS#1 RSAPrivateKey of these eight integers, as its DER bytes. */
    private static byte[] pkcs1Der(java.math.BigInteger... integers) {
        byte[][] fields = new byte[integers.length + 1][];
        fields[0] = TestPki.tlv(0x02, new byte[] {0});
        for (int i = 0; i < integers.length; i++) {
            fields[i + 1] = TestPki.tlv(0x02, integers[i].toByteArray());
        }
        return TestPki.seq(fields);
    }

    /** Return a PKCS#8 PrivateKeyInfo around a key of algorithm {@code oid}. */
    private static byte[] pkcs8Der(String oid, byte[] parameters, byte[] key) {
        byte[] algorithm = parameters == null ? TestPki.seq(TestPki.oid(oid)) : TestPki.seq(TestPki.oid(oid), parameters);
        return TestPki.seq(TestPki.tlv(0x02, new byte[] {0}), algorithm, TestPki.tlv(0x04, key));
    }

    /** A number of {@code bits} bits whose every bit is set (the costliest exponent). */
    private static java.math.BigInteger ones(int bits) {
        return java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE);
    }

    /**
     * Read a hostile key, failing if that takes more than 10 s: refused before any arithmetic it takes milliseconds,
     * while the arithmetic on the huge values these tests plant costs minutes (the bound tells the two apart on a
     * loaded machine, where a second did not).
     */
    private String refusedAtOnce(String pem) throws IOException {
        long start = System.nanoTime();
        String problem = problem(pem);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        return problem;
    }

    @Test
    void anRsaKeyWithHugeCrtExponentsIsRefusedBeforeAnyArithmetic() throws IOException {
        java.math.BigInteger[] integers = rsaIntegers();
        integers[5] = ones(2_500_000);
        integers[6] = ones(2_500_000);
        String expected = "{dir}/key.pem:1: the client key (test) is an RSA key whose first CRT exponent (d mod (p-1))"
                + " has 2500000 bits, where a key has no more bits than the first prime's 1024; a key like this would"
                + " cost minutes of computing, so it is refused before any";
        assertThat(refusedAtOnce(TestPki.pem("RSA PRIVATE KEY", pkcs1Der(integers)))).isEqualTo(expected);
        assertThat(refusedAtOnce(TestPki.pem("PRIVATE KEY", pkcs8Der(TlsKeys.RSA, new byte[] {0x05, 0x00},
                pkcs1Der(integers))))).isEqualTo(expected);
        assertThat(refusedAtOnce(TestPki.pem("PRIVATE KEY", pkcs8Der(TlsKeys.RSASSA_PSS, null, pkcs1Der(integers)))))
                .isEqualTo(expected);
    }

    @Test
    void everyIntegerOfAnRsaKeyIsBoundedByTheOthers() throws IOException {
        String[] expected = {
            "is an RSA key of 16384 bits; keys longer than 8192 bits are refused, as the docker CLI refuses them",
            "is an RSA key whose public exponent has 100 bits, where a key has a public exponent of at most 64 bits"
                    + " (65537 has 17)",
            "is an RSA key whose private exponent has 4096 bits, where a key has no more bits than the modulus's 2048",
            "is an RSA key whose primes have 2048 and 1024 bits, which cannot multiply to its modulus of 2048 bits",
            "is an RSA key whose primes have 1024 and 2048 bits, which cannot multiply to its modulus of 2048 bits",
            "is an RSA key whose first CRT exponent (d mod (p-1)) has 1025 bits, where a key has no more bits than the"
                    + " first prime's 1024",
            "is an RSA key whose second CRT exponent (d mod (q-1)) has 1025 bits, where a key has no more bits than"
                    + " the second prime's 1024",
            "is an RSA key whose CRT coefficient (q^-1 mod p) has 1025 bits, where a key has no more bits than the"
                    + " first prime's 1024"};
        int[] sizes = {16384, 100, 4096, 2048, 2048, 1025, 1025, 1025};
        for (int field = 0; field < 8; field++) {
            java.math.BigInteger[] integers = rsaIntegers();
            integers[field] = ones(sizes[field]);
            assertThat(refusedAtOnce(TestPki.pem("RSA PRIVATE KEY", pkcs1Der(integers)))).as("field %d", field)
                    .startsWith("{dir}/key.pem:1: the client key (test) " + expected[field]);
        }
        java.math.BigInteger[] negative = rsaIntegers();
        negative[2] = negative[2].negate();
        assertThat(refusedAtOnce(TestPki.pem("RSA PRIVATE KEY", pkcs1Der(negative)))).isEqualTo("{dir}/key.pem:1: the"
                + " client key (test) is a key whose private exponent is negative");
    }

    @Test
    void anEcKeyWithAnOversizedValueOrExplicitParametersIsRefused() throws IOException {
        byte[] bigValue = TestPki.seq(TestPki.tlv(0x02, new byte[] {1}), TestPki.tlv(0x04, new byte[10_000]),
                TestPki.tlv(0xA0, TestPki.oid("1.2.840.10045.3.1.7")));
        assertThat(refusedAtOnce(TestPki.pem("EC PRIVATE KEY", bigValue))).isEqualTo("{dir}/key.pem:1: the client key"
                + " (test) is an EC key whose private value has 10000 bytes, where a named curve's takes 1 to 66");
        assertThat(refusedAtOnce(TestPki.pem("PRIVATE KEY", pkcs8Der(TlsKeys.EC, TestPki.oid("1.2.840.10045.3.1.7"),
                bigValue)))).isEqualTo("{dir}/key.pem:1: the client key (test) is an EC key whose private value has"
                        + " 10000 bytes, where a named curve's takes 1 to 66");
        byte[] explicit = TestPki.seq(TestPki.tlv(0x02, new byte[] {1}), TestPki.tlv(0x04, new byte[32]));
        assertThat(refusedAtOnce(TestPki.pem("PRIVATE KEY", pkcs8Der(TlsKeys.EC, TestPki.seq(TestPki.tlv(0x02,
                new byte[] {1})), explicit)))).isEqualTo("{dir}/key.pem:1: the client key (test) gives its curve as"
                        + " explicit parameters; only named curves (such as P-256) can be used");
    }

    @Test
    void realKeysStayWithinTheBounds() throws IOException {
        for (KeyKind kind : KeyKind.values()) {
            KeyPair keys = TestPki.keys(kind);
            assertThat(read(TestPki.pkcs8(keys.getPrivate())).getEncoded()).as(kind.name())
                    .isEqualTo(keys.getPrivate().getEncoded());
        }
        java.math.BigInteger[] integers = rsaIntegers();
        assertThat(read(TestPki.pem("RSA PRIVATE KEY", pkcs1Der(integers)))).isInstanceOf(RSAPrivateCrtKey.class);
    }

    @Test
    void everyCertificateOfABundleIsRead() throws IOException {
        TestPki.Issued one = TestPki.authority("one");
        TestPki.Issued two = TestPki.authority("two");
        Path file = Files.writeString(directory.resolve("ca.pem"), TestPki.pem(one.certificate())
                + TestPki.pem(two.certificate()));
        assertThat(TlsKeys.certificates(PemFile.read(file, "the CA certificate (test)")))
                .containsExactly(one.certificate(), two.certificate());
    }

    @Test
    void aCertificateBlockThatIsNoCertificateIsNamed() throws IOException {
        Path file = Files.writeString(directory.resolve("ca.pem"), TestPki.pem("CERTIFICATE", TestPki.seq()));
        assertThatThrownBy(() -> TlsKeys.certificates(PemFile.read(file, "the CA certificate (test)")))
                .hasMessage(file + ":1: the CA certificate (test): its BEGIN CERTIFICATE block is not a valid X.509"
                        + " certificate");
    }

    @Test
    void aKeyMatchesItsOwnCertificateOnly() {
        TestPki.Issued ca = TestPki.authority("ca");
        for (KeyKind kind : KeyKind.values()) {
            TestPki.Issued client = TestPki.client(ca, kind);
            assertThat(TlsKeys.matches(client.keys().getPrivate(), client.certificate())).as(kind.name()).isTrue();
            assertThat(TlsKeys.matches(TestPki.keys(kind).getPrivate(), client.certificate())).as(kind.name()).isFalse();
        }
        assertThat(TlsKeys.matches(TestPki.keys(KeyKind.EC).getPrivate(), TestPki.client(ca, KeyKind.RSA)
                .certificate())).isFalse();
    }

    @Test
    void objectIdentifiersAreReadAndWrittenAlike() throws Der.DerException {
        for (String oid : List.of(TlsKeys.RSA, TlsKeys.EC, TlsKeys.ED25519, "1.2.840.10045.3.1.7", "2.999.3")) {
            assertThat(Der.Reader.of(Der.oid(oid)).next().oid()).isEqualTo(oid);
        }
    }

    @Test
    void derLengthsBeyondTheDataAreRefused() {
        assertThatThrownBy(() -> Der.Reader.of(new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF}).next()).isInstanceOf(Der.DerException.class)
                .hasMessage("an element of 2147483647 bytes where only 0 are left");
        assertThatThrownBy(() -> Der.Reader.of(new byte[] {0x30, (byte) 0x80, 0, 0}).next())
                .hasMessage("an indefinite length, which DER does not allow");
    }
}
