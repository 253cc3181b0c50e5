package dev.backendconfig.docker.internal.tls;

/**
 * The sizes of a private key's integers, checked on its DER bytes before the JDK does any arithmetic with it. The JDK
 * checks an RSA key's modulus (up to 16,384 bits) but not its other integers: a key with 2,500,000-bit CRT exponents
 * fits the modulus limit and a 1 MiB file, and one signature with it costs minutes of CPU in a
 * {@code BigInteger.modPow} nothing can interrupt. Here every integer is bounded by what a key made by openssl could
 * hold, so that any arithmetic started with a key that passes ends in a fraction of a second.
 *
 * <p>RSA: a modulus of at most {@value #MAX_RSA_BITS} bits (the docker CLI's limit too: Go's crypto/tls refuses
 * longer keys), a public exponent of at most {@value #MAX_RSA_PUBLIC_EXPONENT_BITS} bits, a private exponent no longer
 * than the modulus, two primes whose lengths add up to the modulus's (one bit more at most), each CRT exponent no
 * longer than its prime and the CRT coefficient no longer than the first prime; no integer negative. EC: a private
 * value of at most {@value #MAX_EC_PRIVATE_BYTES} bytes (P-521's 66), on a named curve.
 */
final class KeyBounds {

    /** The longest RSA modulus accepted, in bits. */
    static final int MAX_RSA_BITS = 8192;
    /** The longest RSA public exponent accepted, in bits (65537 has 17). */
    static final int MAX_RSA_PUBLIC_EXPONENT_BITS = 64;
    /** The longest EC private value accepted, in bytes. */
    static final int MAX_EC_PRIVATE_BYTES = 66;

    private static final String[] RSA_NAMES = {"modulus", "public exponent", "private exponent", "first prime",
        "second prime", "first CRT exponent (d mod (p-1))", "second CRT exponent (d mod (q-1))",
        "CRT coefficient (q^-1 mod p)"};

    private KeyBounds() {
    }

    /** A key whose integers are out of bounds; the message completes "the client key (...) ...". */
    static final class OutOfBounds extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfBounds(String message) {
            super(message);
        }
    }

    /** Read the eight INTEGERs of a PKCS#1 RSAPrivateKey, after its version. */
    static Der.Element[] rsaIntegers(Der.Reader fields) throws Der.DerException {
        Der.Element[] integers = new Der.Element[8];
        for (int i = 0; i < 8; i++) {
            integers[i] = fields.next(Der.INTEGER, "the eight INTEGERs of an RSA key");
        }
        return integers;
    }

    /** Check the sizes of the eight INTEGERs of an RSA private key ({@link #rsaIntegers}). */
    static void checkRsa(Der.Element[] integers) throws OutOfBounds {
        int[] bits = new int[8];
        for (int i = 0; i < 8; i++) {
            bits[i] = bitLength(integers[i], RSA_NAMES[i]);
        }
        int modulus = bits[0];
        if (modulus > MAX_RSA_BITS) {
            throw new OutOfBounds("is an RSA key of " + modulus + " bits; keys longer than " + MAX_RSA_BITS
                    + " bits are refused, as the docker CLI refuses them");
        }
        requireAtMost(bits[1], MAX_RSA_PUBLIC_EXPONENT_BITS, 1, "a public exponent of at most "
                + MAX_RSA_PUBLIC_EXPONENT_BITS + " bits (65537 has 17)");
        requireAtMost(bits[2], modulus, 2, "no more bits than the modulus's " + modulus);
        if (bits[3] + bits[4] > modulus + 1) {
            throw new OutOfBounds("is an RSA key whose primes have " + bits[3] + " and " + bits[4] + " bits, which"
                    + " cannot multiply to its modulus of " + modulus + " bits");
        }
        requireAtMost(bits[5], bits[3], 5, "no more bits than the first prime's " + bits[3]);
        requireAtMost(bits[6], bits[4], 6, "no more bits than the second prime's " + bits[4]);
        requireAtMost(bits[7], bits[3], 7, "no more bits than the first prime's " + bits[3]);
    }

    /** Check the private value of an EC key. */
    static void checkEcPrivateValue(Der.Element octets) throws OutOfBounds {
        int length = octets.end() - octets.contentStart();
        if (length == 0 || length > MAX_EC_PRIVATE_BYTES) {
            throw new OutOfBounds("is an EC key whose private value has " + length + " bytes, where a named curve's"
                    + " takes 1 to " + MAX_EC_PRIVATE_BYTES);
        }
    }

    private static void requireAtMost(int bits, int max, int index, String expected) throws OutOfBounds {
        if (bits > max) {
            throw new OutOfBounds("is an RSA key whose " + RSA_NAMES[index] + " has " + bits + " bits, where a key"
                    + " has " + expected + "; a key like this would cost minutes of computing, so it is refused"
                    + " before any");
        }
    }

    /** Return the length in bits of a non-negative DER INTEGER, read from its bytes without any arithmetic. */
    static int bitLength(Der.Element integer, String name) throws OutOfBounds {
        byte[] bytes = integer.bytes();
        int start = integer.contentStart();
        int end = integer.end();
        if (start == end || (bytes[start] & 0x80) != 0) {
            throw new OutOfBounds("is a key whose " + name + " is " + (start == end ? "empty" : "negative"));
        }
        while (start < end && bytes[start] == 0) {
            start++;
        }
        if (start == end) {
            return 0;
        }
        long bits = (long) (end - start - 1) * 8 + (32 - Integer.numberOfLeadingZeros(bytes[start] & 0xFF));
        return (int) Math.min(Integer.MAX_VALUE, bits);
    }
}
