package org.xmppreactive.payload;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;

/**
 * One contact in a roster (RFC 6121 §2.1.2), the {@code <item/>} of a {@link RosterQuery}.
 *
 * <pre>{@code
 * RosterItem nurse = RosterItem.of(Jid.parse("nurse@example.com"))
 *         .withName("Nurse")
 *         .withGroups("Servants");
 * // <item jid='nurse@example.com' name='Nurse'><group>Servants</group></item>
 *
 * RosterItem gone = RosterItem.remove(Jid.parse("nurse@example.com"));
 * // <item jid='nurse@example.com' subscription='remove'/>
 * }</pre>
 *
 * <p>Rules kept: every item has a valid JID (§2.1.2.3); a group name is not empty and appears once in an item
 * (§2.3.3, whose {@code not-acceptable} and {@code bad-request} cases these are). Groups are compared exactly, as
 * the RFC leaves their comparison to the server. The JID is usually a bare JID, but RFC 6121 does not require one,
 * so a full or a domain JID is kept as it is. Which attributes belong in which exchange (a client leaves
 * {@code ask} and {@code approved} out of a roster set, §2.1.2.1–2; a result never says {@code remove}, §2.1.2.5)
 * depends on the IQ around the query and is left to the roster logic.
 *
 * @param jid          the contact's address, the item's identity in the roster
 * @param name         the handle the user gave the contact ({@code name}, §2.1.2.4); may be the empty string, which
 *                     some servers send
 * @param subscription the subscription state, {@link Subscription#NONE} when the attribute is absent
 * @param askSubscribe whether the item has {@code ask='subscribe'}: the user asked for the contact's presence and
 *                     awaits an answer ("Pending Out", §2.1.2.2)
 * @param approved     whether the item has {@code approved='true'}: the user pre-approved the contact's
 *                     subscription request (§2.1.2.1, §3.4)
 * @param groups       the names of the groups the item is in, in document order; empty for none
 */
