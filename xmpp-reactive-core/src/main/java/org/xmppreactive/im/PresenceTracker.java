package org.xmppreactive.im;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The presence of every contact, as the inbound presences tell it (RFC 6121 §4): per contact (bare JID), the
 * available resources and the latest presence of each.
 *
 * <pre>{@code
 * PresenceTracker tracker = PresenceTracker.of(session);     // follows session.presences() from now on
 * Availability.of(session).available().subscribe();          // initial presence: the server sends the contacts'
 * tracker.changes().subscribe(change -> ui.update(change.contact()));
 * tracker.contact(Jid.parse("romeo@example.net")).map(ContactPresence::isAvailable);
 * }</pre>
 *
 * <p>How each presence counts:
 * <ul>
 *   <li><b>available</b> from a JID: that resource is available with this presence, replacing its previous one;</li>
 *   <li><b>unavailable</b> from a full JID: that resource is gone; from a bare JID: every resource of the contact
 *       is gone;</li>
 *   <li><b>error</b>: the contact cannot be seen (its server is unreachable, say, or a directed presence bounced),
 *       so it counts as unavailable from the JID it came from; the change reports it with
 *       {@link PresenceChange#isError()}, and the snapshot never holds an error presence;</li>
 *   <li>subscription stanzas and probes are not availability and are left out, as are presences without
 *       {@code from}.</li>
 * </ul>
 * The user's own other resources are contacts like any other (their presence comes from the user's bare JID).
 *
 * <p>When the presences end (the session ended), the tracker forgets everyone, as nothing it knew still holds, and
 * {@link #changes()} completes. After {@link #stop()} it keeps what it knew but no longer follows.
 */
public final class PresenceTracker {

    private final Map<Jid, LinkedHashMap<Jid, Presence>> contacts = new LinkedHashMap<>();
    /** How many changes may wait for a subscriber of {@link #changes()} before it is ended. */
    public static final int DEFAULT_MAX_BEHIND = 1024;

    private final Broadcast<PresenceChange> changes = new Broadcast<>();
    private final Disposable following;

    private PresenceTracker(Flux<Presence> presences) {
        this.following = presences.subscribe(this::accept, error -> ended(), this::ended);
    }

    /**
     * Tracks the presences that arrive on {@code session} from now on.
     *
     * @param session the client session
     * @return the tracker, already following
     */
    public static PresenceTracker of(XmppSession session) {
        return follow(session.presences());
    }

    /**
     * Tracks {@code presences}, any source of them: subscribes at once, and forgets everyone when they end.
     *
     * @param presences the inbound presences, in the order they arrived
     * @return the tracker, already following
     */
    public static PresenceTracker follow(Flux<Presence> presences) {
        return new PresenceTracker(Objects.requireNonNull(presences, "presences"));
    }

    /**
     * The contacts with at least one available resource now.
     *
     * @return each such contact's presence, by bare JID
     */
    public Map<Jid, ContactPresence> snapshot() {
        Map<Jid, ContactPresence> snapshot = new LinkedHashMap<>();
        synchronized (contacts) {
            contacts.forEach((contact, resources) -> snapshot.put(contact, new ContactPresence(contact, resources)));
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /**
     * What is known of {@code contact} now.
     *
     * @param contact any JID of the contact; its bare JID is looked up
     * @return the contact's presence, empty if no resource of it is available
     */
    public Optional<ContactPresence> contact(Jid contact) {
        Jid bare = contact.bare();
        synchronized (contacts) {
            return Optional.ofNullable(contacts.get(bare)).map(resources -> new ContactPresence(bare, resources));
        }
    }

    /**
     * Every presence taken into account from now on, with the contact's state after it. A slow subscriber buffers
     * up to {@link #DEFAULT_MAX_BEHIND} changes, none is dropped; past that it ends with a
     * {@link ChangesOverflowException}. Completes when the presences end or {@link #stop()} is called.
     *
     * @return the changes
     */
    public Flux<PresenceChange> changes() {
        return changes(DEFAULT_MAX_BEHIND);
    }

    /**
     * {@link #changes()} for a subscriber that may leave up to {@code maxBehind} changes waiting for its demand;
     * one more ends it with a {@link ChangesOverflowException}, after which it can subscribe again and then
     * take {@link #snapshot()}.
     *
     * @param maxBehind how many changes may wait for the subscriber, at least 1
     * @return the changes
     */
    public Flux<PresenceChange> changes(int maxBehind) {
        return changes.flux(maxBehind);
    }

    /** Stops following the presences; the snapshot keeps what was known, and {@link #changes()} completes. */
    public void stop() {
        following.dispose();
        changes.complete();
    }

    private void accept(Presence presence) {
        if (presence.from().isEmpty()) {
            return;
        }
        Jid from = presence.from().get();
        Jid bare = from.bare();
        PresenceType type = presence.type();
        ContactPresence after;
        synchronized (contacts) {
            if (type == PresenceType.AVAILABLE) {
                LinkedHashMap<Jid, Presence> resources = contacts.computeIfAbsent(bare, b -> new LinkedHashMap<>());
                resources.remove(from);   // re-inserted last: the order says which resource spoke most recently
                resources.put(from, presence);
            } else if (type == PresenceType.UNAVAILABLE || type == PresenceType.ERROR) {
                LinkedHashMap<Jid, Presence> resources = contacts.get(bare);
                if (resources != null) {
                    if (from.isBare()) {
                        resources.clear();
                    } else {
                        resources.remove(from);
                    }
                    if (resources.isEmpty()) {
                        contacts.remove(bare);
                    }
                }
            } else {
                return;   // subscribe, subscribed, unsubscribe, unsubscribed, probe: not availability
            }
            after = new ContactPresence(bare, contacts.getOrDefault(bare, new LinkedHashMap<>()));
        }
        changes.emit(new PresenceChange(from, presence, after));
    }

    private void ended() {
        synchronized (contacts) {
            contacts.clear();
        }
        changes.complete();
    }
}
