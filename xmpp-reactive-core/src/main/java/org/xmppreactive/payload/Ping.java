package org.xmppreactive.payload;

import java.util.Objects;
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

    private static final PayloadCodec<Ping> CODEC = new Codec();

    /**
     * The codec for {@code <ping xmlns='urn:xmpp:ping'/>}. Attributes and content of a received ping are ignored,
     * as XEP-0199 defines none.
     */
    public static PayloadCodec<Ping> codec() {
        return CODEC;
    }

    /** Stateless, so one instance serves everyone. */
    private static final class Codec implements PayloadCodec<Ping> {

        @Override
        public String namespace() {
            return NAMESPACE;
        }

        @Override
        public String elementName() {
            return ELEMENT;
        }

        @Override
        public Class<Ping> type() {
            return Ping.class;
        }

        @Override
        public Ping decode(XmlElement element) {
            if (!handles(element)) {
                throw PayloadException.unexpectedElement(NAMESPACE, ELEMENT, element);
            }
            return new Ping();
        }

        @Override
        public XmlElement encode(Ping payload) {
            Objects.requireNonNull(payload, "payload");
            return XmlElement.builder(NAMESPACE, ELEMENT).build();
        }
    }
}
