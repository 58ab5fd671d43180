package org.xmppreactive.sasl;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed client certificates with chosen subjectAltNames, made with BouncyCastle. */
final class TestCertificates {

    /** {@code id-on-xmppAddr} (RFC 6120 §13.7.1.4). */
    static final ASN1ObjectIdentifier XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");

    private static final KeyPair KEYS = keyPair();

    private TestCertificates() {
    }

    /** A certificate with one xmppAddr per JID, and a dNSName if {@code dnsName} is not null. */
    static X509Certificate withXmppAddrs(String dnsName, String... jids) {
        List<GeneralName> names = new ArrayList<>();
        for (String jid : jids) {
            names.add(new GeneralName(GeneralName.otherName, otherName(XMPP_ADDR, jid)));
        }
        if (dnsName != null) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        return certificate(names);
    }

    /** A certificate whose only name is an otherName of another type holding {@code value}. */
    static X509Certificate withOtherName(String oid, String value) {
        return certificate(List.of(new GeneralName(GeneralName.otherName,
                otherName(new ASN1ObjectIdentifier(oid), value))));
    }

    /** A certificate without a subjectAltName extension. */
    static X509Certificate withoutAltNames() {
        return certificate(List.of());
    }

    private static ASN1Encodable otherName(ASN1ObjectIdentifier type, String value) {
        // OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
        return new DERSequence(new ASN1Encodable[] {type, new DERTaggedObject(true, 0, new DERUTF8String(value))});
    }

    private static X509Certificate certificate(List<GeneralName> names) {
        try {
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=test client");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    KEYS.getPublic());
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
