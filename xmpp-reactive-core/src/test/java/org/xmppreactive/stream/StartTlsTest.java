package org.xmppreactive.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class StartTlsTest {

    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String CLIENT = "jabber:client";
    static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    static XmlElement parse(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap((HEADER + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }

    static String write(XmlElement element) {
        return UTF_8.decode(new XmppStreamEncoder(CLIENT).encode(element)).toString();
    }

    @Test
    void aRequiredStartTlsFeatureIsReadFromTheFeatures() {
        // RFC 6120 §5.4.1 (and what Prosody advertises before TLS)
        StreamFeatures features = StreamFeatures.fromXml(parse("<stream:features>"
                + "<starttls xmlns='" + TLS + "'><required/></starttls></stream:features>"));

        assertThat(StartTls.advertisedIn(features)).contains(StartTls.advertised(true));
    }

    @Test
    void anOptionalStartTlsFeatureHasNoRequiredChild() {
        StartTls feature = StartTls.fromXml(parse("<starttls xmlns='" + TLS + "'/>"));

        assertThat(feature.required()).isFalse();
        assertThat(write(StartTls.advertised(false).toXml(CLIENT))).isEqualTo("<starttls xmlns='" + TLS + "'/>");
        assertThat(write(StartTls.advertised(true).toXml(CLIENT)))
                .isEqualTo("<starttls xmlns='" + TLS + "'><required/></starttls>");
    }

    @Test
    void featuresWithoutStartTlsDoNotOfferIt() {
        StreamFeatures features = StreamFeatures.fromXml(parse("<stream:features>"
                + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"
                + "</stream:features>"));

        assertThat(StartTls.advertisedIn(features)).isEmpty();
    }

    @Test
    void aRequiredChildInAnotherNamespaceDoesNotMakeTlsRequired() {
        assertThat(StartTls.fromXml(parse("<starttls xmlns='" + TLS + "'><required xmlns='urn:example'/></starttls>"))
                .required()).isFalse();
    }

    @Test
    void theClientsRequestIsAnEmptyStartTls() {
        // RFC 6120 §5.4.2.1
        assertThat(write(StartTls.request().toXml(CLIENT))).isEqualTo("<starttls xmlns='" + TLS + "'/>");
        assertThat(StartTls.fromXml(StartTls.request().toXml(CLIENT))).isEqualTo(StartTls.request());
    }

    @Test
    void proceedAndFailureAreEmptyElementsThatRoundTrip() {
        // RFC 6120 §5.4.2.3 and §5.4.2.2
        assertThat(Proceed.fromXml(parse("<proceed xmlns='" + TLS + "'/>"))).isEqualTo(new Proceed());
        assertThat(write(new Proceed().toXml(CLIENT))).isEqualTo("<proceed xmlns='" + TLS + "'/>");
        assertThat(TlsFailure.fromXml(parse("<failure xmlns='" + TLS + "'/>"))).isEqualTo(new TlsFailure());
        assertThat(write(new TlsFailure().toXml(CLIENT))).isEqualTo("<failure xmlns='" + TLS + "'/>");
    }

    @Test
    void theContentNamespaceDoesNotMatter() {
        assertThat(StartTls.advertised(true).toXml("jabber:server")).isEqualTo(StartTls.advertised(true).toXml(CLIENT));
        assertThat(new Proceed().toXml("jabber:server")).isEqualTo(new Proceed().toXml(CLIENT));
    }

    @Test
    void readingAnElementOfAnotherNamespaceIsACallersMistake() {
        assertThatThrownBy(() -> TlsFailure.fromXml(parse("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected <failure xmlns='" + TLS + "'/>");
        assertThatThrownBy(() -> Proceed.fromXml(parse("<proceed/>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StartTls.fromXml(parse("<proceed xmlns='" + TLS + "'/>")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
