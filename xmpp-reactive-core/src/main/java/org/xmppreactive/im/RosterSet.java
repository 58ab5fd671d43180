package org.xmppreactive.im;

import java.util.Objects;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;

/**
 * The roster sets a client sends (RFC 6121 §2.1.5), checked before anything goes out. Pure.
 *
 * <p>Some rules of §2.3.3 cannot be broken here at all: a set carries exactly one item because it is built from one,
 * and {@link RosterItem} refuses empty and repeated group names when it is constructed. What is left to check and
 * shape is which attributes a client may send.
 */
final class RosterSet {

    private RosterSet() {
    }

    /**
     * The set that adds {@code item} or updates the item with its JID: only the JID, name and groups are sent. The
     * subscription state, {@code ask} and {@code approved} belong to the server (§2.1.2.1, §2.1.2.2: a client MUST
     * NOT send them; §2.1.2.5: the server ignores any subscription but {@code remove}), so an item read from the
     * roster can be changed and sent back as it is.
     *
     * @param item the item
     * @return the query of the set
     * @throws IllegalArgumentException if the item's subscription is {@code remove}: {@link #remove(Jid)} says that
     */
    static RosterQuery update(RosterItem item) {
        Objects.requireNonNull(item, "item");
        if (item.subscription() == Subscription.REMOVE) {
            throw new IllegalArgumentException("the roster item for " + item.jid() + " has subscription='remove'; "
                    + "to remove an item, use Roster.remove(jid)");
        }
        RosterItem sent = new RosterItem(item.jid(), item.name(), Subscription.NONE, false, false, item.groups());
        return RosterQuery.of(sent);
    }

    /**
     * The set that removes the item for {@code jid} (§2.5.2): {@code <item jid='...' subscription='remove'/>}.
     *
     * @param jid the JID of the item
     * @return the query of the set
     */
    static RosterQuery remove(Jid jid) {
        return RosterQuery.of(RosterItem.remove(Objects.requireNonNull(jid, "jid")));
    }
}
