package org.xmppreactive.im;

import java.util.Objects;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;

/**
 * One presence the {@link PresenceTracker} took into account, and the contact's state after it.
 *
 * <pre>{@code
 * tracker.changes()
 *         .filter(change -> !change.contact().isAvailable())
 *         .subscribe(change -> ui.greyOut(change.contact().contact()));
 * }</pre>
 *
 * @param from     the sender of the presence: a contact's full JID, or its bare JID
 * @param presence the presence: available, unavailable, or an error
 * @param contact  the contact's presence after this one
 */
public record PresenceChange(Jid from, Presence presence, ContactPresence contact) {

    /**
     * Checks that the parts belong together.
     *
     * @throws IllegalArgumentException if {@code from} is not one of the contact's JIDs
     */
    public PresenceChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(contact, "contact");
        if (!from.bare().equals(contact.contact())) {
            throw new IllegalArgumentException(from + " is not a JID of " + contact.contact());
        }
    }

    /**
     * Whether the presence was an error (RFC 6121 §4.7.1, {@code type='error'}), such as {@code
     * remote-server-not-found} for a contact whose server cannot be reached.
     *
     * @return true for an error presence
     */
    public boolean isError() {
        return presence.type() == PresenceType.ERROR;
    }
}
