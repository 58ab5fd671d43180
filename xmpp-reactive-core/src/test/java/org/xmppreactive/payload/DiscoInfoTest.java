package org.xmppreactive.payload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class DiscoInfoTest {

    static final String NS = "http://jabber.org/protocol/disco#info";
    final PayloadCodec<DiscoInfo> codec = DiscoInfo.codec();

    @Test
    void theRequestIsAnEmptyQuery() {
        assertThat(XmppStreamEncoder.toXml(codec.encode(DiscoInfo.request())))
                .isEqualTo("<query xmlns='http://jabber.org/protocol/disco#info'/>");
        DiscoInfo request = codec.decode(parse("<query xmlns='" + NS + "' node='http://jabber.org/protocol/commands'/>"));
        assertThat(request).isEqualTo(DiscoInfo.request("http://jabber.org/protocol/commands"));
        assertThat(request.isRequest()).isTrue();
    }

    @Test
    void theXepsResultExampleReadsAndWritesBackUnchanged() {
        // XEP-0030 §3.1, Example 2
        XmlElement xml = parse("<query xmlns='" + NS + "'>"
                + "<identity category='conference' type='text' name='Play-Specific Chatrooms'/>"
                + "<identity category='directory' type='chatroom' name='Play-Specific Chatrooms'/>"
                + "<feature var='http://jabber.org/protocol/disco#info'/>"
                + "<feature var='http://jabber.org/protocol/disco#items'/>"
                + "<feature var='http://jabber.org/protocol/muc'/>"
                + "<feature var='jabber:iq:register'/>"
                + "</query>");

        DiscoInfo info = codec.decode(xml);

        assertThat(info.identities()).containsExactly(
                new DiscoInfo.Identity("conference", "text", "Play-Specific Chatrooms"),
                new DiscoInfo.Identity("directory", "chatroom", "Play-Specific Chatrooms"));
        assertThat(info.features()).containsExactly("http://jabber.org/protocol/disco#info",
                "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/muc", "jabber:iq:register");
        assertThat(info.hasFeature("http://jabber.org/protocol/muc")).isTrue();
        assertThat(info.hasFeature("urn:xmpp:ping")).isFalse();
        assertThat(info.isRequest()).isFalse();
        assertThat(codec.encode(info)).isEqualTo(xml);
    }

    @Test
    void aResultWithAnIdentityAloneIsValid() {
        // XEP-0030 §3.1, Example 5: the server answers for a bare JID with an identity and no features
        DiscoInfo info = codec.decode(parse("<query xmlns='" + NS + "'><identity category='account' "
                + "type='registered'/></query>"));
        assertThat(info.identities()).containsExactly(new DiscoInfo.Identity("account", "registered"));
        assertThat(info.features()).isEmpty();
    }

    @Test
    void identityLanguagesAndDataFormExtensionsRoundTrip() {
        XmlElement form = XmlElement.builder("jabber:x:data", "x").attribute("type", "result")
                .child(XmlElement.builder("jabber:x:data", "field").attribute("var", "FORM_TYPE")
                        .attribute("type", "hidden")
                        .child(XmlElement.builder("jabber:x:data", "value").text("urn:xmpp:dataforms:softwareinfo")
                                .build()).build()).build();
        DiscoInfo info = DiscoInfo.builder()
                .node("http://code.example/client#q07IKJEyjvHSyhy//CH0CxmKi8w=")
                .identity(new DiscoInfo.Identity("client", "pc", Optional.of("Psi 0.11"), Optional.of("en")))
                .identity(new DiscoInfo.Identity("client", "pc", Optional.of("Ψ 0.11"), Optional.of("el")))
                .feature("http://jabber.org/protocol/caps")
                .feature(NS)
                .extension(form)
                .build();

        XmlElement xml = codec.encode(info);

        assertThat(xml.children()).hasSize(5);
        assertThat(xml.children().get(1).lang()).contains("el");
        assertThat(xml.child("jabber:x:data", "x")).contains(form);
        assertThat(codec.decode(xml)).isEqualTo(info);
        assertThat(codec.decode(parse(XmppStreamEncoder.toXml(xml)))).isEqualTo(info);
    }

    @Test
    void unknownElementsInTheDiscoNamespaceAreIgnored() {
        DiscoInfo info = codec.decode(parse("<query xmlns='" + NS + "'><identity category='client' type='pc'/>"
                + "<future-thing/></query>"));
        assertThat(info).isEqualTo(DiscoInfo.builder().identity(new DiscoInfo.Identity("client", "pc")).build());
    }

    @Test
    void aResultWithFeaturesButNoIdentityIsRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='" + NS + "'><feature var='" + NS + "'/></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("at least one <identity/>")
                .hasMessageContaining("XEP-0030");
        assertThatThrownBy(() -> DiscoInfo.builder().feature(NS).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDuplicateFeatureIsRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='" + NS + "'><identity category='client' "
                + "type='pc'/><feature var='urn:xmpp:ping'/><feature var='urn:xmpp:ping'/></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("'urn:xmpp:ping' appears more than once");
    }

    @Test
    void twoIdentitiesWithTheSameCategoryTypeAndLanguageAreRefused() {
        DiscoInfo.Builder builder = DiscoInfo.builder()
                .identity(new DiscoInfo.Identity("client", "pc", "Gajim"))
                .identity(new DiscoInfo.Identity("client", "pc", "Other name"));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("category 'client', type 'pc'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<identity type='pc'/>", "<identity category='client'/>", "<feature/>"})
    void aMissingRequiredAttributeIsRefusedNamingIt(String child) {
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='" + NS + "'><identity category='a' type='b'/>"
                + child + "</query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("has no '")
                .hasMessageContaining("XEP-0030 §3.1 requires");
    }

    @Test
    void anotherElementIsRefusedNamingExpectedAndActual() {
        assertThatThrownBy(() -> codec.decode(XmlElement.builder("http://jabber.org/protocol/disco#items", "query")
                .build()))
                .isInstanceOf(PayloadException.class)
                .hasMessage("expected <query xmlns='http://jabber.org/protocol/disco#info'/> but got "
                        + "<query xmlns='http://jabber.org/protocol/disco#items'/>");
    }

    @Test
    void anExtensionInTheDiscoNamespaceIsRefused() {
        assertThatThrownBy(() -> DiscoInfo.builder().identity(new DiscoInfo.Identity("a", "b"))
                .extension(XmlElement.builder(NS, "feature").attribute("var", "x").build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an extension");
    }

    @Test
    void theValueIsImmutable() {
        List<String> features = new java.util.ArrayList<>(List.of("a"));
        DiscoInfo info = new DiscoInfo(Optional.empty(), List.of(new DiscoInfo.Identity("c", "t")), features, List.of());
        features.add("b");
        assertThat(info.features()).containsExactly("a");
        assertThatThrownBy(() -> info.features().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void randomResultsSurviveTheWireUnchanged(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] pieces = {"a", "é", "'\"<&", "</query>", " ", "\n", "urn:", "#", "😀"};
        for (int i = 0; i < 30; i++) {
            DiscoInfo.Builder builder = DiscoInfo.builder();
            if (random.nextBoolean()) {
                builder.node(text(random, pieces));
            }
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                builder.identity(new DiscoInfo.Identity("cat" + n, text(random, pieces),
                        random.nextBoolean() ? Optional.of(text(random, pieces)) : Optional.empty(),
                        random.nextBoolean() ? Optional.of("en") : Optional.empty()));
            }
            for (int n = random.nextInt(5); n > 0; n--) {
                builder.feature("urn:feature:" + n + text(random, pieces));
            }
            DiscoInfo info = builder.build();
            XmlElement xml = codec.encode(info);
            assertThat(parse(XmppStreamEncoder.toXml(xml))).isEqualTo(xml);
            assertThat(codec.decode(xml)).isEqualTo(info);
        }
    }

    private static String text(SplittableRandom random, String[] pieces) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    static XmlElement parse(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap(("<stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>" + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }
}
