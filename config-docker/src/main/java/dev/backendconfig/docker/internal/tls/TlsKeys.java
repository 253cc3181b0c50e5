package dev.backendconfig.docker.internal.tls;

import dev.backendconfig.toolkit.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read the certificates and the private key of TLS material with the JDK alone.
 *
 * <p>The JDK's {@link KeyFactory} reads PKCS#8 ({@code BEGIN PRIVATE KEY}) only. The two other forms openssl writes
 * are wrapped into PKCS#8 here: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, from {@code openssl genrsa -traditional}) and
 * SEC 1 ({@code BEGIN EC PRIVATE KEY}, from {@code openssl ecparam -genkey}), whose curve is named in its
 * {@code [0]} parameters. An encrypted key ({@code BEGIN ENCRYPTED PRIVATE KEY}, or a PKCS#1 key with
 * {@code Proc-Type: 4,ENCRYPTED}) is refused: there is no password to give, and the docker CLI refuses it too.
 */
final class TlsKeys {

    static final String RSA = "1.2.840.113549.1.1.1";
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String EC = "1.2.840.10045.2.1";
    static final String ED25519 = "1.3.101.112";
    static final String ED448 = "1.3.101.113";

    private static final Map<String, String> ALGORITHMS = Map.of(RSA, "RSA", RSASSA_PSS, "RSASSA-PSS", EC, "EC",
            ED25519, "Ed25519", ED448, "Ed448");
    private static final String VALID = "expected an unencrypted private key in PEM: BEGIN PRIVATE KEY (PKCS#8),"
            + " BEGIN RSA PRIVATE KEY (PKCS#1) or BEGIN EC PRIVATE KEY (SEC 1)";

    private TlsKeys() {
    }

    /** Read every certificate of a PEM file (a CA file may hold several). */
    static List<X509Certificate> certificates(PemFile pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemFile.Block block : pem.blocks()) {
            if (!block.label().equals("CERTIFICATE") && !block.label().equals("TRUSTED CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException | ClassCastException e) {
                throw new InvalidInputException(pem.origin(block), pem.role() + ": its BEGIN "
                        + block.label() + " block is not a valid X.509 certificate");
            }
        }
        if (certificates.isEmpty()) {
            throw new InvalidInputException(pem.origin(), pem.role() + " holds no certificate"
                    + " (expected a -----BEGIN CERTIFICATE----- block)");
        }
        return List.copyOf(certificates);
    }

    /** Read the private key of a PEM file. */
    static PrivateKey privateKey(PemFile pem) {
        for (PemFile.Block block : pem.blocks()) {
            switch (block.label()) {
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted(pem, block);
                case "PRIVATE KEY":
                    return pkcs8(pem, block, block.der());
                case "RSA PRIVATE KEY":
                    refuseEncryptedPem(pem, block);
                    return pkcs8(pem, block, fromPkcs1(pem, block));
                case "EC PRIVATE KEY":
                    refuseEncryptedPem(pem, block);
                    return pkcs8(pem, block, fromSec1(pem, block));
                case "OPENSSH PRIVATE KEY":
                    throw new InvalidInputException(pem.origin(block), pem.role() + " is an OpenSSH"
                            + " key, not a TLS key; " + VALID);
                default:
                    // EC PARAMETERS before an EC key, a certificate beside the key: look further
            }
        }
        throw new InvalidInputException(pem.origin(), pem.role() + " holds no private key; " + VALID);
    }

    private static void refuseEncryptedPem(PemFile pem, PemFile.Block block) {
        String procType = block.headers().getOrDefault("Proc-Type", "");
        if (procType.contains("ENCRYPTED") || block.headers().containsKey("DEK-Info")) {
            throw encrypted(pem, block);
        }
    }

    private static InvalidInputException encrypted(PemFile pem, PemFile.Block block) {
        return new InvalidInputException(pem.origin(block), pem.role() + " is encrypted with a"
                + " password, which cannot be given here (the docker CLI cannot use it either); write it unencrypted,"
                + " for example with openssl pkey -in key.pem -out key-plain.pem, and keep that file private");
    }

    /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo { 0, { rsaEncryption, NULL }, OCTET STRING pkcs1 }. */
    private static byte[] fromPkcs1(PemFile pem, PemFile.Block block) {
        try {
            Der.Reader outer = Der.Reader.of(block.der());
            Der.Element key = outer.next(Der.SEQUENCE, "a SEQUENCE");
            Der.Reader fields = key.children();
            if (fields.next().smallInteger() != 0) {
                throw new Der.DerException("a PKCS#1 version other than 0 (two-prime RSA)");
            }
            KeyBounds.rsaIntegers(fields);
            if (outer.hasMore()) {
                throw new Der.DerException("bytes after the key");
            }
            // the integers' bounds are checked inside the PKCS#8 envelope, as every RSA key's (checkBounds)
        } catch (Der.DerException e) {
            throw malformed(pem, block, "a PKCS#1 RSA private key", e);
        }
        return privateKeyInfo(Der.sequence(Der.oid(RSA), Der.element(Der.NULL)), block.der());
    }

