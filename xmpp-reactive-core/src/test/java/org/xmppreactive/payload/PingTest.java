package org.xmppreactive.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamEncoder;

class PingTest {

    final PayloadCodec<Ping> codec = Ping.codec();

    @Test
    void aPingIsTheEmptyPingElement() {
        XmlElement xml = codec.encode(new Ping());
        assertThat(XmppStreamEncoder.toXml(xml)).isEqualTo("<ping xmlns='urn:xmpp:ping'/>");
        assertThat(codec.decode(xml)).isEqualTo(new Ping());
    }

    @Test
    void theCodecNamesItsElementAndType() {
        assertThat(codec.namespace()).isEqualTo("urn:xmpp:ping");
        assertThat(codec.elementName()).isEqualTo("ping");
        assertThat(codec.type()).isEqualTo(Ping.class);
        assertThat(codec.handles(XmlElement.builder("urn:xmpp:ping", "ping").build())).isTrue();
        assertThat(codec.handles(XmlElement.builder("urn:xmpp:ping", "pong").build())).isFalse();
    }

    @Test
    void contentXep0199DoesNotDefineIsIgnored() {
        XmlElement xml = XmlElement.builder("urn:xmpp:ping", "ping").attribute("extra", "1").text(" ")
                .child(XmlElement.builder("urn:example", "x").build()).build();
        assertThat(codec.decode(xml)).isEqualTo(new Ping());
    }

    @Test
    void anotherElementIsRefusedNamingExpectedAndActual() {
        assertThatThrownBy(() -> codec.decode(XmlElement.builder("jabber:client", "ping").build()))
                .isInstanceOf(PayloadException.class)
                .hasMessage("expected <ping xmlns='urn:xmpp:ping'/> but got <ping xmlns='jabber:client'/>");
    }
}
