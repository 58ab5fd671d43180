package org.xmppreactive.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmppStreamEncoderTest {

    static final String CLIENT = "jabber:client";
    final XmppStreamEncoder encoder = new XmppStreamEncoder(CLIENT);

    @Test
    void aBodyThatLooksLikeMarkupStaysText() {
        String hostile = "</body></message><iq type='set' to='x'><query/></iq>'\"<&";
        XmlElement message = XmlElement.builder(CLIENT, "message")
                .attribute("id", hostile)
                .child(XmlElement.builder(CLIENT, "body").text(hostile).build())
                .build();

        String xml = string(encoder.encode(message));
        assertThat(xml).contains("&lt;/body&gt;&lt;/message&gt;&lt;iq").doesNotContain("<iq").doesNotContain("<query");

        List<StreamEvent> events = decodeWithHeader(xml);
        assertThat(events).hasSize(2);
        XmlElement decoded = ((StreamEvent.Element) events.get(1)).element();
        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.child(CLIENT, "body").map(XmlElement::text)).contains(hostile);
        assertThat(decoded.attribute("id")).contains(hostile);
    }

    @Test
    void whitespaceInAttributesAndCarriageReturnsInTextSurviveTheRoundTrip() {
        XmlElement element = XmlElement.builder(CLIENT, "message")
                .attribute("id", "a\tb\nc\r\nd  e")
                .child(XmlElement.builder(CLIENT, "body").text("line\r\nnext\rlast ]]> end").build())
                .build();
        assertThat(roundTrip(element)).isEqualTo(element);
    }

    @Test
    void aStanzaInTheContentNamespaceCarriesNoDeclaration() {
        XmlElement message = XmlElement.builder(CLIENT, "message")
                .attribute("to", "romeo@example.net")
                .child(XmlElement.builder(CLIENT, "body").text("hi").build())
                .child(XmlElement.builder("http://jabber.org/protocol/chatstates", "active").build())
                .build();
        assertThat(string(encoder.encode(message))).isEqualTo("<message to='romeo@example.net'><body>hi</body>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>");
    }

    @Test
    void nonzasDeclareTheirNamespaceOnceAndStreamElementsUseTheStreamPrefix() {
        XmlElement features = XmlElement.builder(StreamEventNamespace.STREAM, "features")
                .child(XmlElement.builder("urn:ietf:params:xml:ns:xmpp-tls", "starttls")
                        .child(XmlElement.builder("urn:ietf:params:xml:ns:xmpp-tls", "required").build())
                        .build())
                .build();
        assertThat(string(encoder.encode(features))).isEqualTo("<stream:features>"
                + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>");
        assertThat(roundTrip(features)).isEqualTo(features);
    }

    @Test
    void anElementInNoNamespaceUndeclaresTheDefault() {
        XmlElement element = XmlElement.builder(CLIENT, "message")
                .child(XmlElement.builder("", "plain").text("x").build())
                .build();
        assertThat(string(encoder.encode(element))).isEqualTo("<message><plain xmlns=''>x</plain></message>");
        assertThat(roundTrip(element)).isEqualTo(element);
    }

    @Test
    void namespacedAttributesGetADeclaredPrefixAndXmlLangTheXmlPrefix() {
        XmlElement element = XmlElement.builder(CLIENT, "message")
                .lang("en")
                .attribute("urn:example:a", "flag", "1")
                .child(XmlElement.builder(CLIENT, "body").attribute("urn:example:a", "flag", "2")
                        .attribute("urn:example:b", "flag", "3").build())
                .build();
        String xml = string(encoder.encode(element));
        assertThat(xml).isEqualTo("<message xml:lang='en' xmlns:ns1='urn:example:a' ns1:flag='1'>"
                + "<body ns1:flag='2' xmlns:ns2='urn:example:b' ns2:flag='3'/></message>");
        assertThat(roundTrip(element)).isEqualTo(element);
    }

    @Test
    void theStreamHeaderDecodesToWhatWasWritten() {
        List<XmlAttribute> attributes = List.of(XmlAttribute.of("to", "example.com"),
                XmlAttribute.of("version", "1.0"), new XmlAttribute(XmlAttribute.XML_NAMESPACE, "lang", "en"));
        ByteBuffer header = encoder.openStream(attributes);
        List<StreamEvent> events = new XmppStreamDecoder().feed(header);
        StreamEvent.Opened opened = (StreamEvent.Opened) events.get(0);
        assertThat(opened.header().attributes()).containsExactlyElementsOf(attributes);
        assertThat(opened.contentNamespace()).contains(CLIENT);
        assertThat(new XmppStreamDecoder().feed(concat(encoder.openStream(List.of()), encoder.closeStream())))
                .last().isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void charactersXmlForbidsAreRefused() {
        for (String bad : List.of("\u0000", "a\u0001b", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "x\uDC00", "\uD83D")) {
            XmlElement element = XmlElement.builder(CLIENT, "body").text(bad).build();
            assertThatThrownBy(() -> encoder.encode(element)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be written in XML 1.0");
            XmlElement attribute = XmlElement.builder(CLIENT, "body").attribute("a", bad).build();
            assertThatThrownBy(() -> encoder.encode(attribute)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void namesThatAreNotXmlNamesAreRefusedWhenBuiltAndWhenEncoded() {
        for (String bad : List.of("", "body><evil", "a b", "1abc", "p:q", "x'y", "-a")) {
            assertThatThrownBy(() -> XmlElement.builder(CLIENT, bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> XmlElement.builder(CLIENT, "ok").attribute(bad, "v"))
                    .isInstanceOf(IllegalArgumentException.class);
            XmlElement bypassing = new XmlElement(CLIENT, bad, List.of(), List.of());
            assertThatThrownBy(() -> encoder.encode(bypassing)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(string(encoder.encode(XmlElement.builder(CLIENT, "caf\u00e9-1.x_y").build())))
                .isEqualTo("<caf\u00e9-1.x_y/>");
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2026, 99991})
    void randomTreesRoundTrip(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            XmlElement tree = randomElement(random, 0);
            assertThat(roundTrip(tree)).as("tree %s", tree).isEqualTo(tree);
        }
    }

    @Test
    void toStringIsStandaloneXml() {
        XmlElement ping = XmlElement.builder(CLIENT, "iq").attribute("type", "get")
                .child(XmlElement.builder("urn:xmpp:ping", "ping").build()).build();
        assertThat(ping.toString()).isEqualTo("<iq xmlns='jabber:client' type='get'><ping xmlns='urn:xmpp:ping'/></iq>");
    }

    static XmlElement randomElement(SplittableRandom random, int depth) {
        String[] namespaces = {CLIENT, CLIENT, "urn:xmpp:a", "urn:xmpp:b", "", StreamEventNamespace.STREAM};
        String[] names = {"message", "body", "x", "item", "\u00e9l\u00e9ment", "a-b.c_d"};
        XmlElement.Builder builder = XmlElement.builder(namespaces[random.nextInt(namespaces.length)],
                names[random.nextInt(names.length)]);
        List<String> used = new ArrayList<>();
        for (int a = random.nextInt(4); a > 0; a--) {
            String name = names[random.nextInt(names.length)];
            String namespace = random.nextInt(4) == 0 ? namespaces[random.nextInt(namespaces.length)] : "";
            if (!used.contains(namespace + name)) {
                used.add(namespace + name);
                builder.attribute(namespace, name, randomText(random));
            }
        }
        for (int c = depth < 4 ? random.nextInt(4) : 0; c > 0; c--) {
            if (random.nextBoolean()) {
                builder.text(randomText(random));
            } else {
                builder.child(randomElement(random, depth + 1));
            }
        }
        return builder.build();
    }

    static String randomText(SplittableRandom random) {
        String[] pieces = {"a", " ", "<", ">", "&", "'", "\"", "\t", "\n", "\r\n", "]]>", "\u00e9", "\uD83D\uDE00",
            "&amp;", "\u4e2d"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(1, 6); i > 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    XmlElement roundTrip(XmlElement element) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(concat(encoder.openStream(List.of()),
                encoder.encode(element)));
        assertThat(events).hasSize(2);
        return ((StreamEvent.Element) events.get(1)).element();
    }

    List<StreamEvent> decodeWithHeader(String xml) {
        return new XmppStreamDecoder().feed(concat(encoder.openStream(List.of()), ByteBuffer.wrap(xml.getBytes(UTF_8))));
    }

    static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        return ByteBuffer.allocate(a.remaining() + b.remaining()).put(a.duplicate()).put(b.duplicate()).flip();
    }

    static String string(ByteBuffer bytes) {
        return UTF_8.decode(bytes.duplicate()).toString();
    }

    /** Shorthand for the stream namespace in these tests. */
    static final class StreamEventNamespace {
        static final String STREAM = StreamEvent.STREAM_NAMESPACE;
    }
}
