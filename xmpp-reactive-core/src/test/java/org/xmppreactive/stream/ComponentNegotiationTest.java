package org.xmppreactive.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamEncoder;

/** The component's side of XEP-0114 as a pure state machine, and its handshake against live servers' values. */
class ComponentNegotiationTest {

    private static final String NS = ComponentNegotiation.CONTENT_NAMESPACE;
    private static final Jid DOMAIN = Jid.of("component.example.com");

    private static ComponentNegotiation component(String secret) {
        return new ComponentNegotiation(DOMAIN, secret, Optional.empty());
    }

    private static StreamEvent.Opened header(String id, String contentNamespace) {
        XmlElement.Builder header = XmlElement.builder(StreamEvent.STREAM_NAMESPACE, "stream")
                .attribute("from", "component.example.com");
        if (id != null) {
            header.attribute("id", id);
        }
        return new StreamEvent.Opened(header.build(), Map.of("", contentNamespace, "stream",
                StreamEvent.STREAM_NAMESPACE));
    }

    private static UnknownNonza serverHandshake() {
        return (UnknownNonza) StreamElements.decode(XmlElement.builder(NS, "handshake").build(), NS);
    }

    private static StreamAction.Fail onlyFail(List<StreamAction> actions) {
        assertThat(actions).hasSize(1).first().isInstanceOf(StreamAction.Fail.class);
        return (StreamAction.Fail) actions.get(0);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource({
            "eea9e548-e841-4b40-8e26-4340e64fc1ab, 650532d22997e1b821c6d3d3fde7daf61a0879ac, Prosody",
            "14473530145395952804, 3a3f4bda25ff9299ed13e7b0e23f561f9739f2df, ejabberd"})
    void handshakeIsTheLowercaseHexSha1OfStreamIdAndSecretAsLiveServersExpectIt(String streamId, String expected,
                                                                                String server) {
        assertThat(ComponentHandshake.of(streamId, "s3cret").digest()).isEqualTo(expected);
    }

    @Test
    void opensTheStreamToTheComponentDomainWithoutVersionOrFrom() {
        List<StreamAction> actions = component("s3cret").start();

        StreamHeader header = ((StreamAction.OpenStream) actions.get(0)).header();
        assertThat(header.to()).contains("component.example.com");
        assertThat(header.from()).isEmpty();
        assertThat(header.version()).isEmpty();
        assertThat(component("s3cret").contentNamespace()).isEqualTo("jabber:component:accept");
    }

    @Test
    void answersTheServersStreamIdWithTheHandshakeInTheComponentNamespace() {
        ComponentNegotiation component = component("s3cret");
        component.start();

        List<StreamAction> actions = component.opened(header("14473530145395952804", NS));

        assertThat(actions).hasSize(1);
        XmlElement handshake = ((StreamAction.Send) actions.get(0)).element();
        assertThat(XmppStreamEncoder.toXml(handshake)).isEqualTo(
                "<handshake xmlns='jabber:component:accept'>3a3f4bda25ff9299ed13e7b0e23f561f9739f2df</handshake>");
    }

    @Test
    void theServersEmptyHandshakeEstablishesTheSessionForTheDomain() {
        ComponentNegotiation component = component("s3cret");
        component.start();
        component.opened(header("eea9e548-e841-4b40-8e26-4340e64fc1ab", NS));

        List<StreamAction> actions = component.element(serverHandshake());

        assertThat(actions).containsExactly(new StreamAction.Established(new NegotiatedStream(DOMAIN,
                "eea9e548-e841-4b40-8e26-4340e64fc1ab", Optional.empty(), "handshake", NS, Optional.empty(),
                StreamFeatures.none())));
    }

    @Test
    void aWrongSecretEndsWithThePeersNotAuthorized() {
        ComponentNegotiation component = component("wrong");
        component.start();
        component.opened(header("s1", NS));

        StreamAction.Fail fail = onlyFail(component.element(StreamError.of(StreamErrorCondition.NOT_AUTHORIZED)));

        assertThat(fail.error()).isInstanceOfSatisfying(PeerStreamErrorException.class,
                e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.NOT_AUTHORIZED));
        assertThat(fail.streamError()).isEmpty();
    }

    @Test
    void aServerHeaderWithoutIdIsRefusedBeforeAnyHandshakeIsSent() {
        ComponentNegotiation component = component("s3cret");
        component.start();

        StreamAction.Fail fail = onlyFail(component.opened(header(null, NS)));

        assertThat(fail.error()).hasMessageContaining("no id");
        assertThat(fail.streamError()).isPresent();
    }

    @Test
    void aClientStreamIsRefusedWithInvalidNamespace() {
        ComponentNegotiation component = component("s3cret");
        component.start();

        StreamAction.Fail fail = onlyFail(component.opened(header("s1", "jabber:client")));

        assertThat(fail.streamError().orElseThrow().condition()).isEqualTo(StreamErrorCondition.INVALID_NAMESPACE);
    }

    @Test
    void aStanzaBeforeTheHandshakeIsAcceptedIsAPolicyViolation() {
        ComponentNegotiation component = component("s3cret");
        component.start();
        component.opened(header("s1", NS));

        StreamAction.Fail fail = onlyFail(component.element(Message.builder().body("early").build()));

        assertThat(fail.streamError().orElseThrow().condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void theServerClosingBeforeAcceptingFailsTheNegotiation() {
        ComponentNegotiation component = component("s3cret");
        component.start();
        component.opened(header("s1", NS));

        StreamAction.Fail fail = onlyFail(component.closed());

        assertThat(fail.error()).isInstanceOf(NegotiationException.class);
    }

    @Test
    void aComponentIsADomainNotAnAccount() {
        assertThatThrownBy(() -> new ComponentNegotiation(Jid.parse("bot@component.example.com"), "s3cret",
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handshakeReadsBackWhatItWritesAndTheAcceptanceIsEmpty() {
        ComponentHandshake sent = ComponentHandshake.of("s1", "s3cret");

        assertThat(ComponentHandshake.fromXml(sent.toXml())).isEqualTo(sent);
        assertThat(sent.isAcceptance()).isFalse();
        assertThat(ComponentHandshake.fromXml(ComponentHandshake.acceptance().toXml()).isAcceptance()).isTrue();
        assertThatThrownBy(() -> ComponentHandshake.fromXml(XmlElement.builder("jabber:client", "handshake").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