public record RosterItem(Jid jid, Optional<String> name, Subscription subscription, boolean askSubscribe,
        boolean approved, List<String> groups) {

    /**
     * Copies the groups and checks the rules listed above.
     *
     * @throws IllegalArgumentException if a group name is empty or appears twice; the message names the item and
     *     the group
     */
    public RosterItem {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subscription, "subscription");
        groups = List.copyOf(groups);
        Set<String> seen = new HashSet<>();
        for (String group : groups) {
            if (group.isEmpty()) {
                // RFC 6121 §2.3.3: to put an item in no group, a client leaves <group/> out
                throw new IllegalArgumentException("the roster item for " + jid + " has an empty group name; "
                        + "RFC 6121 §2.3.3 does not allow one (leave the group out to put the item in no group)");
            }
            if (!seen.add(group)) {
                throw new IllegalArgumentException("the roster item for " + jid + " lists the group '" + group
                        + "' more than once; RFC 6121 §2.3.3 forbids duplicate groups");
            }
        }
    }

    /**
     * An item with no name, no groups and subscription {@link Subscription#NONE}: what a client sends to add a
     * contact.
     *
     * @param jid the contact's address
     * @return the item
     */
    public static RosterItem of(Jid jid) {
        return new RosterItem(jid, Optional.empty(), Subscription.NONE, false, false, List.of());
    }

    /**
     * The item that asks the server to remove {@code jid} from the roster (RFC 6121 §2.5), or that tells the
     * client it was removed.
     *
     * @param jid the contact's address
     * @return an item with subscription {@link Subscription#REMOVE}
     */
    public static RosterItem remove(Jid jid) {
        return new RosterItem(jid, Optional.empty(), Subscription.REMOVE, false, false, List.of());
    }

    /**
     * This item with the handle {@code name}.
     *
     * @param name the new handle
     * @return a copy with the name set
     */
    public RosterItem withName(String name) {
        return new RosterItem(jid, Optional.of(name), subscription, askSubscribe, approved, groups);
    }

    /**
     * This item without a handle.
     *
     * @return a copy with no name
     */
    public RosterItem withoutName() {
        return new RosterItem(jid, Optional.empty(), subscription, askSubscribe, approved, groups);
    }

    /**
     * This item with another subscription state.
     *
     * @param subscription the new state
     * @return a copy with the subscription set
     */
    public RosterItem withSubscription(Subscription subscription) {
        return new RosterItem(jid, name, subscription, askSubscribe, approved, groups);
    }

    /**
     * This item with or without {@code ask='subscribe'}.
     *
     * @param askSubscribe whether a subscription request of the user is pending
     * @return a copy with the flag set
     */
    public RosterItem withAskSubscribe(boolean askSubscribe) {
        return new RosterItem(jid, name, subscription, askSubscribe, approved, groups);
    }

    /**
     * This item with or without {@code approved='true'}.
     *
     * @param approved whether the contact's subscription is pre-approved
     * @return a copy with the flag set
     */
    public RosterItem withApproved(boolean approved) {
        return new RosterItem(jid, name, subscription, askSubscribe, approved, groups);
    }

    /**
     * This item in exactly {@code groups} (none if empty).
     *
     * @param groups the group names, each non-empty and listed once
     * @return a copy with the groups replaced
     * @throws IllegalArgumentException if a name is empty or repeated
     */
    public RosterItem withGroups(List<String> groups) {
        return new RosterItem(jid, name, subscription, askSubscribe, approved, groups);
    }

    /**
     * This item in exactly {@code groups}.
     *
     * @param groups the group names, each non-empty and listed once
     * @return a copy with the groups replaced
     * @throws IllegalArgumentException if a name is empty or repeated
     */
    public RosterItem withGroups(String... groups) {
        return withGroups(List.of(groups));
    }

    /**
     * Reads an {@code <item/>} of a roster query. Unknown attributes and child elements are ignored; a
     * {@code subscription}, {@code ask} or {@code approved} value outside the RFC's lists is refused, as it
     * would otherwise be read as something the server did not say.
     *
     * @throws PayloadException naming the item and what is wrong with it
     */
    static RosterItem read(XmlElement item) {
        String rawJid = item.attribute("jid").orElseThrow(() -> new PayloadException(
                "a roster <item/> has no 'jid' attribute, which RFC 6121 §2.1.2.3 requires"));
        Jid jid;
        try {
            jid = Jid.parse(rawJid);
        } catch (InvalidJidException e) {
            throw new PayloadException("a roster <item/> has a 'jid' that is not a valid JID: " + e.getMessage(), e);
        }
        Subscription subscription = item.attribute("subscription").map(value -> Subscription.fromValue(value.trim())
                .orElseThrow(() -> new PayloadException("the roster item for " + jid + " has subscription='" + value
                        + "'; RFC 6121 §2.1.2.5 allows only none, to, from, both and remove")))
                .orElse(Subscription.NONE);
        boolean askSubscribe = item.attribute("ask").map(value -> {
            if (!value.trim().equals("subscribe")) {
                throw new PayloadException("the roster item for " + jid + " has ask='" + value
                        + "'; RFC 6121 §2.1.2.2 allows only ask='subscribe'");
            }
            return true;
        }).orElse(false);
        boolean approved = item.attribute("approved").map(value -> readBoolean(jid, value)).orElse(false);
        List<String> groups = item.children(RosterQuery.NAMESPACE, "group").stream().map(XmlElement::text).toList();
        return new RosterItem(jid, item.attribute("name"), subscription, askSubscribe, approved, groups);
    }

    /** An XML Schema boolean, as RFC 6121 §2.1.2.1 types {@code approved}. */
    private static boolean readBoolean(Jid jid, String value) {
        return switch (value.trim()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new PayloadException("the roster item for " + jid + " has approved='" + value
                    + "', which is not a boolean (true, false, 1 or 0) as RFC 6121 §2.1.2.1 requires");
        };
    }

    /**
     * Writes the item: {@code jid}, then {@code name}, {@code subscription} (left out when {@code none}, its
     * default), {@code ask} and {@code approved} (each only when set), then the groups.
     */
    XmlElement write() {
        XmlElement.Builder item = XmlElement.builder(RosterQuery.NAMESPACE, "item").attribute("jid", jid.toString());
        name.ifPresent(n -> item.attribute("name", n));
        if (subscription != Subscription.NONE) {
            item.attribute("subscription", subscription.value());
        }
        if (askSubscribe) {
            item.attribute("ask", "subscribe");
        }
        if (approved) {
            item.attribute("approved", "true");
        }
        for (String group : groups) {
            item.child(XmlElement.builder(RosterQuery.NAMESPACE, "group").text(group).build());
        }
        return item.build();
    }
}
