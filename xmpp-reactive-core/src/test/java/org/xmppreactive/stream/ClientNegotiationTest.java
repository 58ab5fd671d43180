package org.xmppreactive.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.Bind;
import org.xmppreactive.sasl.SaslAuth;
import org.xmppreactive.sasl.SaslException;
import org.xmppreactive.sasl.SaslFailure;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.SaslMechanisms;
import org.xmppreactive.sasl.StandardMechanisms;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;

/** The initiating entity's negotiation as a pure state machine: element in, actions out. */
class ClientNegotiationTest {

    private static final String NS = ClientNegotiation.CONTENT_NAMESPACE;

    private static ClientNegotiation client(TlsPolicy policy) {
        return new ClientNegotiation(new ClientNegotiationSettings(Jid.parse("alice@example.com/laptop"),
                Optional.of("secret"), Optional.empty(), policy, StandardMechanisms.clientPreference(), false, 4096),
                Optional.empty());
    }

    static StreamEvent.Opened header(String version, String contentNamespace) {
        XmlElement.Builder header = XmlElement.builder(StreamEvent.STREAM_NAMESPACE, "stream")
                .attribute("from", "example.com").attribute("id", "s1");
        if (version != null) {
            header.attribute("version", version);
        }
        return new StreamEvent.Opened(header.build(), Map.of("", contentNamespace, "stream",
                StreamEvent.STREAM_NAMESPACE));
    }

    private static StreamElement features(XmlElement... features) {
        return new StreamFeatures(List.of(features));
    }

    private static StreamAction.Fail onlyFail(List<StreamAction> actions) {
        assertThat(actions).hasSize(1).first().isInstanceOf(StreamAction.Fail.class);
        return (StreamAction.Fail) actions.get(0);
    }

    @Test
    void opensTheStreamToTheDomainWithoutRevealingTheJidInTheClear() {
        List<StreamAction> actions = client(TlsPolicy.REQUIRED).start();

        StreamHeader header = ((StreamAction.OpenStream) actions.get(0)).header();
        assertThat(header.to()).contains("example.com");
        assertThat(header.from()).isEmpty();
        assertThat(header.version()).contains("1.0");
    }

    @Test
    void serverWithoutStartTlsIsRefusedBeforeAnyCredentialIsSent() {
        ClientNegotiation client = client(TlsPolicy.REQUIRED);
        client.start();
        client.opened(header("1.0", NS));

        List<StreamAction> actions = client.element(features(SaslMechanisms.of("PLAIN", "SCRAM-SHA-1").toXml()));

        StreamAction.Fail fail = onlyFail(actions);
        assertThat(fail.error()).isInstanceOf(NegotiationException.class)
                .hasMessageContaining("TLS is required");
        assertThat(fail.streamError()).isEmpty();
    }

    @Test
    void proceedRestartsRejectingPipelinedBytesBeforeTlsStarts() {
        ClientNegotiation client = client(TlsPolicy.REQUIRED);
        client.start();
        client.opened(header("1.0", NS));
        List<StreamAction> asked = client.element(features(StartTls.advertised(true).toXml(NS)));
        assertThat(((StreamAction.Send) asked.get(0)).element().is(StartTls.NAMESPACE, "starttls")).isTrue();

        List<StreamAction> actions = client.element(new Proceed());

        assertThat(actions).containsExactly(new StreamAction.RestartStream(StreamAction.PendingBytes.REJECT),
                new StreamAction.StartTls());
    }

    @Test
    void withoutTlsAllowedPlainIsStillNotUsedInTheClear() {
        ClientNegotiation client = client(TlsPolicy.IF_OFFERED);
        client.start();
        client.opened(header("1.0", NS));

        StreamAction.Fail fail = onlyFail(client.element(features(SaslMechanisms.of("PLAIN").toXml())));

        assertThat(fail.error()).isInstanceOf(SaslException.class);
        assertThat(((SaslException) fail.error()).condition()).isEqualTo(SaslFailureCondition.INVALID_MECHANISM);
    }

    @Test
    void prefersScramSha256OverScramSha1WhenBothAreOfferedWithoutPlus() {
        ClientNegotiation client = client(TlsPolicy.IF_OFFERED);
        client.start();
        client.opened(header("1.0", NS));

        List<StreamAction> actions = client.element(features(
                SaslMechanisms.of("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256").toXml()));

        XmlElement auth = ((StreamAction.Send) actions.get(0)).element();
        assertThat(SaslAuth.fromXml(auth).mechanism()).isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void saslFailureEndsWithTheConditionAndTheServersText() {
        ClientNegotiation client = client(TlsPolicy.IF_OFFERED);
        client.start();
        client.opened(header("1.0", NS));
        client.element(features(SaslMechanisms.of("SCRAM-SHA-1").toXml()));

        StreamAction.Fail fail = onlyFail(client.element(
                SaslFailure.of(SaslFailureCondition.NOT_AUTHORIZED).withText("Invalid username or password")));

        SaslException error = (SaslException) fail.error();
        assertThat(error.condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED);
        assertThat(error.text()).contains("Invalid username or password");
    }

    @Test
    void streamErrorFromTheServerIsTypedWithItsCondition() {
        ClientNegotiation client = client(TlsPolicy.REQUIRED);
        client.start();
        client.opened(header("1.0", NS));

        StreamAction.Fail fail = onlyFail(client.element(StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN)
                .withText("maintenance")));

        assertThat(fail.error()).isInstanceOf(PeerStreamErrorException.class);
        assertThat(((PeerStreamErrorException) fail.error()).condition())
                .isEqualTo(StreamErrorCondition.SYSTEM_SHUTDOWN);
        assertThat(fail.error()).hasMessageContaining("maintenance");
        assertThat(fail.streamError()).isEmpty();   // never answer an error with an error
    }

