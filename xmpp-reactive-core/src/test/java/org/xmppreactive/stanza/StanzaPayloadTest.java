package org.xmppreactive.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmppreactive.payload.DiscoInfo;
import org.xmppreactive.payload.PayloadCodec;
import org.xmppreactive.payload.PayloadException;
import org.xmppreactive.payload.PayloadRegistry;
import org.xmppreactive.payload.Ping;
import org.xmppreactive.xml.XmlElement;

class StanzaPayloadTest {

    record Mood(String value) {
    }

    static final PayloadCodec<Mood> MOOD = PayloadCodec.of("urn:example:mood", "mood", Mood.class,
            e -> new Mood(e.text()), m -> XmlElement.builder("urn:example:mood", "mood").text(m.value()).build());

    static final PayloadRegistry REGISTRY = PayloadRegistry.standard().toBuilder().register(MOOD).build();

    @Test
    void aKnownPayloadIsReadThroughTheRegistryAndUnknownOnesStayElements() {
        XmlElement chatState = XmlElement.builder("http://jabber.org/protocol/chatstates", "active").build();
        Message message = Message.builder().body("hi").extension(chatState)
                .extension(MOOD.encode(new Mood("happy"))).build();

        assertThat(message.payload(Mood.class, REGISTRY)).contains(new Mood("happy"));
        assertThat(message.payload(Ping.class, REGISTRY)).isEmpty();
        assertThat(message.extensions()).contains(chatState);
    }

    @Test
    void anIqPayloadIsReadThroughTheRegistry() {
        Iq ping = Iq.get("p1", Ping.codec().encode(new Ping()));
        assertThat(ping.payload(Ping.class, REGISTRY)).contains(new Ping());
        assertThat(ping.result().payload(Ping.class, REGISTRY)).isEmpty();
        Iq info = Iq.get("d1", DiscoInfo.codec().encode(DiscoInfo.request()));
        assertThat(info.payload(DiscoInfo.class, REGISTRY).map(DiscoInfo::isRequest)).contains(true);
    }

    @Test
    void aMalformedKnownPayloadAndAnUnregisteredTypeAreReported() {
        XmlElement badInfo = XmlElement.builder(DiscoInfo.NAMESPACE, DiscoInfo.ELEMENT)
                .child(XmlElement.builder(DiscoInfo.NAMESPACE, "feature").build())   // a feature without var
                .build();
        Iq iq = Iq.get("d2", badInfo);
        assertThatThrownBy(() -> iq.payload(DiscoInfo.class, REGISTRY)).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> iq.payload(String.class, REGISTRY)).isInstanceOf(IllegalArgumentException.class);
    }
}
