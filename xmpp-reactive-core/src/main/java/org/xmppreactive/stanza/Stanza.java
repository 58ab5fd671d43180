package org.xmppreactive.stanza;

import java.util.Optional;
import org.xmppreactive.jid.Jid;

/**
 * One of the three stanzas of RFC 6120 §8: {@link Message}, {@link Presence} or {@link Iq}. All three are
 * immutable values with builders; each keeps the child elements it does not model and writes them back unchanged.
 */
public sealed interface Stanza extends StreamElement permits Message, Presence, Iq {

    /** The intended recipient; absent means the account itself or the server, as RFC 6120 §8.1.1 defines. */
    Optional<Jid> to();

    /** The sender, as stamped by the server (RFC 6120 §8.1.2). */
    Optional<Jid> from();

    /** The stanza's own {@code xml:lang}; inherited from the stream header when absent (RFC 6120 §8.1.5). */
    Optional<String> lang();

    /** The error, present exactly when the stanza is of type {@code error}. */
    Optional<StanzaError> error();
}
