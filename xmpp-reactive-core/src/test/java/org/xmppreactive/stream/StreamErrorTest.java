package org.xmppreactive.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class StreamErrorTest {

    static final String STREAMS = "urn:ietf:params:xml:ns:xmpp-streams";
    final XmppStreamEncoder encoder = new XmppStreamEncoder("jabber:client");

    @Test
    void theRfcExampleReadsAsConditionTextAndApplicationSpecificElement() {
        // RFC 6120 §4.9.4, Example: a stream error with text and an application-specific condition
        XmlElement xml = parse("<stream:error><not-well-formed xmlns='" + STREAMS + "'/>"
                + "<text xmlns='" + STREAMS + "' xml:lang='en'>Some special application diagnostic information!"
                + "</text><escape-your-data xmlns='http://example.org/ns'/></stream:error>");

        StreamError error = StreamError.fromXml(xml);

        assertThat(error.condition()).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
        assertThat(error.text()).contains("Some special application diagnostic information!");
        assertThat(error.textLang()).contains("en");
        assertThat(error.applicationSpecific())
                .contains(XmlElement.builder("http://example.org/ns", "escape-your-data").build());
        assertThat(error.otherHost()).isEmpty();
        assertThat(error.toXml()).isEqualTo(xml);
    }

    @ParameterizedTest
    @EnumSource(StreamErrorCondition.class)
    void everyConditionRoundTripsThroughXml(StreamErrorCondition condition) {
        XmlElement xml = parse("<stream:error><" + condition.elementName() + " xmlns='" + STREAMS + "'/>"
                + "</stream:error>");

        StreamError error = StreamError.fromXml(xml);

        assertThat(error).isEqualTo(StreamError.of(condition));
        assertThat(error.toXml()).isEqualTo(xml);
    }

    @Test
    void aStreamErrorIsWrittenWithTheStreamPrefix() {
        StreamError error = StreamError.of(StreamErrorCondition.POLICY_VIOLATION).withText("too big", "en");
        assertThat(string(encoder.encode(error.toXml()))).isEqualTo("<stream:error><policy-violation xmlns='"
                + STREAMS + "'/><text xmlns='" + STREAMS + "' xml:lang='en'>too big</text></stream:error>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.net", "example.net:5223", "192.0.2.7:5222", "[2001:db8::9]:5222"})
    void seeOtherHostCarriesTheHostAsTheConditionsText(String host) {
        StreamError error = StreamError.seeOtherHost(host);
        XmlElement xml = parse("<stream:error><see-other-host xmlns='" + STREAMS + "'>" + host
                + "</see-other-host></stream:error>");

        assertThat(error.toXml()).isEqualTo(xml);
        assertThat(StreamError.fromXml(xml)).isEqualTo(error);
        assertThat(StreamError.fromXml(xml).otherHost()).contains(host);
    }

    @Test
    void seeOtherHostWithoutAHostIsReadWithAnEmptyHost() {
        StreamError error = StreamError.fromXml(parse("<stream:error><see-other-host xmlns='" + STREAMS
                + "'> \n</see-other-host></stream:error>"));
        assertThat(error.condition()).isEqualTo(StreamErrorCondition.SEE_OTHER_HOST);
        assertThat(error.otherHost()).isEmpty();
    }

    @Test
    void whitespaceAroundTheOtherHostIsDropped() {
        assertThat(StreamError.fromXml(parse("<stream:error><see-other-host xmlns='" + STREAMS
                + "'>\n  example.org:5222\n</see-other-host></stream:error>")).otherHost()).contains("example.org:5222");
    }

    @Test
    void onlySeeOtherHostCarriesAHostAndItMustNotBeBlank() {
        assertThatThrownBy(() -> new StreamError(StreamErrorCondition.HOST_GONE, Optional.of("example.org"),
                Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only <see-other-host/>")
                .hasMessageContaining("<host-gone/>");
        assertThatThrownBy(() -> StreamError.seeOtherHost("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void textWithoutLanguageRoundTrips() {
        StreamError error = StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN).withText("maintenance");
        assertThat(error.toXml().child(STREAMS, "text").flatMap(XmlElement::lang)).isEmpty();
        assertThat(StreamError.fromXml(error.toXml())).isEqualTo(error);
    }

    @Test
    void aLanguageWithoutTextIsRefused() {
        assertThatThrownBy(() -> new StreamError(StreamErrorCondition.CONFLICT, Optional.empty(), Optional.empty(),
                Optional.of("en"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a text");
    }

    @Test
    void anUnknownConditionBecomesUndefinedConditionAndIsKept() {
        XmlElement unknown = XmlElement.builder(STREAMS, "quantum-decoherence").build();
        StreamError error = StreamError.fromXml(XmlElement.builder(StreamEvent.STREAM_NAMESPACE, "error")
                .child(unknown).build());
        assertThat(error.condition()).isEqualTo(StreamErrorCondition.UNDEFINED_CONDITION);
        assertThat(error.applicationSpecific()).contains(unknown);
        assertThat(error.toXml().children())
                .containsExactly(XmlElement.builder(STREAMS, "undefined-condition").build(), unknown);
    }

    @Test
    void anEmptyStreamErrorIsUndefinedCondition() {
        assertThat(StreamError.fromXml(parse("<stream:error/>")))
                .isEqualTo(StreamError.of(StreamErrorCondition.UNDEFINED_CONDITION));
    }

    @Test
    void theFirstDefinedConditionWinsAndLaterOnesAreIgnored() {
        StreamError error = StreamError.fromXml(parse("<stream:error><conflict xmlns='" + STREAMS + "'/>"
                + "<reset xmlns='" + STREAMS + "'/><text xmlns='" + STREAMS + "'>a</text>"
                + "<text xmlns='" + STREAMS + "'>b</text></stream:error>"));
        assertThat(error).isEqualTo(StreamError.of(StreamErrorCondition.CONFLICT).withText("a"));
    }

    @Test
    void anElementThatIsNotAStreamErrorIsRefused() {
        assertThatThrownBy(() -> StreamError.fromXml(XmlElement.builder("jabber:client", "error").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected <stream:error/>")
                .hasMessageContaining("<error xmlns='jabber:client'/>");
    }

    @Test
    void aSecondConditionCannotPoseAsApplicationSpecific() {
        assertThatThrownBy(() -> StreamError.of(StreamErrorCondition.CONFLICT)
                .withApplicationSpecific(XmlElement.builder(STREAMS, "reset").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one defined condition");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void randomStreamErrorsSurviveTheWireUnchanged(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StreamErrorCondition[] conditions = StreamErrorCondition.values();
        String[] pieces = {"x", "é", "</stream:stream>", "'\"<&", " ", "\n", "\r", "]]>", "𝄞"};
        for (int i = 0; i < 50; i++) {
            StreamErrorCondition condition = conditions[random.nextInt(conditions.length)];
            StreamError error = condition == StreamErrorCondition.SEE_OTHER_HOST
                    ? StreamError.seeOtherHost("host" + random.nextInt(100) + ".example:" + random.nextInt(65536))
                    : StreamError.of(condition);
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(5); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            if (text.length() > 0) {
                error = random.nextBoolean() ? error.withText(text.toString()) : error.withText(text.toString(), "fr");
            }
            if (random.nextBoolean()) {
                error = error.withApplicationSpecific(XmlElement.builder("urn:example:app", "why")
                        .text(text.toString()).build());
            }
            XmlElement decoded = parse(string(encoder.encode(error.toXml())));
            assertThat(decoded).isEqualTo(error.toXml());
            assertThat(StreamError.fromXml(decoded)).isEqualTo(error);
        }
    }

    private static XmlElement parse(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap(("<stream:stream "
                + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, UTF_8);
    }
}