    /**
     * SEC 1 ECPrivateKey { 1, OCTET STRING key, [0] curve OID, [1] public key } → PKCS#8 PrivateKeyInfo
     * { 0, { ecPublicKey, curve OID }, OCTET STRING sec1 }.
     */
    private static byte[] fromSec1(PemFile pem, PemFile.Block block) {
        byte[] curve = null;
        try {
            Der.Reader outer = Der.Reader.of(block.der());
            Der.Reader fields = outer.next(Der.SEQUENCE, "a SEQUENCE").children();
            if (fields.next().smallInteger() != 1) {
                throw new Der.DerException("an ECPrivateKey version other than 1");
            }
            Der.Element value = fields.next(Der.OCTET_STRING, "the private key OCTET STRING");
            KeyBounds.checkEcPrivateValue(value);
            while (fields.hasMore()) {
                Der.Element element = fields.next();
                if (element.tag() == 0xA0) {
                    Der.Element parameters = element.children().next();
                    if (parameters.tag() != Der.OBJECT_IDENTIFIER) {
                        throw new InvalidInputException(pem.origin(block), pem.role() + " gives its"
                                + " curve as explicit parameters; only named curves (such as P-256) can be used");
                    }
                    parameters.oid();
                    curve = parameters.encoded();
                }
            }
            if (outer.hasMore()) {
                throw new Der.DerException("bytes after the key");
            }
        } catch (Der.DerException e) {
            throw malformed(pem, block, "a SEC 1 EC private key", e);
        } catch (KeyBounds.OutOfBounds e) {
            throw outOfBounds(pem, block, e);
        }
        if (curve == null) {
            throw new InvalidInputException(pem.origin(block), pem.role() + " does not name its curve"
                    + " (no [0] parameters); write it as PKCS#8, for example with openssl pkcs8 -topk8 -nocrypt");
        }
        return privateKeyInfo(Der.sequence(Der.oid(EC), curve), block.der());
    }

    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        return Der.sequence(Der.element(Der.INTEGER, new byte[] {0}), algorithm, Der.element(Der.OCTET_STRING, key));
    }

    private static PrivateKey pkcs8(PemFile pem, PemFile.Block block, byte[] der) {
        String oid;
        try {
            Der.Reader fields = Der.Reader.of(der).next(Der.SEQUENCE, "a SEQUENCE").children();
            fields.next(Der.INTEGER, "a version INTEGER");
            Der.Reader algorithm = fields.next(Der.SEQUENCE, "an AlgorithmIdentifier").children();
            oid = algorithm.next().oid();
            Der.Element key = fields.next(Der.OCTET_STRING, "the private key OCTET STRING");
            checkBounds(pem, block, oid, algorithm, key);
        } catch (Der.DerException e) {
            throw malformed(pem, block, "a PKCS#8 private key", e);
        } catch (KeyBounds.OutOfBounds e) {
            throw outOfBounds(pem, block, e);
        }
        String algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new InvalidInputException(pem.origin(block), pem.role() + " is a key of algorithm "
                    + oid + ", which TLS here cannot use (expected RSA, EC, Ed25519 or Ed448)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            // the JDK's message is not shown: it may describe the key's contents
            throw new InvalidInputException(pem.origin(block), pem.role() + " is not a valid "
                    + algorithm + " private key");
        }
    }

    /**
     * Check the sizes of the key inside a PKCS#8 envelope before the JDK reads it ({@link KeyBounds}): an RSA key's
     * integers, an EC key's curve (named, never explicit parameters) and private value.
     */
    private static void checkBounds(PemFile pem, PemFile.Block block, String oid, Der.Reader algorithm,
            Der.Element key) throws Der.DerException, KeyBounds.OutOfBounds {
        if (oid.equals(RSA) || oid.equals(RSASSA_PSS)) {
            Der.Element[] integers;
            try {
                Der.Reader fields = key.children().next(Der.SEQUENCE, "an RSAPrivateKey SEQUENCE").children();
                if (fields.next().smallInteger() != 0) {
                    throw new Der.DerException("an RSA key version other than 0 (two-prime RSA)");
                }
                integers = KeyBounds.rsaIntegers(fields);
            } catch (Der.DerException e) {
                // what the JDK would refuse too, and say no more of
                throw new InvalidInputException(pem.origin(block), pem.role() + " is not a valid "
                        + ALGORITHMS.get(oid) + " private key");
            }
            KeyBounds.checkRsa(integers);
        } else if (oid.equals(EC)) {
            if (!algorithm.hasMore() || algorithm.next().tag() != Der.OBJECT_IDENTIFIER) {
                throw new InvalidInputException(pem.origin(block), pem.role() + " gives its curve as explicit"
                        + " parameters; only named curves (such as P-256) can be used");
            }
            Der.Reader fields = key.children().next(Der.SEQUENCE, "an ECPrivateKey SEQUENCE").children();
            fields.next(Der.INTEGER, "a version INTEGER");
            KeyBounds.checkEcPrivateValue(fields.next(Der.OCTET_STRING, "the private key OCTET STRING"));
        }
    }

    private static InvalidInputException outOfBounds(PemFile pem, PemFile.Block block, KeyBounds.OutOfBounds e) {
        return new InvalidInputException(pem.origin(block), pem.role() + " " + e.getMessage());
    }

    private static InvalidInputException malformed(PemFile pem, PemFile.Block block, String what,
            Der.DerException e) {
        return new InvalidInputException(pem.origin(block), pem.role() + ": its BEGIN " + block.label()
                + " block is not " + what + " (" + e.getMessage() + ")");
    }

    /**
     * Check that the private key belongs to the certificate: sign a random challenge with the key and verify it with
     * the certificate's public key.
     */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        PublicKey publicKey = certificate.getPublicKey();
        if (!family(key.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // RSASSA-PSS keys need signature parameters; the TLS handshake checks them instead
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String family(String algorithm) {
        return algorithm.startsWith("Ed") ? "EdDSA" : algorithm;
    }
}
