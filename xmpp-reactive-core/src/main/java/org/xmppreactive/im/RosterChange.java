package org.xmppreactive.im;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.Subscription;

/**
 * One change to the roster, as an accepted roster push announces it (RFC 6121 §2.1.6): an item was added or
 * updated, or an item was removed. Pushes carry the roster version that results from the change when the server
 * versions the roster (§2.6.3).
 *
 * <pre>{@code
 * roster.changes().subscribe(change -> {
 *     if (change instanceof RosterChange.Updated updated) {
 *         ui.show(updated.item());
 *     } else {
 *         ui.hide(change.jid());
 *     }
 * });
 * }</pre>
 */
public sealed interface RosterChange {

    /**
     * The JID of the item that changed.
     *
     * @return the item's JID
     */
    Jid jid();

    /**
     * The roster version after the change ({@code ver} of the push), if the server sent one.
     *
     * @return the version, opaque
     */
    Optional<String> ver();

    /**
     * The change a pushed item describes: {@link Removed} for {@code subscription='remove'}, else {@link Updated}.
     *
     * @param item the one item of the push
     * @param ver  the push's {@code ver}, if any
     * @return the change
     */
    static RosterChange of(RosterItem item, Optional<String> ver) {
        return item.subscription() == Subscription.REMOVE ? new Removed(item.jid(), ver) : new Updated(item, ver);
    }

    /**
     * The item was added to the roster or replaced the item with its JID.
     *
     * @param item the item as the server now has it; never with subscription {@code remove}
     * @param ver  the roster version after the change, if any
     */
    record Updated(RosterItem item, Optional<String> ver) implements RosterChange {

        /**
         * Checks the item.
         *
         * @throws IllegalArgumentException if the item's subscription is {@code remove}, which is a {@link Removed}
         */
        public Updated {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(ver, "ver");
            if (item.subscription() == Subscription.REMOVE) {
                throw new IllegalArgumentException("an item with subscription='remove' is a removal, not an update");
            }
        }

        @Override
        public Jid jid() {
            return item.jid();
        }
    }

    /**
     * The item for {@code jid} was removed from the roster (RFC 6121 §2.5).
     *
     * @param jid the JID of the removed item
     * @param ver the roster version after the change, if any
     */
    record Removed(Jid jid, Optional<String> ver) implements RosterChange {

        /** Checks that nothing is missing. */
        public Removed {
            Objects.requireNonNull(jid, "jid");
            Objects.requireNonNull(ver, "ver");
        }
    }
}
