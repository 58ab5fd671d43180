package org.xmppreactive.im;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Presence;

/**
 * What is known of one contact's presence: its available resources, each with the latest presence it sent.
 *
 * <pre>{@code
 * ContactPresence romeo = tracker.contact(Jid.parse("romeo@example.net")).orElseThrow();
 * romeo.resources().keySet();                     // [romeo@example.net/orchard, romeo@example.net/phone]
 * romeo.preferred().flatMap(Presence::show);      // the show of the highest-priority resource
 * }</pre>
 *
 * @param contact   the contact's bare JID
 * @param resources the available resources (their full JIDs; the bare JID for an entity that sent presence
 *                  without a resource) with their latest available presence, least recently updated first; empty
 *                  when the contact has none available
 */
public record ContactPresence(Jid contact, Map<Jid, Presence> resources) {

    /**
     * Copies the resources, keeping their order, and checks that each belongs to the contact.
     *
     * @throws IllegalArgumentException if the contact is not bare, or a resource is not one of its JIDs
     */
    public ContactPresence {
        Objects.requireNonNull(contact, "contact");
        if (!contact.isBare()) {
            throw new IllegalArgumentException("a contact is known by its bare JID, not " + contact);
        }
        for (Jid resource : resources.keySet()) {
            if (!resource.bare().equals(contact)) {
                throw new IllegalArgumentException(resource + " is not a resource of " + contact);
            }
        }
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    /**
     * Whether at least one resource is available.
     *
     * @return true if {@link #resources()} is not empty
     */
    public boolean isAvailable() {
        return !resources.isEmpty();
    }

    /**
     * The presence of the resource with the highest priority (RFC 6121 §4.7.2.3), the most recently updated one
     * among equals: the one a server would deliver a message to the bare JID to.
     *
     * @return the presence, or empty if no resource is available
     */
    public Optional<Presence> preferred() {
        Presence best = null;
        for (Presence presence : resources.values()) {
            if (best == null || presence.priority() >= best.priority()) {
                best = presence;
            }
        }
        return Optional.ofNullable(best);
    }
}
