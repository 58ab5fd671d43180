package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;

class TestCertificatesTest {

    final TestCertificates certificates = TestCertificates.create();

    @Test
    void serverCertificateNamesEachDomainAsDnsNameAndCarriesNoXmppAddr() throws Exception {
        X509Certificate server = certificates.server("example.org", "conference.example.org").certificate();

        assertThat(server.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "example.org"), List.of(2, "conference.example.org"));
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=example.org");
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(server.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void clientCertificateCarriesTheBareJidAsXmppAddrOtherName() throws Exception {
        X509Certificate client = certificates.client("juliet@example.org").certificate();

        // Read from the extension itself: JDK 17's getSubjectAlternativeNames() wraps an otherName's value in a
        // second [0] tag (JDK 25 does not), so its view is not the certificate's encoding.
        GeneralNames names = GeneralNames.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(client.getExtensionValue("2.5.29.17")));
        assertThat(names.getNames()).hasSize(1);
        assertThat(names.getNames()[0].getTagNo()).isEqualTo(GeneralName.otherName);
        OtherName parsed = OtherName.getInstance(names.getNames()[0].getName());
        assertThat(parsed.getTypeID().getId()).isEqualTo(TestCertificates.XMPP_ADDR_OID);
        assertThat(parsed.getValue().toString()).isEqualTo("juliet@example.org");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void issuedCertificatesChainToThisInstancesCaOnly() throws Exception {
        TestIdentity server = certificates.server("example.org");

        assertThat(server.chain()).containsExactly(server.certificate(), certificates.caCertificate());
        validate(server.certificate(), certificates.caCertificate());
        assertThatThrownBy(() -> validate(server.certificate(), TestCertificates.create().caCertificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void askingTwiceForTheSameNameReturnsTheSameIdentity() {
        assertThat(certificates.server("example.org")).isSameAs(certificates.server("example.org"));
        assertThat(certificates.client("juliet@example.org")).isSameAs(certificates.client("juliet@example.org"));
        assertThat(certificates.server("example.net")).isNotEqualTo(certificates.server("example.org"));
    }

    @Test
    void identitiesLoadIntoJdkKeyAndTrustManagers() throws Exception {
        TestIdentity client = certificates.client("juliet@example.org");

        assertThat(client.keyManagerFactory().getKeyManagers()).isNotEmpty();
        assertThat(client.keyStore().getCertificateChain("identity")).hasSize(2);
        assertThat(certificates.trustStore().getCertificate("ca")).isEqualTo(certificates.caCertificate());
        assertThat(certificates.serverContext("example.org").getProtocol()).isEqualTo("TLS");
        assertThat(certificates.clientContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void aServerCertificateNeedsADomain() {
        assertThatThrownBy(certificates::server).isInstanceOf(IllegalArgumentException.class);
    }

    private static void validate(X509Certificate leaf, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }
}
