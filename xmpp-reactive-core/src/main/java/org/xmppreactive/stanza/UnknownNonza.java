package org.xmppreactive.stanza;

import java.util.Objects;
import org.xmppreactive.xml.XmlElement;

/**
 * A top-level element that is neither a stanza in the stream's content namespace nor a nonza this library knows.
 * Kept whole, so that the session can decide (RFC 6120 §4.9.3.22 {@code unsupported-stanza-type}, or ignoring it).
 *
 * @param element the element as received
 */
public record UnknownNonza(XmlElement element) implements Nonza {

    /** Requires an element. */
    public UnknownNonza {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public XmlElement toXml(String contentNamespace) {
        return element;
    }
}
