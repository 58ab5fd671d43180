package org.xmppreactive.test;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority for TLS tests, generated in memory when {@link #create()} is called: nothing is
 * read from or written to disk, and no key is in the repository. Keys are EC P-256, signatures SHA256withECDSA.
 *
 * <p>Each instance has its own CA, so a client that trusts one instance rejects the servers of another: that is how
 * a test gets an untrusted certificate. Issued identities are kept per instance and name, so asking twice for the
 * same server costs one key generation.
 *
 * <pre>{@code
 * TestCertificates certificates = TestCertificates.create();
 * SSLContext server = certificates.serverContext("example.org");
 * SSLContext client = certificates.clientContext("juliet@example.org"); // with an xmppAddr for SASL EXTERNAL
 * }</pre>
 */
public final class TestCertificates {

    /** RFC 6120 §13.7.1.4: the {@code id-on-xmppAddr} otherName of a subjectAltName. */
    public static final String XMPP_ADDR_OID = "1.3.6.1.5.5.7.8.5";

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final AtomicLong serials;
    private final Map<String, TestIdentity> issued = new ConcurrentHashMap<>();

    private TestCertificates(KeyPair caKeys, X509Certificate caCertificate, long firstSerial) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.serials = new AtomicLong(firstSerial);
    }

    /** Generates a new self-signed CA; every instance has its own. */
    public static TestCertificates create() {
        KeyPair keys = generateKeyPair();
        long serial = System.nanoTime() & Long.MAX_VALUE;
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "xmpp-reactive tests")
                .addRDN(BCStyle.CN, "Test CA " + Long.toHexString(serial))
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = validFor(name, serial, name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCertificates(keys, sign(builder, keys), serial + 1);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the test CA", e);
        }
    }

    /** The CA's self-signed certificate, which issued every certificate of this instance. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A key store holding only {@link #caCertificate()} as a trusted entry. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", caCertificate);
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    /** A trust manager factory that trusts this instance's CA and nothing else. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager", e);
        }
    }

    /**
     * A server certificate for the XMPP domains {@code dnsNames}: each is a {@code dNSName} in the subjectAltName
     * (RFC 6125 §6.4 DNS-ID; no xmppAddr, as RFC 6120 §13.7.1.2 expects of a server), the first is also the subject
     * CN. Its extended key usage allows both serverAuth and clientAuth, so it also serves server-to-server tests.
     *
     * @param dnsNames one or more domain names, e.g. {@code example.org}
     */
    public TestIdentity server(String... dnsNames) {
        if (dnsNames.length == 0) {
            throw new IllegalArgumentException("a server certificate names at least one domain");
        }
        List<String> names = List.of(dnsNames);
        return issued.computeIfAbsent("server " + names, key -> issue(names.get(0),
                names.stream().map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new),
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    }

    /**
     * A client certificate for the account {@code bareJid}, which it carries as an {@code id-on-xmppAddr} otherName
     * (UTF8String) in its subjectAltName (RFC 6120 §13.7.1.4), as SASL EXTERNAL expects. Extended key usage:
     * clientAuth.
     *
     * @param bareJid the account, e.g. {@code juliet@example.org}
     */
    public TestIdentity client(String bareJid) {
        GeneralName xmppAddr = new GeneralName(GeneralName.otherName,
                new OtherName(new ASN1ObjectIdentifier(XMPP_ADDR_OID), new DERUTF8String(bareJid)));
        return issued.computeIfAbsent("client " + bareJid, key -> issue(bareJid, new GeneralName[] {xmppAddr},
                new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}));
    }

    /**
     * A new TLS context for a server of {@code domain}: presents {@link #server server(domain)} and trusts this CA,
     * so it can check client certificates. Each call returns a new context with its own session cache.
     *
     * @param domain the XMPP domain the server serves
     */
    public SSLContext serverContext(String domain) {
        return server(domain).sslContext(trustManagerFactory());
    }

    /** A new TLS context for a client without a certificate, trusting this CA. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }

    /**
     * A new TLS context for a client that presents {@link #client client(bareJid)} and trusts this CA.
     *
     * @param bareJid the account the client certificate names
     */
    public SSLContext clientContext(String bareJid) {
        return client(bareJid).sslContext(trustManagerFactory());
    }

    @Override
    public String toString() {
        return "TestCertificates[" + caCertificate.getSubjectX500Principal().getName() + "]";
    }

    private TestIdentity issue(String commonName, GeneralName[] subjectAltNames, KeyPurposeId[] purposes) {
        KeyPair keys = generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = validFor(issuer, serials.getAndIncrement(), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltNames))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            return new TestIdentity(keys.getPrivate(), List.of(sign(builder, caKeys), caCertificate));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
        }
    }

    private static X509v3CertificateBuilder validFor(X500Name issuer, long serial, X500Name subject, PublicKey key) {
        // Wall-clock validity: certificate checks use the system clock, never a test's virtual time.
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }
}
