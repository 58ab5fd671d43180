package org.xmppreactive.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.List;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

/** Reads and writes top-level elements as they are on the wire of a {@code jabber:client} stream. */
final class WireXml {

    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String CLIENT = "jabber:client";
    private static final String HEADER =
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    private WireXml() {
    }

    /** The one top-level element in {@code xml}, read by the real decoder. */
    static XmlElement parse(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap((HEADER + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }

    /** {@code element} as the encoder writes it inside a {@code jabber:client} stream. */
    static String write(XmlElement element) {
        ByteBuffer bytes = new XmppStreamEncoder(CLIENT).encode(element);
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return new String(array, UTF_8);
    }
}
