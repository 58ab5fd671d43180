package org.xmppreactive.stanza;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.xml.XmlElement;

/**
 * Types the stanzas among top-level elements: a {@code message}, {@code presence} or {@code iq} in the stream's
 * content namespace becomes a {@link Stanza}, or an {@link InvalidStanza} carrying the stanza error the RFC names
 * ({@code bad-request}, {@code jid-malformed}) if it breaks a rule. Users call
 * {@code org.xmppreactive.stream.StreamElements#decode}, which adds the stream's nonzas.
 */
public final class Stanzas {

    private Stanzas() {
    }

    /**
     * Types {@code element} if it is a stanza of a stream whose default namespace is {@code contentNamespace};
     * empty if it is not a stanza at all. Never throws for anything a peer can send.
     */
    public static Optional<StreamElement> decode(XmlElement element, String contentNamespace) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(contentNamespace, "contentNamespace");
        if (element.namespace().equals(contentNamespace)) {
            try {
                switch (element.localName()) {
                    case "message":
                        return Optional.of(Message.fromXml(element, contentNamespace));
                    case "presence":
                        return Optional.of(Presence.fromXml(element, contentNamespace));
                    case "iq":
                        return Optional.of(Iq.fromXml(element, contentNamespace));
                    default:
                        break;
                }
            } catch (MalformedStanzaException e) {
                return Optional.of(invalid(element, e.condition(), e.getMessage()));
            } catch (IllegalArgumentException e) {
                // a rule the value itself checks (the readers check them first; this is the safety net)
                return Optional.of(invalid(element, StanzaErrorCondition.BAD_REQUEST, e.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static InvalidStanza invalid(XmlElement element, StanzaErrorCondition condition, String reason) {
        return new InvalidStanza(element, StanzaError.of(condition).withText(reason), reason);
    }
}
