package org.xmppreactive.examples;

import java.util.Objects;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.stanza.Presence;

/**
 * One thing the demo server does after a roster or subscription change (RFC 6121 §2.5, §3): push a roster item,
 * deliver a subscription stanza, or send a contact's presence to a user who may now see it or no longer may.
 * {@link DemoRosters} returns them in the order the RFC gives; {@link PresenceRouter} carries them out.
 */
sealed interface SubscriptionStep {

    /** Which of the recipient's resources a subscription stanza goes to. */
    enum Recipients {
        /** Those that sent available presence: where a subscription request goes (§3.1.3). */
        AVAILABLE,
        /** Those that asked for the roster: where approvals and cancellations go (§3.1.6, §3.2.3, §3.3.3). */
        INTERESTED
    }

    /**
     * Push {@code item} to {@code user}'s interested resources (§2.1.6).
     *
     * @param user whose roster changed, a bare JID
     * @param item the item as it is now, or with subscription {@code remove} if it is gone
     */
    record Push(Jid user, RosterItem item) implements SubscriptionStep {

        /** Checks that nothing is missing. */
        public Push {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(item, "item");
        }
    }

    /**
     * Deliver {@code stanza} to the resources of the user its {@code to} names.
     *
     * @param stanza     a subscription stanza with the bare JIDs of sender and recipient stamped (§3.1.2)
     * @param recipients which of the recipient's resources get it
     */
    record Deliver(Presence stanza, Recipients recipients) implements SubscriptionStep {

        /**
         * Checks that the stanza is addressed.
         *
         * @throws IllegalArgumentException if the stanza has no {@code from} or no {@code to}
         */
        public Deliver {
            Objects.requireNonNull(stanza, "stanza");
            Objects.requireNonNull(recipients, "recipients");
            if (stanza.from().isEmpty() || stanza.to().isEmpty()) {
                throw new IllegalArgumentException("a delivered subscription stanza has 'from' and 'to' stamped");
            }
        }
    }

    /**
     * {@code user} now sees {@code contact}'s presence: send it the current presence of each of the contact's
     * available resources (§3.1.5, §3.1.6).
     *
     * @param contact whose presence is shared, a bare JID
     * @param user    who may see it now, a bare JID
     */
    record SharePresence(Jid contact, Jid user) implements SubscriptionStep {

        /** Checks that nothing is missing. */
        public SharePresence {
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * {@code user} no longer sees {@code contact}'s presence: send it unavailable presence from each of the
     * contact's available resources (§3.2.2, §3.3.3, §2.5.2).
     *
     * @param contact whose presence is withdrawn, a bare JID
     * @param user    who may no longer see it, a bare JID
     */
    record WithdrawPresence(Jid contact, Jid user) implements SubscriptionStep {

        /** Checks that nothing is missing. */
        public WithdrawPresence {
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(user, "user");
        }
    }
}
