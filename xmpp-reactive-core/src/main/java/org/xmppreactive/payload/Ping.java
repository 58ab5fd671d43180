package org.xmppreactive.payload;

import org.xmppreactive.xml.XmlElement;

/**
 * An XMPP ping (XEP-0199): {@code <ping xmlns='urn:xmpp:ping'/>} in an IQ get. It carries nothing; the answer is
 * an empty IQ result, or the error {@code service-unavailable} from an entity that does not support pings.
 *
 * <pre>{@code
 * XmlElement xml = Ping.codec().encode(new Ping());   // <ping xmlns='urn:xmpp:ping'/>
 * registry.decode(element, Ping.class);               // Optional[Ping[]] for a ping, empty for anything else
 * }</pre>
 */
public record Ping() {

    /** The namespace of the ping element. */
    public static final String NAMESPACE = "urn:xmpp:ping";

    /** The local name of the ping element. */
    public static final String ELEMENT = "ping";

    private static final PayloadCodec<Ping> CODEC = PayloadCodec.of(NAMESPACE, ELEMENT, Ping.class,
            element -> new Ping(), ping -> XmlElement.builder(NAMESPACE, ELEMENT).build());

    /**
     * The codec for {@code <ping xmlns='urn:xmpp:ping'/>}. Attributes and content of a received ping are ignored,
     * as XEP-0199 defines none.
     */
    public static PayloadCodec<Ping> codec() {
        return CODEC;
    }
}
