package org.xmppreactive.stream;

import java.util.List;
import java.util.Optional;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <stream:features/>} the receiving entity advertises after each stream header (RFC 6120 §4.3.2).
 * Each feature is kept as its element; negotiation reads the ones it knows.
 *
 * <pre>{@code
 * features.feature("urn:ietf:params:xml:ns:xmpp-tls", "starttls")
 *         .flatMap(tls -> tls.child("urn:ietf:params:xml:ns:xmpp-tls", "required"))
 *         .isPresent();   // STARTTLS is mandatory-to-negotiate
 * }</pre>
 *
 * @param features the advertised features, in document order
 */
public record StreamFeatures(List<XmlElement> features) implements Nonza {

    /** Copies the list. */
    public StreamFeatures {
        features = List.copyOf(features);
    }

    /** No features: what a stream has before the peer advertised any, or a component stream, which has none. */
    public static StreamFeatures none() {
        return new StreamFeatures(List.of());
    }

    /** The advertised feature named {@code localName} in {@code namespace}, if any. */
    public Optional<XmlElement> feature(String namespace, String localName) {
        return features.stream().filter(f -> f.is(namespace, localName)).findFirst();
    }

    /** Reads {@code <stream:features/>}; its children are the features. */
    public static StreamFeatures fromXml(XmlElement element) {
        if (!element.is(StreamEvent.STREAM_NAMESPACE, "features")) {
            throw new IllegalArgumentException("not <stream:features/>: " + element.localName());
        }
        return new StreamFeatures(element.children());
    }

    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder xml = XmlElement.builder(StreamEvent.STREAM_NAMESPACE, "features");
        features.forEach(xml::child);
        return xml.build();
    }
}
