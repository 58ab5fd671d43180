package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.SaslConversation.block;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppreactive.transport.TlsInfo;

class ExternalMechanismTest {

    private static final CredentialStore NO_ACCOUNTS = new InMemoryCredentialStore();

    private static final X509Certificate JULIET = TestCertificates.withXmppAddrs("client.example.com",
            "juliet@example.com");
    private static final X509Certificate TWO_ACCOUNTS = TestCertificates.withXmppAddrs(null,
            "juliet@example.com", "nurse@example.com");

    /** The server's view of a connection on which the client presented {@code certificate}. */
    private static SaslServer server(X509Certificate certificate) {
        TlsInfo tls = SaslContexts.tlsWithCertificates(List.of(certificate), List.of());
        return ExternalMechanism.EXTERNAL.server(SaslContexts.server(NO_ACCOUNTS, Optional.of(tls), false));
    }

    /** The client's view of a connection on which it presented {@code certificate}. */
    private static SaslClientContext client(X509Certificate certificate, Optional<String> authzid) {
        TlsInfo tls = SaslContexts.tlsWithCertificates(List.of(), List.of(certificate));
        return new SaslClientContext("", Optional.empty(), authzid, Optional.of(tls), List.of("EXTERNAL"), false,
                4096);
    }

    private static SaslConversation.Outcome run(X509Certificate certificate, Optional<String> authzid) {
        return SaslConversation.run(ExternalMechanism.EXTERNAL.client(client(certificate, authzid)),
                server(certificate));
    }

    private static void assertFails(SaslConversation.Outcome outcome, SaslFailureCondition condition) {
        assertThat(outcome.failure().condition()).as(outcome.toString()).isEqualTo(condition);
    }

    @Test
    void theCertificatesXmppAddrIsTheAccount() {
        SaslConversation.Outcome outcome = run(JULIET, Optional.empty());

        assertThat(outcome.success()).isEqualTo(new SaslServerStep.Success("juliet", Optional.empty()));
        assertThat(outcome.transcript().get(0)).isEqualTo("C: <auth/> ");   // empty initial response, "="
    }

    @Test
    void anAuthzidThatIsTheCertificatesAddressIsAccepted() {
        assertThat(run(JULIET, Optional.of("Juliet@Example.COM")).success().username()).isEqualTo("juliet");
    }

    @Test
    void anAuthzidTheCertificateDoesNotNameIsInvalid() {
        assertFails(run(JULIET, Optional.of("romeo@example.com")), SaslFailureCondition.INVALID_AUTHZID);
        assertFails(run(JULIET, Optional.of("not a jid@@")), SaslFailureCondition.INVALID_AUTHZID);
    }

    @Test
    void aCertificateWithoutXmppAddrIsNotAuthorized() {
        assertFails(run(TestCertificates.withXmppAddrs("juliet.example.com"), Optional.empty()),
                SaslFailureCondition.NOT_AUTHORIZED);
        assertFails(run(TestCertificates.withoutAltNames(), Optional.empty()), SaslFailureCondition.NOT_AUTHORIZED);
        assertFails(run(TestCertificates.withoutAltNames(), Optional.of("juliet@example.com")),
                SaslFailureCondition.NOT_AUTHORIZED);
    }

    @Test
    void anotherOtherNameHoldingAJidIsNotAnXmppAddr() {
        // 1.3.6.1.5.5.7.8.7 is SRVName: same shape, different meaning
        assertFails(run(TestCertificates.withOtherName("1.3.6.1.5.5.7.8.7", "juliet@example.com"), Optional.empty()),
                SaslFailureCondition.NOT_AUTHORIZED);
    }

    @Test
    void anXmppAddrAtAnotherDomainIsNotAnAccountHere() {
        assertFails(run(TestCertificates.withXmppAddrs(null, "juliet@example.org"), Optional.empty()),
                SaslFailureCondition.NOT_AUTHORIZED);
        assertFails(run(TestCertificates.withXmppAddrs(null, "example.com"), Optional.empty()),
                SaslFailureCondition.NOT_AUTHORIZED);
    }

    @Test
    void withSeveralAddressesTheAuthzidChooses() {
        assertFails(run(TWO_ACCOUNTS, Optional.empty()), SaslFailureCondition.NOT_AUTHORIZED);
        assertThat(run(TWO_ACCOUNTS, Optional.of("nurse@example.com")).success().username()).isEqualTo("nurse");
        assertThat(run(TWO_ACCOUNTS, Optional.of("juliet@example.com")).success().username()).isEqualTo("juliet");
    }

    @Test
    void externalIsUsableOnlyWithOurOwnCertificate() {
        TlsInfo peerOnly = SaslContexts.tlsWithCertificates(List.of(JULIET), List.of());

        assertThat(ExternalMechanism.EXTERNAL.isUsableBy(client(JULIET, Optional.empty()))).isTrue();
        assertThat(ExternalMechanism.EXTERNAL.isUsableBy(new SaslClientContext("", Optional.empty(),
                Optional.empty(), Optional.of(peerOnly), List.of("EXTERNAL"), false, 4096))).isFalse();
        assertThat(ExternalMechanism.EXTERNAL.isUsableBy(SaslContexts.client("juliet", "pw", Optional.empty())))
                .isFalse();
        assertThatThrownBy(() -> ExternalMechanism.EXTERNAL.client(
                SaslContexts.client("juliet", "pw", Optional.empty()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void externalIsOfferedOnlyWhenThePeerPresentedACertificate() {
        TlsInfo withPeer = SaslContexts.tlsWithCertificates(List.of(JULIET), List.of());
        TlsInfo withoutPeer = SaslContexts.tlsWithCertificates(List.of(), List.of(JULIET));

        assertThat(ExternalMechanism.EXTERNAL.isOfferableIn(
                SaslContexts.server(NO_ACCOUNTS, Optional.of(withPeer), false))).isTrue();
        assertThat(ExternalMechanism.EXTERNAL.isOfferableIn(
                SaslContexts.server(NO_ACCOUNTS, Optional.of(withoutPeer), false))).isFalse();
        assertThat(ExternalMechanism.EXTERNAL.isOfferableIn(
                SaslContexts.server(NO_ACCOUNTS, Optional.empty(), false))).isFalse();
    }

    @Test
    void theClientSendsItsAuthzidAsUtf8() {
        SaslClient client = ExternalMechanism.EXTERNAL.client(client(JULIET, Optional.of("juliet@example.com")));

        assertThat(client.initialResponse()).contains(SaslData.ofUtf8("juliet@example.com"));
    }

    @Test
    void withoutAnInitialResponseTheServerAsksForIt() {
        SaslServer server = server(JULIET);

        assertThat(block(server.start(Optional.empty()))).isEqualTo(new SaslServerStep.Challenge(SaslData.empty()));
        assertThat(block(server.respond(SaslData.empty())))
                .isEqualTo(new SaslServerStep.Success("juliet", Optional.empty()));
        assertThat(block(server.respond(SaslData.empty()))).isInstanceOfSatisfying(SaslServerStep.Failure.class,
                f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.MALFORMED_REQUEST));
    }

    @Test
    void theXmppAddrsOfACertificateAreReadInOrder() {
        assertThat(XmppAddr.of(TWO_ACCOUNTS)).containsExactly("juliet@example.com", "nurse@example.com");
        assertThat(XmppAddr.of(TestCertificates.withXmppAddrs(null, "\u4e2d@example.com")))
                .containsExactly("\u4e2d@example.com");
        assertThat(XmppAddr.of(TestCertificates.withoutAltNames())).isEmpty();
    }
}
