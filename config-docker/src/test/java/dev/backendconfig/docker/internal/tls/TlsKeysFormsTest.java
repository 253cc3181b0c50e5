package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import dev.backendconfig.toolkit.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forms of key and certificate files just beside the valid ones: another version, bytes after the key, a curve
 * not named, headers that say a key is encrypted, and certificate files with other blocks or none.
 */
class TlsKeysFormsTest {

    private static final String ROLE = "the client key (test)";

    @TempDir
    Path directory;

    private PemFile pem(String text) throws IOException {
        return PemFile.read(Files.writeString(directory.resolve("key.pem"), text), ROLE);
    }

    private String problem(String text) throws IOException {
        PemFile pem = pem(text);
        try {
            TlsKeys.privateKey(pem);
        } catch (InvalidInputException e) {
            return e.getMessage().replace(directory.resolve("key.pem").toString(), "{file}");
        }
        throw new AssertionError("no error for a bad key");
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** The PKCS#1 DER of a real RSA key with its first byte of contents after the tag and length changed. */
    private static byte[] pkcs1WithVersion(int version) {
        byte[] der = der(TestPki.pkcs1(TestPki.keys(KeyKind.RSA).getPrivate()));
        // SEQUENCE (30 82 LL LL) { INTEGER (02 01 VV) ...
        assertThat(Arrays.copyOfRange(der, 4, 7)).containsExactly(0x02, 0x01, 0x00);
        der[6] = (byte) version;
        return der;
    }

    private static byte[] append(byte[] der, byte... more) {
        byte[] all = Arrays.copyOf(der, der.length + more.length);
        System.arraycopy(more, 0, all, der.length, more.length);
        return all;
    }

    private static byte[] sec1(byte[] version, byte[]... rest) {
        byte[][] fields = new byte[rest.length + 2][];
        fields[0] = TestPki.tlv(0x02, version);
        fields[1] = TestPki.tlv(0x04, new byte[32]);
        System.arraycopy(rest, 0, fields, 2, rest.length);
        return TestPki.seq(fields);
    }

    @Test
    void aPkcs1KeyOfAnotherVersionOrWithBytesAfterItIsRefused() throws IOException {
        assertThat(problem(TestPki.pem("RSA PRIVATE KEY", pkcs1WithVersion(1)))).isEqualTo("{file}:1: " + ROLE + ": its"
                + " BEGIN RSA PRIVATE KEY block is not a PKCS#1 RSA private key (a PKCS#1 version other than 0"
                + " (two-prime RSA))");
        byte[] valid = der(TestPki.pkcs1(TestPki.keys(KeyKind.RSA).getPrivate()));
        assertThat(problem(TestPki.pem("RSA PRIVATE KEY", append(valid, (byte) 0x05, (byte) 0x00)))).isEqualTo("{file}:1: "
                + ROLE + ": its BEGIN RSA PRIVATE KEY block is not a PKCS#1 RSA private key (bytes after the key)");
    }

    @Test
    void anRsaKeyInsidePkcs8OfAnotherVersionIsNotAValidKeyOfItsAlgorithm() throws IOException {
        for (String[] algorithm : new String[][] {{TlsKeys.RSA, "RSA"}, {TlsKeys.RSASSA_PSS, "RSASSA-PSS"}}) {
            byte[] pkcs8 = TestPki.seq(TestPki.tlv(0x02, new byte[] {0}), TestPki.seq(TestPki.oid(algorithm[0])),
                    TestPki.tlv(0x04, pkcs1WithVersion(1)));
            assertThat(problem(TestPki.pem("PRIVATE KEY", pkcs8))).isEqualTo("{file}:1: " + ROLE + " is not a valid "
                    + algorithm[1] + " private key");
        }
    }

    @Test
    void aSec1KeyOfAnotherVersionWithExplicitParametersOrWithBytesAfterItIsRefused() throws IOException {
        byte[] curve = TestPki.tlv(0xA0, TestPki.oid("1.2.840.10045.3.1.7"));
        assertThat(problem(TestPki.pem("EC PRIVATE KEY", sec1(new byte[] {2}, curve)))).isEqualTo("{file}:1: " + ROLE
                + ": its BEGIN EC PRIVATE KEY block is not a SEC 1 EC private key (an ECPrivateKey version other than"
                + " 1)");
        assertThat(problem(TestPki.pem("EC PRIVATE KEY", sec1(new byte[] {1}, TestPki.tlv(0xA0, TestPki.seq(
                TestPki.tlv(0x02, new byte[] {1}))))))).isEqualTo("{file}:1: " + ROLE + " gives its curve as explicit"
                        + " parameters; only named curves (such as P-256) can be used");
        assertThat(problem(TestPki.pem("EC PRIVATE KEY", append(sec1(new byte[] {1}, curve), (byte) 0x05, (byte) 0x00))))
                .isEqualTo("{file}:1: " + ROLE + ": its BEGIN EC PRIVATE KEY block is not a SEC 1 EC private key (bytes"
                        + " after the key)");
        assertThat(problem(TestPki.pem("EC PRIVATE KEY", sec1(new byte[] {1}, TestPki.tlv(0xA0, TestPki.tlv(0x06,
                new byte[] {(byte) 0x86})))))).isEqualTo("{file}:1: " + ROLE + ": its BEGIN EC PRIVATE KEY block is not"
                        + " a SEC 1 EC private key (an OBJECT IDENTIFIER that ends in the middle of an arc)");
    }

    @Test
    void aSec1KeysCurveIsFoundAfterItsPublicKey() throws IOException {
        KeyPair keys = TestPki.keys(KeyKind.EC);
        byte[] scalar = der(TestPki.sec1((ECPrivateKey) keys.getPrivate(), (ECPublicKey) keys.getPublic()));
        // { 1, key, [0] curve, [1] public key } rewritten as { 1, key, [1] public key, [0] curve }
        Der.Reader fields;
        try {
            fields = Der.Reader.of(scalar).next().children();
            byte[] version = fields.next().encoded();
            byte[] value = fields.next().encoded();
            byte[] curve = fields.next().encoded();
            byte[] publicKey = fields.next().encoded();
            ECPrivateKey read = (ECPrivateKey) TlsKeys.privateKey(pem(TestPki.pem("EC PRIVATE KEY", TestPki.seq(version,
                    value, publicKey, curve))));
            assertThat(read.getS()).isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
        } catch (Der.DerException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEcKeyInsidePkcs8WithoutItsCurveIsRefused() throws IOException {
        byte[] pkcs8 = TestPki.seq(TestPki.tlv(0x02, new byte[] {0}), TestPki.seq(TestPki.oid(TlsKeys.EC)),
                TestPki.tlv(0x04, sec1(new byte[] {1})));
        assertThat(problem(TestPki.pem("PRIVATE KEY", pkcs8))).isEqualTo("{file}:1: " + ROLE + " gives its curve as"
                + " explicit parameters; only named curves (such as P-256) can be used");
    }

    @Test
    void aTraditionalKeyIsEncryptedByEitherHeader() throws IOException {
        String encrypted = "{file}:1: " + ROLE + " is encrypted with a password, which cannot be given here (the docker"
                + " CLI cannot use it either); write it unencrypted, for example with openssl pkey -in key.pem -out"
                + " key-plain.pem, and keep that file private";
        byte[] rsa = der(TestPki.pkcs1(TestPki.keys(KeyKind.RSA).getPrivate()));
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(rsa);
        assertThat(problem("-----BEGIN RSA PRIVATE KEY-----\nDEK-Info: AES-128-CBC,00\n\n" + body
                + "\n-----END RSA PRIVATE KEY-----\n")).isEqualTo(encrypted);
        assertThat(problem("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n" + body
                + "\n-----END EC PRIVATE KEY-----\n")).isEqualTo(encrypted);
        assertThat(TlsKeys.privateKey(pem("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,MIC-CLEAR\n\n" + body
                + "\n-----END RSA PRIVATE KEY-----\n"))).isInstanceOf(RSAPrivateCrtKey.class);
    }

    @Test
    void certificatesAreReadFromTheirBlocksOnly() throws IOException {
        TestPki.Issued ca = TestPki.authority("forms-ca");
        byte[] encoded;
        try {
            encoded = ca.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        PemFile file = pem(TestPki.pkcs8(TestPki.keys(KeyKind.EC).getPrivate()) + TestPki.pem("TRUSTED CERTIFICATE",
                encoded) + TestPki.pem("X509 CRL", new byte[] {1}));
        assertThat(TlsKeys.certificates(file)).containsExactly(ca.certificate());
        PemFile none = pem(TestPki.pkcs8(TestPki.keys(KeyKind.EC).getPrivate()));
        assertThatThrownBy(() -> TlsKeys.certificates(none)).isInstanceOf(InvalidInputException.class)
                .hasMessage(directory.resolve("key.pem") + ": " + ROLE + " holds no certificate (expected a -----BEGIN"
                        + " CERTIFICATE----- block)");
    }

    @Test
    void aSec1KeysOversizedValueIsRefusedBeforeItsCurveIsLookedFor() throws IOException {
        byte[] oversized = TestPki.seq(TestPki.tlv(0x02, new byte[] {1}), TestPki.tlv(0x04, new byte[10_000]));
        assertThat(problem(TestPki.pem("EC PRIVATE KEY", oversized))).isEqualTo("{file}:1: " + ROLE + " is an EC key"
                + " whose private value has 10000 bytes, where a named curve's takes 1 to 66");
        assertThat(problem(TestPki.pem("EC PRIVATE KEY", append(oversized, TestPki.tlv(0xA0, TestPki.seq(
                TestPki.tlv(0x02, new byte[] {1}))))))).as("explicit parameters after it").isEqualTo("{file}:1: " + ROLE
                        + " is an EC key whose private value has 10000 bytes, where a named curve's takes 1 to 66");
    }
}
