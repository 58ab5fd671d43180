package org.xmppreactive.stanza;

import java.util.List;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.PayloadRegistry;
import org.xmppreactive.xml.XmlElement;

/**
 * One of the three stanzas of RFC 6120 §8: {@link Message}, {@link Presence} or {@link Iq}. All three are
 * immutable values with builders; each keeps the child elements it does not model and writes them back unchanged.
 */
public sealed interface Stanza extends StreamElement permits Message, Presence, Iq {

    /** The intended recipient; absent means the account itself or the server, as RFC 6120 §8.1.1 defines. */
    Optional<Jid> to();

    /** The sender, as stamped by the server (RFC 6120 §8.1.2). */
    Optional<Jid> from();

    /** A copy of this stanza from {@code from}, as a server stamps it (RFC 6120 §8.1.2.1). */
    Stanza withFrom(Jid from);

    /** A copy of this stanza addressed to {@code to}, as a server routing it to one resource addresses it. */
    Stanza withTo(Jid to);

    /** The stanza's own {@code xml:lang}; inherited from the stream header when absent (RFC 6120 §8.1.5). */
    Optional<String> lang();

    /** The error, present exactly when the stanza is of type {@code error}. */
    Optional<StanzaError> error();

    /**
     * The child elements the stanza does not model itself, as received: a message's or presence's extensions,
     * an IQ's payload. Payloads no codec knows stay here as {@link XmlElement}s.
     */
    List<XmlElement> extensions();

    /**
     * The first of {@link #extensions()} that {@code registry} reads as a {@code type}, decoded now; empty if
     * there is none. There is no global registry: the one the session was built with is passed in.
     *
     * <pre>{@code
     * Optional<DiscoInfo> info = iq.payload(DiscoInfo.class, PayloadRegistry.standard());
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code registry} has no codec for {@code type}
     * @throws org.xmppreactive.payload.PayloadException if the element is there but malformed; for an IQ
     *     request, answer it with {@code bad-request}
     */
    default <T> Optional<T> payload(Class<T> type, PayloadRegistry registry) {
        for (XmlElement element : extensions()) {
            Optional<T> payload = registry.decode(element, type);
            if (payload.isPresent()) {
                return payload;
            }
        }
        return Optional.empty();
    }
}
