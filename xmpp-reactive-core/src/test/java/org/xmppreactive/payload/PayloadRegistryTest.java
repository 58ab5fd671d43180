package org.xmppreactive.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlElement;

class PayloadRegistryTest {

    record Mood(String value) {
    }

    static final PayloadCodec<Mood> MOOD = PayloadCodec.of("urn:example:mood", "mood", Mood.class,
            element -> new Mood(element.text()),
            mood -> XmlElement.builder("urn:example:mood", "mood").text(mood.value()).build());

    final PayloadRegistry standard = PayloadRegistry.standard();

    @Test
    void theStandardRegistryKnowsTheCorePayloads() {
        assertThat(standard.codecs()).containsExactly(Ping.codec(), DiscoInfo.codec(), Bind.codec(), RosterQuery.codec());
        assertThat(standard.codecFor("urn:xmpp:ping", "ping")).containsSame(Ping.codec());
        assertThat(standard.codecFor(DiscoInfo.NAMESPACE, "query")).containsSame(DiscoInfo.codec());
        assertThat(standard.codecFor(Ping.class)).containsSame(Ping.codec());
        assertThat(standard.codecFor("urn:xmpp:ping", "query")).isEmpty();
        assertThat(standard.codecFor(Mood.class)).isEmpty();
    }

    @Test
    void eachCallToStandardReturnsANewIndependentRegistry() {
        PayloadRegistry extended = PayloadRegistry.standard().toBuilder().register(MOOD).build();
        assertThat(PayloadRegistry.standard()).isNotSameAs(standard);
        assertThat(extended.codecFor(Mood.class)).isPresent();
        assertThat(standard.codecFor(Mood.class)).isEmpty();
    }

    @Test
    void decodingByClassGivesTheValueForItsElementAndEmptyForOthers() {
        XmlElement ping = XmlElement.builder("urn:xmpp:ping", "ping").build();
        assertThat(standard.decode(ping, Ping.class)).contains(new Ping());
        assertThat(standard.decode(ping, DiscoInfo.class)).isEmpty();
        assertThat(standard.decode(XmlElement.builder("urn:example", "other").build(), Ping.class)).isEmpty();
    }

    @Test
    void decodingByClassWithoutACodecIsAConfigurationError() {
        assertThatThrownBy(() -> standard.decode(XmlElement.builder("urn:example:mood", "mood").build(), Mood.class))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(PayloadException.class)
                .hasMessageContaining("no payload codec is registered for " + Mood.class.getName());
    }

    @Test
    void decodingAnyElementUsesTheCodecForItsNameAndLeavesUnknownOnesAlone() {
        assertThat(standard.decode(XmlElement.builder("urn:xmpp:ping", "ping").build())).contains(new Ping());
        assertThat(standard.decode(XmlElement.builder("urn:example", "unknown").build())).isEmpty();
    }

    @Test
    void anInvalidPayloadFailsWithItsCodecsReason() {
        XmlElement badQuery = XmlElement.builder(DiscoInfo.NAMESPACE, "query")
                .child(XmlElement.builder(DiscoInfo.NAMESPACE, "feature").build()).build();
        assertThatThrownBy(() -> standard.decode(badQuery, DiscoInfo.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("'var'");
    }

    @Test
    void encodingUsesTheCodecForThePayloadsClass() {
        PayloadRegistry registry = PayloadRegistry.builder().register(MOOD).build();
        XmlElement xml = registry.encode(new Mood("happy"));
        assertThat(xml).isEqualTo(XmlElement.builder("urn:example:mood", "mood").text("happy").build());
        assertThat(registry.decode(xml, Mood.class)).contains(new Mood("happy"));
    }

    @Test
    void encodingAnUnregisteredTypeIsRefusedNamingIt() {
        assertThatThrownBy(() -> standard.encode(new Mood("sad")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no payload codec is registered for " + Mood.class.getName());
    }

    @Test
    void aSecondCodecForTheSameElementIsRefused() {
        PayloadCodec<String> otherPing = PayloadCodec.of("urn:xmpp:ping", "ping", String.class,
                XmlElement::text, s -> XmlElement.builder("urn:xmpp:ping", "ping").build());
        assertThatThrownBy(() -> PayloadRegistry.standard().toBuilder().register(otherPing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<ping xmlns='urn:xmpp:ping'/> is already registered")
                .hasMessageContaining(Ping.class.getName())
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void aSecondCodecForTheSameClassIsRefused() {
        PayloadCodec<Ping> pingElsewhere = PayloadCodec.of("urn:example:ping", "ping", Ping.class,
                e -> new Ping(), p -> XmlElement.builder("urn:example:ping", "ping").build());
        assertThatThrownBy(() -> PayloadRegistry.standard().toBuilder().register(pingElsewhere))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a codec for " + Ping.class.getName() + " is already registered");
    }

    @Test
    void aRegistryIsNotChangedByItsBuilderLater() {
        PayloadRegistry.Builder builder = PayloadRegistry.builder().register(Ping.codec());
        PayloadRegistry registry = builder.build();
        builder.register(MOOD);
        assertThat(registry.codecFor(Mood.class)).isEmpty();
        assertThatThrownBy(() -> registry.codecs().add(MOOD)).isInstanceOf(UnsupportedOperationException.class);
    }
}
