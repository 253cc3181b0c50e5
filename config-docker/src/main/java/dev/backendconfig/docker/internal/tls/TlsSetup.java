package dev.backendconfig.docker.internal.tls;

import dev.backendconfig.toolkit.InvalidInputException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of an engine connection, read from {@link TlsMaterial} with the JDK alone: the CA the engine's
 * certificate must chain to (host name checked too), and the client certificate with its key. Reading it checks
 * every file and that the key belongs to the certificate; any problem is an
 * {@link InvalidInputException} naming the file.
 *
 * <p>Each handshake gets a {@link Handshake} that remembers what happened: whether the engine asked for a client
 * certificate (and which CAs it accepts), whether one was sent, and the certificate the engine presented. A dockerd
 * started with {@code --tlsverify} refuses a client without an acceptable certificate with a fatal alert that a
 * JDK client writing its request often sees only as "Broken pipe"; with this record the failure can still be named.
 */
public final class TlsSetup {

    private static final String ALIAS = "client";

    private final TlsMaterial material;
    private final TrustManager[] trust;
    private final PrivateKey key;
    private final X509Certificate[] chain;

    private TlsSetup(TlsMaterial material, TrustManager[] trust, PrivateKey key, X509Certificate[] chain) {
        this.material = material;
        this.trust = trust;
        this.key = key;
        this.chain = chain;
    }

    /**
     * Read and check the TLS files.
     *
     * @throws InvalidInputException naming the file that is missing, unreadable, malformed,
     *     encrypted, or a key that does not belong to its certificate
     */
    public static TlsSetup load(TlsMaterial material) {
        TrustManager[] trust = trustManagers(material);
        if (!material.hasClientCertificate()) {
            return new TlsSetup(material, trust, null, null);
        }
        List<X509Certificate> certificates = TlsKeys.certificates(PemFile.read(material.cert(),
                "the client certificate (" + material.source() + ")"));
        PemFile keyFile = PemFile.read(material.key(), "the client key (" + material.source() + ")");
        PrivateKey key = TlsKeys.privateKey(keyFile);
        if (!TlsKeys.matches(key, certificates.get(0))) {
            throw new InvalidInputException(keyFile.origin(), keyFile.role() + " does not belong to"
                    + " the certificate in " + material.cert() + " (its public key is another key's); give the key"
                    + " that the certificate was made for");
        }
        return new TlsSetup(material, trust, key, certificates.toArray(new X509Certificate[0]));
    }

    private static TrustManager[] trustManagers(TlsMaterial material) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (material.ca() == null) {
                factory.init((KeyStore) null);
            } else {
                List<X509Certificate> authorities = TlsKeys.certificates(PemFile.read(material.ca(),
                        "the CA certificate (" + material.source() + ")"));
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < authorities.size(); i++) {
                    store.setCertificateEntry("ca-" + i, authorities.get(i));
                }
                factory.init(store);
            }
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK's PKIX trust manager is not available", e);
        }
    }

    /** Return the files this setup was read from. */
    public TlsMaterial material() {
        return material;
    }

    /** Return the client certificate, when one is configured. */
    public X509Certificate clientCertificate() {
        return chain == null ? null : chain[0];
    }

    /** Start what one handshake needs: a socket factory whose key and trust managers record what happens. */
    public Handshake handshake() {
        Handshake handshake = new Handshake();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            X509ExtendedTrustManager delegate = Arrays.stream(trust).filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no X509ExtendedTrustManager in the JDK"));
            context.init(new javax.net.ssl.KeyManager[] {handshake.new ClientKeys()},
                    new TrustManager[] {handshake.new RecordingTrust(delegate)}, null);
            handshake.factory = context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS implementation is not available", e);
        }
        return handshake;
    }

    /** What one handshake did, as far as a failure needs to be explained. */
    public final class Handshake {
        private SSLSocketFactory factory;
        private volatile boolean certificateRequested;
        private volatile boolean certificateSent;
        private volatile Principal[] acceptedIssuers = new Principal[0];
        private volatile X509Certificate[] engineChain = new X509Certificate[0];

        /** Return the socket factory for this handshake. */
        public SSLSocketFactory factory() {
            return factory;
        }

        /** Tell whether the engine asked for a client certificate. */
        public boolean certificateRequested() {
            return certificateRequested;
        }

        /** Tell whether a client certificate was sent. */
        public boolean certificateSent() {
            return certificateSent;
        }

        /** Return the CAs the engine said it accepts client certificates from (may be empty). */
        public List<Principal> acceptedIssuers() {
            return List.of(acceptedIssuers);
        }

        /** Return the certificate the engine presented, or null. */
        public X509Certificate engineCertificate() {
            return engineChain.length == 0 ? null : engineChain[0];
        }

        /** Hands over the one client certificate, and remembers that the engine asked for it. */
        final class ClientKeys extends X509ExtendedKeyManager {

            private String choose(String[] keyTypes, Principal[] issuers) {
                certificateRequested = true;
                acceptedIssuers = issuers == null ? new Principal[0] : issuers.clone();
                if (key == null || keyTypes == null) {
                    return null;
                }
                for (String keyType : keyTypes) {
                    if (keyType.equals(key.getAlgorithm()) || keyType.startsWith(key.getAlgorithm() + "_")) {
                        // sent even when its issuer is not among those the engine names, as curl and the docker
                        // CLI do: the engine's refusal is clearer than silently sending nothing
                        certificateSent = true;
                        return ALIAS;
                    }
                }
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
                return choose(keyTypes, issuers);
            }

            @Override
            public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
                return choose(keyTypes, issuers);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return key != null && keyType.equals(key.getAlgorithm()) ? new String[] {ALIAS} : null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return ALIAS.equals(alias) && chain != null ? chain.clone() : null;
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return ALIAS.equals(alias) ? key : null;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }
        }

        /** Checks the engine's certificate with the JDK's PKIX trust manager, remembering what it was shown. */
        final class RecordingTrust extends X509ExtendedTrustManager {
            private final X509ExtendedTrustManager delegate;

            RecordingTrust(X509ExtendedTrustManager delegate) {
                this.delegate = delegate;
            }

            @Override
            public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket)
                    throws CertificateException {
                engineChain = presented.clone();
                delegate.checkServerTrusted(presented, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                    throws CertificateException {
                engineChain = presented.clone();
                delegate.checkServerTrusted(presented, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
                throw new CertificateException("the engine's host name cannot be checked without its socket");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket)
                    throws CertificateException {
                throw new CertificateException("a client does not check client certificates");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                    throws CertificateException {
                throw new CertificateException("a client does not check client certificates");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
                throw new CertificateException("a client does not check client certificates");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return delegate.getAcceptedIssuers();
            }
        }
    }
}
