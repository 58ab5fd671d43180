package org.xmppreactive.test;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private key with its certificate chain (leaf first, then the issuing CA), as {@link TestCertificates} issues
 * them, in the forms the JDK's TLS wants.
 *
 * <pre>{@code
 * TestIdentity server = certificates.server("example.org");
 * SSLContext context = server.sslContext(certificates.trustManagerFactory());
 * }</pre>
 *
 * @param privateKey the leaf's private key
 * @param chain      the leaf certificate first, then its issuer
 */
public record TestIdentity(PrivateKey privateKey, List<X509Certificate> chain) {

    /** The password of the in-memory key stores; they never leave the JVM. */
    private static final char[] PASSWORD = "test".toCharArray();

    /** Copies the chain, which must not be empty. */
    public TestIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain holds at least the leaf certificate");
        }
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** An in-memory PKCS#12 key store holding this identity under the alias {@code identity}. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", privateKey, PASSWORD, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a key store", e);
        }
    }

    /** A key manager factory that presents this identity. */
    public KeyManagerFactory keyManagerFactory() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(), PASSWORD);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a key manager", e);
        }
    }

    /** A new TLS context that presents this identity and trusts what {@code trust} trusts. */
    public SSLContext sslContext(TrustManagerFactory trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagerFactory().getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }
}
