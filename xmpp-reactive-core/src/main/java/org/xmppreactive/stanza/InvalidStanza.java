package org.xmppreactive.stanza;

import java.util.Objects;
import org.xmppreactive.xml.XmlElement;

/**
 * A stanza that breaks a rule of RFC 6120 or RFC 6121 (an IQ without {@code id}, an unknown presence type, a
 * malformed address, a priority out of range, ...), reported as what it is: the element, the stanza error the
 * RFC names for it, and why. The session answers it with {@link #error()} unless it is itself of type
 * {@code error} (an error is never answered with an error, RFC 6120 §8.3.1).
 *
 * @param element the element as received
 * @param error   the stanza error to answer with, e.g. {@code bad-request} or {@code jid-malformed}
 * @param reason  what was wrong, for logs and for the error's text
 */
public record InvalidStanza(XmlElement element, StanzaError error, String reason) implements StreamElement {

    /** Requires every component. */
    public InvalidStanza {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the invalid stanza was itself an error, which must never be answered with one. */
    public boolean isError() {
        return element.attribute("type").filter("error"::equals).isPresent();
    }

    @Override
    public XmlElement toXml(String contentNamespace) {
        return element;
    }
}
