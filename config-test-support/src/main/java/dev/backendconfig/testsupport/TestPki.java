package dev.backendconfig.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys and X.509 certificates made at test time with the JDK alone (a small DER writer and {@link Signature}), and
 * written as PEM in every form openssl writes them: PKCS#8, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), SEC 1
 * ({@code BEGIN EC PRIVATE KEY}, with its curve in {@code [0]} and public key in {@code [1]}, as
 * {@code openssl ecparam -genkey} writes it) and encrypted PKCS#8 (PBES2, AES-256-CBC).
 */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String P256 = "1.2.840.10045.3.1.7";

    private TestPki() {
    }

    /** A certificate and the key pair it was made for. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
    }

    /** The kinds of key a test can ask for. */
    public enum KeyKind { RSA, EC, ED25519 }

    private static final int POOL = 4;
    private static final java.util.Map<KeyKind, List<KeyPair>> POOLS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger TURN = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Return a key pair: RSA 2048, EC P-256 or Ed25519, from a small pool made once (RSA key generation is slow), in
     * turn, so that two calls in a row never return the same pair.
     */
    public static KeyPair keys(KeyKind kind) {
        List<KeyPair> pool = POOLS.computeIfAbsent(kind, k -> {
            List<KeyPair> pairs = new ArrayList<>();
            for (int i = 0; i < POOL; i++) {
                pairs.add(freshKeys(k));
            }
            return List.copyOf(pairs);
        });
        return pool.get(Math.floorMod(TURN.getAndIncrement(), POOL));
    }

    /** Return a key pair made now: RSA 2048, EC P-256 or Ed25519. */
    public static KeyPair freshKeys(KeyKind kind) {
        try {
            KeyPairGenerator generator = switch (kind) {
                case RSA -> KeyPairGenerator.getInstance("RSA");
                case EC -> KeyPairGenerator.getInstance("EC");
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
            };
            if (kind == KeyKind.RSA) {
                generator.initialize(2048);
            } else if (kind == KeyKind.EC) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Return the self-signed CA of this common name, with an RSA key of its own: made once per JVM and name (RSA key
     * generation is slow, and a mutation run runs a test class's {@code @BeforeAll} again for each test it runs), so
     * that two names are two CAs, and one name is one CA however often it is asked for.
     */
    public static Issued authority(String commonName) {
        return AUTHORITIES.computeIfAbsent(commonName, TestPki::newAuthority);
    }

    private static final java.util.Map<String, Issued> AUTHORITIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Issued newAuthority(String commonName) {
        KeyPair keys = freshKeys(KeyKind.RSA);
        Instant now = Instant.now();
        return new Issued(certificate(commonName, keys.getPublic(), commonName, keys.getPrivate(), true, List.of(),
                List.of(), "", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))), keys);
    }

    /** Return a server certificate signed by {@code ca}, for the given DNS names and IP addresses. */
    public static Issued server(Issued ca, List<String> dnsNames, List<String> ipAddresses) {
        Instant now = Instant.now();
        return server(ca, dnsNames, ipAddresses, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /** Return a server certificate signed by {@code ca}, valid from {@code notBefore} to {@code notAfter}. */
    public static Issued server(Issued ca, List<String> dnsNames, List<String> ipAddresses, Instant notBefore,
            Instant notAfter) {
        KeyPair keys = keys(KeyKind.RSA);
        return new Issued(certificate("engine", keys.getPublic(), commonName(ca), ca.keys().getPrivate(), false,
                dnsNames, ipAddresses, "1.3.6.1.5.5.7.3.1", notBefore, notAfter), keys);
    }

    /** Return a client certificate signed by {@code ca}. */
    public static Issued client(Issued ca, KeyKind kind) {
        Instant now = Instant.now();
        return client(ca, kind, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /** Return a client certificate signed by {@code ca}, valid from {@code notBefore} to {@code notAfter}. */
    public static Issued client(Issued ca, KeyKind kind, Instant notBefore, Instant notAfter) {
        KeyPair keys = keys(kind);
        return new Issued(certificate("client", keys.getPublic(), commonName(ca), ca.keys().getPrivate(), false,
                List.of(), List.of(), "1.3.6.1.5.5.7.3.2", notBefore, notAfter), keys);
    }

    /** Return a client certificate for {@code keys} (RSASSA-PSS and Ed448 too), signed by {@code ca}. */
    public static Issued client(Issued ca, KeyPair keys) {
        Instant now = Instant.now();
        return new Issued(certificate("client", keys.getPublic(), commonName(ca), ca.keys().getPrivate(), false,
                List.of(), List.of(), "1.3.6.1.5.5.7.3.2", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))),
                keys);
    }

    private static String commonName(Issued ca) {
        String name = ca.certificate().getSubjectX500Principal().getName();
        return name.substring(name.indexOf('=') + 1);
    }

    private static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey signer,
            boolean authority, List<String> dnsNames, List<String> ipAddresses, String extendedKeyUsage,
            Instant notBefore, Instant notAfter) {
        byte[] algorithm = signatureAlgorithm(signer);
        List<byte[]> extensions = new ArrayList<>();
        extensions.add(extension("2.5.29.19", true, authority ? seq(tlv(0x01, new byte[] {(byte) 0xFF})) : seq()));
        extensions.add(extension("2.5.29.15", true, authority ? new byte[] {0x03, 0x02, 0x01, 0x06}
                : new byte[] {0x03, 0x02, 0x05, (byte) 0xA0}));
        if (!extendedKeyUsage.isEmpty()) {
            extensions.add(extension("2.5.29.37", false, seq(oid(extendedKeyUsage))));
        }
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            List<byte[]> names = new ArrayList<>();
            dnsNames.forEach(dns -> names.add(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII))));
            for (String ip : ipAddresses) {
                try {
                    names.add(tlv(0x87, InetAddress.getByName(ip).getAddress()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            extensions.add(extension("2.5.29.17", false, seq(names.toArray(new byte[0][]))));
        }
        byte[] tbs = seq(
                tlv(0xA0, tlv(0x02, new byte[] {2})),
                tlv(0x02, new BigInteger(63, RANDOM).add(BigInteger.ONE).toByteArray()),
                algorithm,
                name(issuer),
                seq(time(notBefore), time(notAfter)),
                name(subject),
                key.getEncoded(),
                tlv(0xA3, seq(extensions.toArray(new byte[0][]))));
        try {
            Signature signature = Signature.getInstance(signatureName(signer));
            signature.initSign(signer);
            signature.update(tbs);
            byte[] signed = signature.sign();
            byte[] bits = new byte[signed.length + 1];
            System.arraycopy(signed, 0, bits, 1, signed.length);
            byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signatureName(PrivateKey signer) {
        return switch (signer.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
    }

    private static byte[] signatureAlgorithm(PrivateKey signer) {
        return switch (signer.getAlgorithm()) {
            case "RSA" -> seq(oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00});
            case "EC" -> seq(oid("1.2.840.10045.4.3.2"));
            default -> seq(oid("1.3.101.112"));
        };
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? seq(oid(id), tlv(0x01, new byte[] {(byte) 0xFF}), tlv(0x04, value))
                : seq(oid(id), tlv(0x04, value));
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant instant) {
        return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(instant)
                .getBytes(StandardCharsets.US_ASCII));
    }

    // ---------------------------------------------------------------------------------------------------- PEM

    /** Return a PEM block. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Return a certificate as PEM. */
    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Return a private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** Return an RSA private key as PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}): the key inside its PKCS#8 form. */
    public static String pkcs1(PrivateKey key) {
        return pem("RSA PRIVATE KEY", innerKey(key.getEncoded()));
    }

    /**
     * Return an EC P-256 private key as SEC 1 PEM ({@code BEGIN EC PRIVATE KEY}), as openssl writes it:
     * {@code { 1, OCTET STRING key, [0] curve, [1] BIT STRING public point }}.
     */
    public static String sec1(ECPrivateKey key, ECPublicKey publicKey) {
        byte[] scalar = fixed(key.getS(), 32);
        ECPoint point = publicKey.getW();
        ByteArrayOutputStream encodedPoint = new ByteArrayOutputStream();
        encodedPoint.write(0);
        encodedPoint.write(4);
        encodedPoint.writeBytes(fixed(point.getAffineX(), 32));
        encodedPoint.writeBytes(fixed(point.getAffineY(), 32));
        byte[] der = seq(tlv(0x02, new byte[] {1}), tlv(0x04, scalar), tlv(0xA0, oid(P256)),
                tlv(0xA1, tlv(0x03, encodedPoint.toByteArray())));
        return pem("EC PRIVATE KEY", der);
    }

    /** Return a private key as encrypted PKCS#8 PEM ({@code BEGIN ENCRYPTED PRIVATE KEY}), PBES2 with AES-256-CBC. */
    public static String encryptedPkcs8(PrivateKey key, char[] password) {
        try {
            String algorithm = "PBEWithHmacSHA256AndAES_256";
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            RANDOM.nextBytes(salt);
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(
                    new PBEKeySpec(password)), new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv)));
            byte[] encrypted = cipher.doFinal(key.getEncoded());
            // EncryptedPrivateKeyInfo { { pkcs5PBES2, PBES2-params }, OCTET STRING }, as openssl pkcs8 -topk8 -v2 writes it
            byte[] der = seq(seq(oid("1.2.840.113549.1.5.13"), cipher.getParameters().getEncoded()),
                    tlv(0x04, encrypted));
            new EncryptedPrivateKeyInfo(der);
            return pem("ENCRYPTED PRIVATE KEY", der);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Write {@code ca.pem}, {@code cert.pem} and {@code key.pem} (when given) into a directory, as DOCKER_CERT_PATH. */
    public static Path certPath(Path directory, X509Certificate ca, X509Certificate cert, String keyPem) {
        try {
            Files.createDirectories(directory);
            if (ca != null) {
                Files.writeString(directory.resolve("ca.pem"), pem(ca));
            }
            if (cert != null) {
                Files.writeString(directory.resolve("cert.pem"), pem(cert));
            }
            if (keyPem != null) {
                Files.writeString(directory.resolve("key.pem"), keyPem);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Return the key managers of an engine that presents {@code certificate} followed by {@code chainTo}'s
     * certificate, as a TLS server's key store holds them.
     */
    public static KeyManager[] engineKeys(Issued certificate, Issued chainTo) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("engine", certificate.keys().getPrivate(), "x".toCharArray(),
                    new X509Certificate[] {certificate.certificate(), chainTo.certificate()});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, "x".toCharArray());
            return managers.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Return a TLS context for an engine: {@link #engineKeys its keys}, and trust in {@code clientCa} alone, or in
     * no CA when it is null.
     */
    public static SSLContext engineContext(Issued certificate, Issued chainTo, Issued clientCa) {
        try {
            KeyStore authorities = KeyStore.getInstance("PKCS12");
            authorities.load(null, null);
            if (clientCa != null) {
                authorities.setCertificateEntry("ca", clientCa.certificate());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(authorities);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(engineKeys(certificate, chainTo), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- DER

    private static byte[] innerKey(byte[] pkcs8) {
        // PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE algorithm, OCTET STRING key }: return the OCTET STRING's bytes
        int[] position = {0};
        header(pkcs8, position);
        skip(pkcs8, position);
        skip(pkcs8, position);
        int length = header(pkcs8, position);
        return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
    }

    private static int header(byte[] der, int[] position) {
        position[0]++;
        int first = der[position[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (der[position[0]++] & 0xFF);
        }
        return length;
    }

    private static void skip(byte[] der, int[] position) {
        int length = header(der, position);
        position[0] += length;
    }

    private static byte[] fixed(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == size) {
            return bytes;
        }
        byte[] out = new byte[size];
        int copy = Math.min(size, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, size - copy, copy);
        return out;
    }

    /** Return a DER element. */
    public static byte[] tlv(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            body.writeBytes(content);
        }
        int length = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xFF);
            out.write(length & 0xFF);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** Return a DER SEQUENCE. */
    public static byte[] seq(byte[]... elements) {
        return tlv(0x30, elements);
    }

    /** Return a DER OBJECT IDENTIFIER. */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        arc(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            arc(content, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, content.toByteArray());
    }

    private static void arc(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long rest = value >> 7; rest > 0; rest >>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >> (7 * i)) & 0x7F);
            out.write(i == 0 ? group : group | 0x80);
        }
    }
}
