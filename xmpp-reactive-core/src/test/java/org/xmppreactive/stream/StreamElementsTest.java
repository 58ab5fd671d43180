package org.xmppreactive.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.InvalidStanza;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.IqType;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;
import org.xmppreactive.stanza.Show;
import org.xmppreactive.stanza.Stanza;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorType;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class StreamElementsTest {

    static final String CLIENT = "jabber:client";
    static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    static StreamElement decode(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap((HEADER + xml).getBytes(UTF_8)));
        return StreamElements.decode(((StreamEvent.Element) events.get(1)).element(), CLIENT);
    }

    static InvalidStanza invalid(String xml) {
        StreamElement element = decode(xml);
        assertThat(element).isInstanceOf(InvalidStanza.class);
        return (InvalidStanza) element;
    }

    @Test
    void aMessageWithBodiesSubjectThreadAndAnExtensionIsTyped() {
        Message message = (Message) decode("<message from='Juliet@Example.com/balcony' to='romeo@example.net'"
                + " id='k1' type='chat' xml:lang='en'><subject>Ball</subject><body>Wherefore art thou?</body>"
                + "<body xml:lang='cs'>Pro\u010d jsi?</body><thread parent='p1'>t1</thread>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>");

        assertThat(message.from()).contains(Jid.parse("juliet@example.com/balcony"));
        assertThat(message.to()).contains(Jid.parse("romeo@example.net"));
        assertThat(message.id()).contains("k1");
        assertThat(message.type()).isEqualTo(MessageType.CHAT);
        assertThat(message.lang()).contains("en");
        assertThat(message.body()).contains("Wherefore art thou?");
        assertThat(message.bodies()).containsEntry("cs", "Pro\u010d jsi?").hasSize(2);
        assertThat(message.subject()).contains("Ball");
        assertThat(message.thread()).contains("t1");
        assertThat(message.parentThread()).contains("p1");
        assertThat(message.extension("http://jabber.org/protocol/chatstates", "active")).isPresent();
        assertThat(StreamElements.decode(message.toXml(CLIENT), CLIENT)).isEqualTo(message);
    }

    @Test
    void aMessageOfUnknownTypeIsNormal() {
        assertThat(((Message) decode("<message type='shouting'><body>x</body></message>")).type())
                .isEqualTo(MessageType.NORMAL);
    }

    @Test
    void aPresenceWithShowStatusesAndPriorityIsTyped() {
        Presence presence = (Presence) decode("<presence><show>dnd</show><status>Busy</status>"
                + "<status xml:lang='de'>Besch\u00e4ftigt</status><priority> -5 </priority>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v'/></presence>");
        assertThat(presence.type()).isEqualTo(PresenceType.AVAILABLE);
        assertThat(presence.show()).contains(Show.DND);
        assertThat(presence.status()).contains("Busy");
        assertThat(presence.statuses()).containsEntry("de", "Besch\u00e4ftigt");
        assertThat(presence.priority()).isEqualTo(-5);
        assertThat(presence.extension("http://jabber.org/protocol/caps", "c")).isPresent();
        assertThat(StreamElements.decode(presence.toXml(CLIENT), CLIENT)).isEqualTo(presence);
    }

    @Test
    void iqRequestsAndAnswersAreTyped() {
        Iq get = (Iq) decode("<iq id='r1' type='get' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertThat(get.isRequest()).isTrue();
        assertThat(get.payload().map(XmlElement::localName)).contains("ping");
        Iq result = get.withFrom(Jid.parse("juliet@example.com/balcony")).result();
        assertThat(result.type()).isEqualTo(IqType.RESULT);
        assertThat(result.id()).isEqualTo("r1");
        assertThat(result.to()).contains(Jid.parse("juliet@example.com/balcony"));
        assertThat(result.from()).contains(Jid.parse("example.com"));
        assertThat(result.payload()).isEmpty();

        Iq error = (Iq) decode("<iq id='r2' type='error'><query xmlns='jabber:iq:roster'/><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        assertThat(error.error().map(StanzaError::condition)).contains(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        assertThat(error.payload().map(XmlElement::localName)).contains("query");
        assertThat(StreamElements.decode(error.toXml(CLIENT), CLIENT)).isEqualTo(error);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>                                   | without an id",
        "<iq id='' type='get'><ping xmlns='urn:xmpp:ping'/></iq>                             | without an id",
        "<iq id='a'><ping xmlns='urn:xmpp:ping'/></iq>                                       | without a type",
        "<iq id='a' type='fetch'><ping xmlns='urn:xmpp:ping'/></iq>                          | unknown IQ type",
        "<iq id='a' type='get'/>                                                             | with 0 child elements",
        "<iq id='a' type='set'><a xmlns='urn:a'/><b xmlns='urn:b'/></iq>                     | with 2 child elements",
        "<iq id='a' type='result'><a xmlns='urn:a'/><b xmlns='urn:b'/></iq>                  | with 2 child elements",
        "<iq id='a' type='error'/>                                                           | must carry an <error/>",
        "<presence type='away'/>                                                             | unknown presence type",
        "<presence><show>sleeping</show></presence>                                          | unknown <show/> value",
        "<presence><show>away</show><show>dnd</show></presence>                              | more than one <show/>",
        "<presence><priority>200</priority></presence>                                       | not an integer from -128 to 127",
        "<presence><priority>high</priority></presence>                                      | not an integer from -128 to 127",
        "<message><body>a</body><body>b</body></message>                                     | more than one <body/>",
        "<message><subject xml:lang='en'>a</subject><subject xml:lang='en'>b</subject></message> | more than one <subject/>",
        "<message type='chat'><error type='cancel'><gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message> | only a stanza of type 'error'",
    })
    void malformedStanzasAreBadRequestsThatSayWhy(String xml, String reason) {
        InvalidStanza invalid = invalid(xml);
        assertThat(invalid.error().condition()).isEqualTo(StanzaErrorCondition.BAD_REQUEST);
        assertThat(invalid.error().type()).isEqualTo(StanzaErrorType.MODIFY);
        assertThat(invalid.reason()).contains(reason);
        assertThat(invalid.error().text()).contains(invalid.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<message to='@example.com'/>", "<presence from='juliet@'/>",
        "<iq id='a' type='get' to='a b@example.com'><ping xmlns='urn:xmpp:ping'/></iq>"})
    void aMalformedAddressIsJidMalformed(String xml) {
        assertThat(invalid(xml).error().condition()).isEqualTo(StanzaErrorCondition.JID_MALFORMED);
    }

    @Test
    void aMalformedErrorStanzaIsMarkedSoItIsNeverAnsweredWithAnError() {
        assertThat(invalid("<iq id='a' type='error'/>").isError()).isTrue();
        assertThat(invalid("<iq id='a' type='fetch'><a xmlns='urn:a'/></iq>").isError()).isFalse();
    }

    @Test
    void elementsOutsideTheContentNamespaceAreNotStanzas() {
        assertThat(decode("<message xmlns='jabber:server'><body>x</body></message>")).isInstanceOf(UnknownNonza.class);
        assertThat(decode("<r xmlns='urn:xmpp:sm:3'/>")).isInstanceOf(UnknownNonza.class);
    }

    @Test
    void streamFeaturesAndStreamErrorsAreTypedNonzas() {
        StreamFeatures features = (StreamFeatures) decode("<stream:features><starttls"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>");
        assertThat(features.feature("urn:ietf:params:xml:ns:xmpp-tls", "starttls")
                .flatMap(f -> f.child("urn:ietf:params:xml:ns:xmpp-tls", "required"))).isPresent();
        assertThat(StreamElements.decode(features.toXml(CLIENT), CLIENT)).isEqualTo(features);

        StreamError error = (StreamError) decode("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection</text></stream:error>");
        assertThat(error.condition()).isEqualTo(StreamErrorCondition.CONFLICT);
        assertThat(error.text()).contains("Replaced by new connection");
        assertThat(StreamElements.decode(error.toXml(CLIENT), CLIENT)).isEqualTo(error);
    }

    @Test
    void invalidOutgoingStanzasAreRefusedWithAReason() {
        assertThatThrownBy(() -> Presence.builder().priority(200).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priority 200");
        assertThatThrownBy(() -> new Iq(java.util.Optional.empty(), java.util.Optional.empty(), "a", IqType.GET,
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one payload");
        assertThatThrownBy(() -> Iq.get("", XmlElement.builder("urn:xmpp:ping", "ping").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty id");
        assertThatThrownBy(() -> Message.builder().type(MessageType.ERROR).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error");
        Iq result = Iq.get("a", XmlElement.builder("urn:xmpp:ping", "ping").build()).result();
        assertThatThrownBy(result::result).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 17, 4242})
    void randomStanzasSurviveEncodingAndDecodingAsBytes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        XmppStreamEncoder encoder = new XmppStreamEncoder(CLIENT);
        String[] texts = {"hi", "</body></message><iq type='set'>", "'\"<&", "\u00e9\u4e2d\uD83D\uDE00", " spaced ",
            "line\nbreak"};
        String[] jids = {"juliet@example.com", "romeo@example.net/orchard", "example.com", "\u00f1a\u00f1o@ejemplo.es/x"};
        for (int i = 0; i < 100; i++) {
            Stanza stanza;
            if (random.nextBoolean()) {
                Message.Builder message = Message.builder().to(Jid.parse(jids[random.nextInt(jids.length)]))
                        .id("m" + i).type(MessageType.values()[random.nextInt(4) == 0 ? 0 : 4])
                        .body(texts[random.nextInt(texts.length)]);
                if (random.nextBoolean()) {
                    message.body("fr", texts[random.nextInt(texts.length)]).thread("t" + i);
                }
                stanza = message.build();
            } else {
                Presence.Builder presence = Presence.builder().from(Jid.parse(jids[random.nextInt(jids.length)]))
                        .priority(random.nextInt(-128, 128));
                if (random.nextBoolean()) {
                    presence.show(Show.values()[random.nextInt(Show.values().length)])
                            .status(texts[random.nextInt(texts.length)]);
                }
                stanza = presence.build();
            }
            ByteBuffer header = encoder.openStream(List.of());
            ByteBuffer body = encoder.encode(stanza.toXml(CLIENT));
            ByteBuffer bytes = ByteBuffer.allocate(header.remaining() + body.remaining()).put(header).put(body).flip();
            XmlElement element = ((StreamEvent.Element) new XmppStreamDecoder().feed(bytes).get(1)).element();
            assertThat(StreamElements.decode(element, CLIENT)).isEqualTo(stanza);
        }
    }
}
