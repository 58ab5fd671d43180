package org.xmppreactive.stream;

import java.util.Objects;
import org.xmppreactive.stanza.Stanzas;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;

/**
 * Types a top-level element once, as it arrives: the one place where an {@link XmlElement} from the decoder
 * becomes a {@link StreamElement}.
 *
 * <pre>{@code
 * StreamElement typed = StreamElements.decode(event.element(), opened.contentNamespace().orElse("jabber:client"));
 * }</pre>
 */
public final class StreamElements {

    private StreamElements() {
    }

    /**
     * Types {@code element}, a top-level element of a stream whose default namespace is {@code contentNamespace}:
     * a stanza (or an invalid one, with the stanza error the RFC names), {@link StreamFeatures}, a
     * {@link StreamError}, or an {@link UnknownNonza}. Never throws for anything a peer can send.
     */
    public static StreamElement decode(XmlElement element, String contentNamespace) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(contentNamespace, "contentNamespace");
        return Stanzas.decode(element, contentNamespace).orElseGet(() -> nonza(element));
    }

    private static StreamElement nonza(XmlElement element) {
        if (element.is(StreamEvent.STREAM_NAMESPACE, "features")) {
            return StreamFeatures.fromXml(element);
        }
        if (element.is(StreamEvent.STREAM_NAMESPACE, "error")) {
            return StreamError.fromXml(element);
        }
        return new UnknownNonza(element);
    }
}
