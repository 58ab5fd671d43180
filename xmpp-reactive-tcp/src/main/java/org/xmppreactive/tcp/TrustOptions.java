package org.xmppreactive.tcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a client decides to trust the server's certificate. Whatever the choice (but one), the certificate must also
 * name the XMPP domain the client asked for, as a DNS-ID (RFC 6125, RFC 7590): never the SRV target host, never the
 * IP address.
 *
 * <pre>{@code
 * TcpClientTransport.create().trust(TrustOptions.system());                          // the default
 * TcpClientTransport.create().trust(TrustOptions.caFile(Path.of("/etc/xmpp/ca.pem")));  // a private CA
 * TcpClientTransport.create().trust(TrustOptions.pinned(Path.of("server.pem")));       // exactly this certificate
 * }</pre>
 *
 * <p>Values are immutable. File-based options read their file when created, so a missing or unreadable file is an
 * error of the configuration, not of a later connection.
 */
public final class TrustOptions {

    private final String description;
    private final Supplier<TrustManager[]> trustManagers;
    private final boolean checksName;

    private TrustOptions(String description, Supplier<TrustManager[]> trustManagers, boolean checksName) {
        this.description = description;
        this.trustManagers = trustManagers;
        this.checksName = checksName;
    }

    /** Trusts the certificate authorities of the JDK's default trust store ({@code cacerts}). The default. */
    public static TrustOptions system() {
        return new TrustOptions("system", memoize(() -> {
            try {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                return factory.getTrustManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot load the JDK's default trust store", e);
            }
        }), true);
    }

    /**
     * Trusts the certificate authorities in {@code file}, and only those: one or more certificates, PEM
     * ({@code -----BEGIN CERTIFICATE-----}) or DER.
     *
     * @param file the certificates of the trusted authorities
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException if it holds no certificate
     */
    public static TrustOptions caFile(Path file) {
        List<X509Certificate> authorities = readCertificates(file);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            TrustManager[] managers = factory.getTrustManagers();
            return new TrustOptions("caFile " + file, () -> managers.clone(), true);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot trust the certificates of " + file, e);
        }
    }

    /**
     * Accepts exactly the server certificate {@code leaf} and no other, whoever issued it; it must still name the
     * XMPP domain.
     *
     * @param leaf the server's own certificate (not its issuer's)
     */
    public static TrustOptions pinned(X509Certificate leaf) {
        Objects.requireNonNull(leaf, "leaf");
        return new TrustOptions("pinned " + leaf.getSubjectX500Principal().getName(),
                () -> new TrustManager[] {new PinnedTrustManager(leaf)}, true);
    }

    /**
     * {@link #pinned(X509Certificate)} with the first certificate in {@code file} (PEM or DER).
     *
     * @param file the server's certificate
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException if it holds no certificate
     */
    public static TrustOptions pinned(Path file) {
        return pinned(readCertificates(file).get(0));
    }

    /**
     * <strong>Turns certificate checking off</strong>: accepts any certificate, from anyone, for any name. The
     * connection is encrypted, but to whoever answered, which may be a man in the middle who reads and changes
     * everything, passwords included (SCRAM's channel binding still detects such a middle man; PLAIN does not).
     * For tests and for development against a server with a throw-away certificate; never in production.
     */
    public static TrustOptions insecureTrustAll() {
        return new TrustOptions("insecureTrustAll", () -> new TrustManager[] {new TrustAllManager()}, false);
    }

    /**
     * Trusts what {@code factory}'s trust managers trust, e.g. a test CA; the name is checked as always.
     *
     * @param factory an initialised trust manager factory
     */
    public static TrustOptions of(TrustManagerFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return new TrustOptions("of " + factory.getAlgorithm(), factory::getTrustManagers, true);
    }

    /** The trust managers for one TLS context. */
    TrustManager[] trustManagers() {
        return trustManagers.get();
    }

    /** Whether the server's certificate must name the XMPP domain; false only for {@link #insecureTrustAll()}. */
    boolean checksName() {
        return checksName;
    }

    @Override
    public String toString() {
        return "TrustOptions[" + description + "]";
    }

    private static List<X509Certificate> readCertificates(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificates from " + file, e);
        }
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no X.509 certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " holds no readable X.509 certificate (PEM or DER)", e);
        }
    }

    private static Supplier<TrustManager[]> memoize(Supplier<TrustManager[]> load) {
        return new Supplier<>() {
            private volatile TrustManager[] loaded;

            @Override
            public TrustManager[] get() {
                TrustManager[] managers = loaded;
                if (managers == null) {
                    managers = load.get();
                    loaded = managers;
                }
                return managers.clone();
            }
        };
    }
}