    @Test
    void serverWithoutVersionIsRefusedAsUnsupportedVersion() {
        ClientNegotiation client = client(TlsPolicy.REQUIRED);
        client.start();

        StreamAction.Fail fail = onlyFail(client.opened(header(null, NS)));

        assertThat(fail.streamError()).map(StreamError::condition).contains(StreamErrorCondition.UNSUPPORTED_VERSION);
    }

    @Test
    void wrongContentNamespaceIsInvalidNamespace() {
        ClientNegotiation client = client(TlsPolicy.REQUIRED);
        client.start();

        StreamAction.Fail fail = onlyFail(client.opened(header("1.0", "jabber:server")));

        assertThat(fail.streamError()).map(StreamError::condition).contains(StreamErrorCondition.INVALID_NAMESPACE);
    }

    @Test
    void theJidTheServerBindsIsTheOneUsedAndTheLastFeaturesAreKept() {
        ClientNegotiation client = authenticatedWithoutTls();
        List<StreamAction> request = client.element(features(XmlElement.builder(Bind.NAMESPACE, "bind").build(),
                XmlElement.builder("urn:xmpp:features:rosterver", "ver").build()));
        Iq bind = (Iq) org.xmppreactive.stanza.Stanzas.decode(((StreamAction.Send) request.get(0)).element(), NS)
                .orElseThrow();
        assertThat(Bind.codec().decode(bind.extensions().get(0)).resource()).contains("laptop");

        List<StreamAction> actions = client.element(bind.result(Bind.codec().encode(
                Bind.result(Jid.parse("alice@example.com/laptop-4f2a")))));

        NegotiatedStream stream = ((StreamAction.Established) actions.get(0)).stream();
        assertThat(stream.jid()).isEqualTo(Jid.parse("alice@example.com/laptop-4f2a"));
        assertThat(stream.hasFeature("urn:xmpp:features:rosterver", "ver")).isTrue();
        assertThat(stream.hasFeature(Bind.NAMESPACE, "bind")).isTrue();
        assertThat(stream.hasFeature("urn:xmpp:sm:3", "sm")).isFalse();
    }

    @Test
    void bindResultForAnotherAccountIsRefused() {
        ClientNegotiation client = authenticatedWithoutTls();
        List<StreamAction> request = client.element(features(XmlElement.builder(Bind.NAMESPACE, "bind").build()));
        Iq bind = (Iq) org.xmppreactive.stanza.Stanzas.decode(((StreamAction.Send) request.get(0)).element(), NS)
                .orElseThrow();

        StreamAction.Fail fail = onlyFail(client.element(bind.result(Bind.codec().encode(
                Bind.result(Jid.parse("mallory@example.com/x"))))));

        assertThat(fail.error()).hasMessageContaining("mallory@example.com/x");
    }

    @Test
    void aRequiredLegacySessionIsEstablishedAfterBinding() {
        ClientNegotiation client = authenticatedWithoutTls();
        List<StreamAction> request = client.element(features(XmlElement.builder(Bind.NAMESPACE, "bind").build(),
                new LegacySession(false).toXml()));
        Iq bind = (Iq) org.xmppreactive.stanza.Stanzas.decode(((StreamAction.Send) request.get(0)).element(), NS)
                .orElseThrow();

        List<StreamAction> actions = client.element(bind.result(Bind.codec().encode(
                Bind.result(Jid.parse("alice@example.com/laptop")))));

        XmlElement session = ((StreamAction.Send) actions.get(0)).element();
        assertThat(session.child(LegacySession.NAMESPACE, "session")).isPresent();
    }

    /** A client past SASL (ANONYMOUS-free: the server's success is taken by a mechanism that needs nothing). */
    private static ClientNegotiation authenticatedWithoutTls() {
        ClientNegotiation client = new ClientNegotiation(new ClientNegotiationSettings(
                Jid.parse("alice@example.com/laptop"), Optional.of("secret"), Optional.empty(), TlsPolicy.DISABLED,
                List.of(org.xmppreactive.sasl.PlainMechanism.PLAIN), true, 4096), Optional.empty());
        client.start();
        client.opened(header("1.0", NS));
        client.element(features(SaslMechanisms.of("PLAIN").toXml()));
        List<StreamAction> restart = client.element(org.xmppreactive.sasl.SaslSuccess.withoutData());
        assertThat(restart.get(0)).isEqualTo(new StreamAction.RestartStream(StreamAction.PendingBytes.KEEP));
        assertThat(client.opened(header("1.0", NS))).isEmpty();
        return client;
    }
}
