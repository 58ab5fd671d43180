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
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class BindTest {

    static final String NS = "urn:ietf:params:xml:ns:xmpp-bind";
    final PayloadCodec<Bind> codec = Bind.codec();

    @Test
    void anEmptyRequestLetsTheServerChooseTheResource() {
        // RFC 6120 §7.6, Example: <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>
        assertThat(XmppStreamEncoder.toXml(codec.encode(Bind.request())))
                .isEqualTo("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>");
        Bind request = codec.decode(parse("<bind xmlns='" + NS + "'/>"));
        assertThat(request).isEqualTo(Bind.request());
        assertThat(request.resource()).isEmpty();
        assertThat(request.isResult()).isFalse();
    }

    @Test
    void theRfcRequestForAResourceReadsAndWritesBackUnchanged() {
        // RFC 6120 §7.7.1
        XmlElement xml = parse("<bind xmlns='" + NS + "'><resource>balcony</resource></bind>");

        Bind request = codec.decode(xml);

        assertThat(request.resource()).contains("balcony");
        assertThat(request.jid()).isEmpty();
        assertThat(codec.encode(request)).isEqualTo(xml);
        assertThat(XmppStreamEncoder.toXml(codec.encode(Bind.request("balcony"))))
                .isEqualTo("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>balcony</resource></bind>");
    }

    @Test
    void theRfcResultReadsAndWritesBackUnchanged() {
        // RFC 6120 §7.6.1
        XmlElement xml = parse("<bind xmlns='" + NS + "'><jid>juliet@im.example.com/balcony</jid></bind>");

        Bind result = codec.decode(xml);

        assertThat(result.jid()).contains(Jid.parse("juliet@im.example.com/balcony"));
        assertThat(result.resource()).isEmpty();
        assertThat(result.isResult()).isTrue();
        assertThat(result).isEqualTo(Bind.result(Jid.parse("juliet@im.example.com/balcony")));
        assertThat(codec.encode(result)).isEqualTo(xml);
    }

    @Test
    void theResultJidIsReadInCanonicalForm() {
        Bind result = codec.decode(parse("<bind xmlns='" + NS + "'><jid>Juliet@IM.Example.COM/Balcony</jid></bind>"));
        assertThat(result.jid().map(Jid::toString)).contains("juliet@im.example.com/Balcony");
    }

    @Test
    void theRequestedResourceIsKeptInItsPreparedForm() {
        // OpaqueString: NFC, and non-ASCII spaces become U+0020 (RFC 8265 §4.2)
        assertThat(Bind.request("cafe\u0301\u00A0bar").resource()).contains("caf\u00E9 bar");
        assertThat(codec.decode(parse("<bind xmlns='" + NS + "'><resource>cafe\u0301</resource></bind>")).resource())
                .contains("caf\u00E9");
    }

    @Test
    void aBareJidInAResultIsRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<bind xmlns='" + NS + "'><jid>juliet@im.example.com</jid></bind>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("must be a full JID (RFC 6120 §7.6.1), but juliet@im.example.com has no "
                        + "resourcepart");
        assertThatThrownBy(() -> Bind.result(Jid.parse("juliet@im.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a full JID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet@", "@im.example.com/balcony", "\"juliet\"@im.example.com/balcony", "",
            "juliet@im.example.com/"})
    void aMalformedJidInAResultIsRefusedSayingSo(String jid) {
        XmlElement xml = XmlElement.builder(NS, "bind").child(XmlElement.builder(NS, "jid").text(jid).build()).build();
        assertThatThrownBy(() -> codec.decode(xml))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("the <jid/> of a bind result is not a valid JID: Invalid JID \"" + jid + "\"");
    }

    @Test
    void anEmptyResourceIsRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<bind xmlns='" + NS + "'><resource/></bind>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("the resource of a <bind/> request is not a valid resourcepart "
                        + "(RFC 6120 §7.7.2.1)")
                .hasMessageContaining("the resourcepart is empty");
        assertThatThrownBy(() -> Bind.request(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void aResourceThatOpaqueStringRefusesIsRefused() {
        // U+0378 is unassigned, so outside the PRECIS FreeformClass
        XmlElement xml = XmlElement.builder(NS, "bind")
                .child(XmlElement.builder(NS, "resource").text("bal\u0378cony").build()).build();
        assertThatThrownBy(() -> codec.decode(xml))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("not a valid resourcepart")
                .hasMessageContaining("OpaqueString");
    }

    @Test
    void aResourceAndAJidTogetherAreRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<bind xmlns='" + NS + "'><resource>balcony</resource>"
                + "<jid>juliet@im.example.com/balcony</jid></bind>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("either a <resource/> (a request, RFC 6120 §7.7) or a <jid/> (a result, "
                        + "§7.6.1), not both");
        assertThatThrownBy(() -> new Bind(Optional.of("balcony"), Optional.of(Jid.parse("juliet@example.com/b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<resource>a</resource><resource>b</resource>",
            "<jid>juliet@example.com/a</jid><jid>juliet@example.com/b</jid>"})
    void aRepeatedChildIsRefused(String children) {
        assertThatThrownBy(() -> codec.decode(parse("<bind xmlns='" + NS + "'>" + children + "</bind>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageMatching("a <bind/> has 2 <(resource|jid)/> elements; RFC 6120 §7 allows one");
    }

    @Test
    void theRequiredFlagOfRfc3920StreamFeaturesIsIgnored() {
        assertThat(codec.decode(parse("<bind xmlns='" + NS + "'><required/></bind>"))).isEqualTo(Bind.request());
    }

    @Test
    void anotherElementIsRefusedNamingExpectedAndActual() {
        assertThatThrownBy(() -> codec.decode(XmlElement.builder("urn:ietf:params:xml:ns:xmpp-session", "session")
                .build()))
                .isInstanceOf(PayloadException.class)
                .hasMessage("expected <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/> but got "
                        + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"</resource><iq type='set'>", "'\"<&", "]]>", "Ромео's phone 📱", "a/b@c"})
    void hostileAndNonAsciiResourcesSurviveTheWireUnchanged(String resource) {
        Bind request = Bind.request(resource);
        String wire = XmppStreamEncoder.toXml(codec.encode(request));

        assertThat(wire).doesNotContain("<iq");
        assertThat(codec.decode(parse(wire))).isEqualTo(request);
        assertThat(request.resource()).contains(resource);

        Bind result = Bind.result(Jid.parse("juliet@example.com").withResource(resource));
        assertThat(codec.decode(parse(XmppStreamEncoder.toXml(codec.encode(result))))).isEqualTo(result);
    }

    @Test
    void theStandardRegistryReadsAndWritesBind() {
        PayloadRegistry registry = PayloadRegistry.standard();
        XmlElement xml = parse("<bind xmlns='" + NS + "'><jid>juliet@im.example.com/balcony</jid></bind>");

        assertThat(registry.decode(xml)).contains(Bind.result(Jid.parse("juliet@im.example.com/balcony")));
        assertThat(registry.decode(xml, Bind.class)).isPresent();
        assertThat(registry.encode(Bind.request("balcony"))).isEqualTo(codec.encode(Bind.request("balcony")));
        assertThat(registry.codecFor(NS, "bind")).containsSame(codec);
    }

    @ParameterizedTest
    @ValueSource(longs = {61, 62, 63, 64})
    void randomBindsSurviveTheWireUnchanged(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] pieces = {"a", "Z", "é", "'\"<&", "</bind>", " ", "/", "@", "😀", "中", "\u00A0"};
        Jid bare = Jid.parse("juliet@example.com");
        for (int i = 0; i < 50; i++) {
            Bind bind = switch (random.nextInt(3)) {
                case 0 -> Bind.request();
                case 1 -> Bind.request(text(random, pieces));
                default -> Bind.result(bare.withResource(text(random, pieces)));
            };
            XmlElement xml = codec.encode(bind);
            assertThat(parse(XmppStreamEncoder.toXml(xml))).isEqualTo(xml);
            assertThat(codec.decode(xml)).isEqualTo(bind);
            assertThat(codec.encode(codec.decode(xml))).isEqualTo(xml);
        }
    }

    private static String text(SplittableRandom random, String[] pieces) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    /** {@code xml} as the decoder delivers it from a client stream. */
    static XmlElement parse(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap(("<stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>" + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }
}
