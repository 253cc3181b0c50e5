package dev.backendconfig.docker.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backendconfig.testsupport.TestPki;
import dev.backendconfig.testsupport.TestPki.KeyKind;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

/**
 * Whether a private key belongs to a certificate, for the keys whose signature the check cannot make itself: an
 * RSASSA-PSS key (its signature needs parameters) is left to the TLS handshake, yet never matches a certificate of
 * another family; two keys of one family but different curves do not match.
 */
class TlsKeysMatchTest {

    private static KeyPair generate(String algorithm) throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    }

    @Test
    void anRsassaPssKeyIsLeftToTheHandshakeWithItsOwnFamilyButNeverMatchesAnotherFamily() throws Exception {
        TestPki.Issued ca = TestPki.authority("pss-ca");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSASSA-PSS");
        generator.initialize(1024); // small: only the family matters here
        KeyPair pss = generator.generateKeyPair();
        assertThat(TlsKeys.matches(pss.getPrivate(), TestPki.client(ca, pss).certificate())).isTrue();
        assertThat(TlsKeys.matches(pss.getPrivate(), TestPki.client(ca, KeyKind.EC).certificate())).isFalse();
        assertThat(TlsKeys.matches(pss.getPrivate(), TestPki.client(ca, KeyKind.RSA).certificate())).isFalse();
    }

    @Test
    void anEd25519KeyDoesNotMatchAnEd448CertificateThoughBothAreEdDsa() throws Exception {
        TestPki.Issued ca = TestPki.authority("ed-ca");
        KeyPair ed448 = generate("Ed448");
        assertThat(TlsKeys.matches(ed448.getPrivate(), TestPki.client(ca, ed448).certificate())).isTrue();
        assertThat(TlsKeys.matches(TestPki.keys(KeyKind.ED25519).getPrivate(), TestPki.client(ca, ed448).certificate()))
                .isFalse();
        assertThat(TlsKeys.matches(ed448.getPrivate(), TestPki.client(ca, KeyKind.ED25519).certificate())).isFalse();
    }
}
