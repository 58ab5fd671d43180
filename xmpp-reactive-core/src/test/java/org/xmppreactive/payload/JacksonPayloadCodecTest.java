package org.xmppreactive.payload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import javax.xml.stream.XMLInputFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class JacksonPayloadCodecTest {

    static final String WEATHER = "urn:example:weather";

    /** A user's own payload: an attribute, a child with text, and a repeated child with an attribute and text. */
    @JacksonXmlRootElement(namespace = WEATHER, localName = "weather")
    public record Weather(
            @JacksonXmlProperty(isAttribute = true) String city,
            String summary,
            @JacksonXmlProperty(localName = "reading") List<Reading> readings) {
    }

    /** One reading: {@code <reading hour='14'>21.5</reading>}. */
    public static final class Reading {
        @JacksonXmlProperty(isAttribute = true)
        public int hour;
        @JacksonXmlText
        public String value;

        public Reading() {
        }

        Reading(int hour, String value) {
            this.hour = hour;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reading r && r.hour == hour && java.util.Objects.equals(r.value, value);
        }

        @Override
        public int hashCode() {
            return hour;
        }

        @Override
        public String toString() {
            return "Reading[" + hour + "=" + value + "]";
        }
    }

    /** Not annotated. */
    public record Plain(String value) {
    }

    @JacksonXmlRootElement(localName = "nameless")
    public record NoNamespace(String value) {
    }

    final JacksonPayloadCodec<Weather> codec = JacksonPayloadCodec.of(Weather.class);

    @Test
    void theCodecTakesItsNameFromTheAnnotation() {
        assertThat(codec.namespace()).isEqualTo(WEATHER);
        assertThat(codec.elementName()).isEqualTo("weather");
        assertThat(codec.type()).isEqualTo(Weather.class);
    }

    @Test
    void jacksonUsesWoodstoxWithDtdsAndExternalEntitiesOff() {
        XmlFactory factory = codec.mapper().getFactory();
        XMLInputFactory input = factory.getXMLInputFactory();
        assertThat(input).isExactlyInstanceOf(WstxInputFactory.class);
        assertThat(factory.getXMLOutputFactory()).isExactlyInstanceOf(WstxOutputFactory.class);
        assertThat(input.getProperty(XMLInputFactory.SUPPORT_DTD)).isEqualTo(false);
        assertThat(input.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES)).isEqualTo(false);
        assertThat(input.getProperty(XMLInputFactory.IS_COALESCING)).isEqualTo(true);
    }

    @Test
    void aPojoIsWrittenAsIdiomaticXmppXml() {
        Weather weather = new Weather("Verona", "sunny", List.of(new Reading(9, "18.5"), new Reading(14, "24")));

        XmlElement xml = codec.encode(weather);

        assertThat(XmppStreamEncoder.toXml(xml)).isEqualTo("<weather xmlns='urn:example:weather' city='Verona'>"
                + "<summary>sunny</summary><reading hour='9'>18.5</reading><reading hour='14'>24</reading>"
                + "</weather>");
        assertThat(codec.decode(xml)).isEqualTo(weather);
    }

    @Test
    void handWrittenXmlIsReadIgnoringWhatThePojoDoesNotKnow() {
        XmlElement xml = parse("<weather xmlns='urn:example:weather' city='Mantua' xml:lang='it'>\n"
                + "  <summary>nuvoloso</summary>\n  <reading hour='7'>12</reading>\n"
                + "  <wind xmlns='urn:example:wind' speed='3'/>\n</weather>");

        assertThat(codec.decode(xml)).isEqualTo(new Weather("Mantua", "nuvoloso", List.of(new Reading(7, "12"))));
    }

    @Test
    void hostileStringsRoundTripExactly() {
        String hostile = "</x><iq type='set'>'\"<&]]>";
        Weather weather = new Weather(hostile, hostile + "</weather>", List.of(new Reading(1, hostile)));

        XmlElement xml = codec.encode(weather);

        assertThat(xml.attribute("city")).contains(hostile);
        assertThat(xml.child(WEATHER, "summary").map(XmlElement::text)).contains(hostile + "</weather>");
        assertThat(xml.children()).hasSize(2);
        assertThat(codec.decode(xml)).isEqualTo(weather);
        assertThat(codec.decode(parse(new String(bytes(new XmppStreamEncoder("jabber:client").encode(xml)), UTF_8))))
                .isEqualTo(weather);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void randomStringsRoundTripExactly(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] pieces = {"a", "Z", "ß", "日本", "😀", "<", ">", "&", "'", "\"", "&amp;", "</weather>", "]]>",
            "<![CDATA[", "&#x0;", "\r\n", "\t", "\n", "\r", " ", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", "&e;", "x:y", "-"};
        for (int i = 0; i < 40; i++) {
            String city = randomString(random, pieces);
            String summary = randomString(random, pieces);
            // not blank: Jackson reads whitespace-only text beside attributes as null (see the test below)
            String value = randomString(random, pieces) + "v";
            Weather weather = new Weather(city, summary, List.of(new Reading(random.nextInt(24), value)));
            assertThat(codec.decode(codec.encode(weather))).isEqualTo(weather);
        }
    }

    @Test
    void whitespaceOnlyTextSurvivesInAnElementButNotBesideAttributes() {
        Weather weather = new Weather(" ", " \n\t", List.of(new Reading(3, " ")));

        XmlElement xml = codec.encode(weather);

        assertThat(xml.attribute("city")).contains(" ");
        assertThat(xml.child(WEATHER, "reading").map(XmlElement::text)).contains(" ");
        // A limitation of jackson-dataformat-xml, documented on JacksonPayloadCodec.
        assertThat(codec.decode(xml)).isEqualTo(new Weather(" ", " \n\t", List.of(new Reading(3, null))));
    }

    @Test
    void nullIsWrittenAsNothingAndAnAbsentListReadsAsEmpty() {
        Weather weather = new Weather("Verona", null, List.of());

        XmlElement xml = codec.encode(weather);

        assertThat(XmppStreamEncoder.toXml(xml)).isEqualTo("<weather xmlns='urn:example:weather' city='Verona'/>");
        assertThat(codec.decode(xml)).isEqualTo(weather);
    }

    @Test
    void anElementWithAnotherNameIsRefusedNamingExpectedAndActual() {
        assertThatThrownBy(() -> codec.decode(XmlElement.builder("urn:example:climate", "weather").build()))
                .isInstanceOf(PayloadException.class)
                .hasMessage("expected <weather xmlns='urn:example:weather'/> but got "
                        + "<weather xmlns='urn:example:climate'/>");
    }

    @Test
    void anElementJacksonCannotBindIsRefusedWithJacksonsReason() {
        XmlElement xml = parse("<weather xmlns='urn:example:weather'><reading hour='noon'>1</reading></weather>");
        assertThatThrownBy(() -> codec.decode(xml))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("cannot read <weather xmlns='urn:example:weather'/> as " + Weather.class.getName())
                .hasMessageContaining("noon");
    }

    @Test
    void aClassWithoutTheAnnotationIsRefusedWithAnExample() {
        assertThatThrownBy(() -> JacksonPayloadCodec.of(Plain.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Plain.class.getName() + " has no @JacksonXmlRootElement")
                .hasMessageContaining("namespace = ");
    }

    @Test
    void anAnnotationWithoutNamespaceIsRefused() {
        assertThatThrownBy(() -> JacksonPayloadCodec.of(NoNamespace.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no namespace");
    }

    @Test
    void aCharacterXmlCannotCarryIsRefusedOnEncode() {
        assertThatThrownBy(() -> codec.encode(new Weather("a\u0000b", "s", List.of())))
                .isInstanceOf(PayloadException.class);
    }

    @Test
    void theCodecRegistersAndDecodesThroughARegistry() {
        PayloadRegistry registry = PayloadRegistry.standard().toBuilder().register(codec).build();
        Weather weather = new Weather("Verona", "sunny", List.of());

        XmlElement xml = registry.encode(weather);

        assertThat(registry.decode(xml, Weather.class)).contains(weather);
        assertThat(registry.decode(xml)).contains(weather);
        assertThat(registry.decode(xml, Ping.class)).isEmpty();
    }

    private static String randomString(SplittableRandom random, String[] pieces) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    static XmlElement parse(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap(("<stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>" + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
