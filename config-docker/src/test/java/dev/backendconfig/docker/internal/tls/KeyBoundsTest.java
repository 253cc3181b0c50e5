package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The sizes a private key's integers may have, exactly at each bound and one bit past it. */
class KeyBoundsTest {

    private static Der.Element integer(byte... contents) throws Der.DerException {
        return Der.Reader.of(Der.element(Der.INTEGER, contents)).next();
    }

    /** An INTEGER of exactly {@code bits} bits (its top bit set), as DER writes it. */
    private static Der.Element bits(int bits) throws Der.DerException {
        BigInteger value = bits == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1);
        return integer(value.toByteArray());
    }

    /** The eight integers of an RSA key of these sizes in bits: n, e, d, p, q, dP, dQ, qInv. */
    private static Der.Element[] rsa(int... sizes) throws Der.DerException {
        Der.Element[] integers = new Der.Element[8];
        for (int i = 0; i < 8; i++) {
            integers[i] = bits(sizes[i]);
        }
        return integers;
    }

    @Test
    void theBitLengthIsReadFromTheBytesPastLeadingZeros() throws Exception {
        assertThat(KeyBounds.bitLength(integer((byte) 0x00), "x")).isZero();
        assertThat(KeyBounds.bitLength(integer((byte) 0x00, (byte) 0x00), "x")).isZero();
        assertThat(KeyBounds.bitLength(integer((byte) 0x01), "x")).isEqualTo(1);
        assertThat(KeyBounds.bitLength(integer((byte) 0x7F), "x")).isEqualTo(7);
        assertThat(KeyBounds.bitLength(integer((byte) 0x00, (byte) 0x80), "x")).isEqualTo(8);
        assertThat(KeyBounds.bitLength(integer((byte) 0x00, (byte) 0xFF), "x")).isEqualTo(8);
        assertThat(KeyBounds.bitLength(integer((byte) 0x01, (byte) 0x00), "x")).isEqualTo(9);
        assertThat(KeyBounds.bitLength(integer((byte) 0x00, (byte) 0x00, (byte) 0x01, (byte) 0x00), "x")).isEqualTo(9);
        assertThat(KeyBounds.bitLength(bits(8192), "x")).isEqualTo(8192);
    }

    @Test
    void anEmptyOrNegativeIntegerIsRefusedByName() {
        assertThatThrownBy(() -> KeyBounds.bitLength(integer(), "modulus")).isInstanceOf(KeyBounds.OutOfBounds.class)
                .hasMessage("is a key whose modulus is empty");
        assertThatThrownBy(() -> KeyBounds.bitLength(integer((byte) 0x80), "public exponent"))
                .hasMessage("is a key whose public exponent is negative");
        assertThatThrownBy(() -> KeyBounds.bitLength(integer((byte) 0xFF, (byte) 0x00), "first prime"))
                .hasMessage("is a key whose first prime is negative");
    }

    @Test
    void eachRsaIntegerMayReachItsBoundExactly() {
        assertThatCode(() -> KeyBounds.checkRsa(rsa(8192, 64, 8192, 4097, 4096, 4097, 4096, 4097)))
                .doesNotThrowAnyException();
        assertThatCode(() -> KeyBounds.checkRsa(rsa(2048, 17, 2047, 1024, 1024, 1024, 1024, 1024)))
                .doesNotThrowAnyException();
    }

    @Test
    void eachRsaIntegerOneBitPastItsBoundIsRefused() {
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(8193, 17, 8193, 4097, 4097, 4097, 4097, 4097)))
                .isInstanceOf(KeyBounds.OutOfBounds.class).hasMessage("is an RSA key of 8193 bits; keys longer than"
                        + " 8192 bits are refused, as the docker CLI refuses them");
        String costly = "; a key like this would cost minutes of computing, so it is refused before any";
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 65, 2048, 1024, 1024, 1024, 1024, 1024)))
                .hasMessage("is an RSA key whose public exponent has 65 bits, where a key has a public exponent of at"
                        + " most 64 bits (65537 has 17)" + costly);
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 17, 2049, 1024, 1024, 1024, 1024, 1024)))
                .hasMessage("is an RSA key whose private exponent has 2049 bits, where a key has no more bits than the"
                        + " modulus's 2048" + costly);
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 17, 2048, 1025, 1025, 1024, 1024, 1024)))
                .hasMessage("is an RSA key whose primes have 1025 and 1025 bits, which cannot multiply to its modulus"
                        + " of 2048 bits");
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 17, 2048, 1025, 1024, 1026, 1024, 1024)))
                .hasMessage("is an RSA key whose first CRT exponent (d mod (p-1)) has 1026 bits, where a key has no"
                        + " more bits than the first prime's 1025" + costly);
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 17, 2048, 1024, 1025, 1024, 1026, 1024)))
                .hasMessage("is an RSA key whose second CRT exponent (d mod (q-1)) has 1026 bits, where a key has no"
                        + " more bits than the second prime's 1025" + costly);
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 17, 2048, 1025, 1024, 1025, 1024, 1026)))
                .hasMessage("is an RSA key whose CRT coefficient (q^-1 mod p) has 1026 bits, where a key has no more"
                        + " bits than the first prime's 1025" + costly);
    }

    @Test
    void theSecondCrtExponentIsBoundedByTheSecondPrimeAndTheCoefficientByTheFirst() {
        // primes of different lengths tell which prime each integer is held to
        assertThatCode(() -> KeyBounds.checkRsa(rsa(2048, 17, 2048, 1000, 1040, 1000, 1040, 1000)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 17, 2048, 1040, 1000, 1040, 1040, 1000)))
                .hasMessageStartingWith("is an RSA key whose second CRT exponent (d mod (q-1)) has 1040 bits");
        assertThatThrownBy(() -> KeyBounds.checkRsa(rsa(2048, 17, 2048, 1000, 1040, 1000, 1000, 1040)))
                .hasMessageStartingWith("is an RSA key whose CRT coefficient (q^-1 mod p) has 1040 bits");
    }

    @Test
    void anEcPrivateValueHasOneToSixtySixBytes() throws Exception {
        assertThatCode(() -> KeyBounds.checkEcPrivateValue(octets(1))).doesNotThrowAnyException();
        assertThatCode(() -> KeyBounds.checkEcPrivateValue(octets(66))).doesNotThrowAnyException();
        assertThatThrownBy(() -> KeyBounds.checkEcPrivateValue(octets(67))).isInstanceOf(KeyBounds.OutOfBounds.class)
                .hasMessage("is an EC key whose private value has 67 bytes, where a named curve's takes 1 to 66");
        assertThatThrownBy(() -> KeyBounds.checkEcPrivateValue(octets(0)))
                .hasMessage("is an EC key whose private value has 0 bytes, where a named curve's takes 1 to 66");
    }

    private static Der.Element octets(int length) throws Der.DerException {
        return Der.Reader.of(Der.element(Der.OCTET_STRING, new byte[length])).next();
    }

    @Test
    void theEightRsaIntegersAreReadInOrderAndAnythingElseRefused() throws Exception {
        byte[][] fields = new byte[8][];
        for (int i = 0; i < 8; i++) {
            fields[i] = Der.element(Der.INTEGER, new byte[] {(byte) (i + 1)});
        }
        Der.Element[] read = KeyBounds.rsaIntegers(Der.Reader.of(Der.sequence(fields)).next().children());
        assertThat(read).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(read[i].smallInteger()).isEqualTo(i + 1);
        }
        fields[7] = Der.element(Der.OCTET_STRING, new byte[] {1});
        assertThatThrownBy(() -> KeyBounds.rsaIntegers(Der.Reader.of(Der.sequence(fields)).next().children()))
                .isInstanceOf(Der.DerException.class).hasMessage("expected the eight INTEGERs of an RSA key, got tag 0x4");
    }
}
