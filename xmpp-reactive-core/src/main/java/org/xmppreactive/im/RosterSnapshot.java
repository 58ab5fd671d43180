package org.xmppreactive.im;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;

/**
 * The roster at one moment: its items by JID and the version the server gave it (RFC 6121 §2.6). Immutable; two
 * snapshots are equal when they have the same version and the same items, whatever their order.
 *
 * <pre>{@code
 * RosterSnapshot roster = rosterClient.fetch().block();
 * roster.item(Jid.parse("romeo@example.net")).flatMap(RosterItem::name);   // Optional[Romeo]
 * roster.ver();                                                            // Optional[ver11], opaque
 * }</pre>
 *
 * @param ver   the roster version, opaque and compared only for equality; empty if the server does not version
 *              the roster or none is known yet
 * @param items the items by JID, in the order the server listed or pushed them; none has subscription
 *              {@code remove}
 */
public record RosterSnapshot(Optional<String> ver, Map<Jid, RosterItem> items) {

    /**
     * Copies the items and checks them.
     *
     * @throws IllegalArgumentException if a key is not its item's JID, or an item has subscription {@code remove}
     */
    public RosterSnapshot {
        Objects.requireNonNull(ver, "ver");
        Map<Jid, RosterItem> copy = new LinkedHashMap<>();
        items.forEach((jid, item) -> {
            if (!jid.equals(item.jid())) {
                throw new IllegalArgumentException("the roster item for " + item.jid() + " is filed under " + jid);
            }
            if (item.subscription() == Subscription.REMOVE) {
                throw new IllegalArgumentException("the roster item for " + jid + " says subscription='remove', "
                        + "which is an instruction, not a state a roster holds (RFC 6121 §2.1.2.5)");
            }
            copy.put(jid, item);
        });
        items = Collections.unmodifiableMap(copy);
    }

    /**
     * The roster of a client that knows nothing yet.
     *
     * @return no items, no version
     */
    public static RosterSnapshot empty() {
        return new RosterSnapshot(Optional.empty(), Map.of());
    }

    /**
     * The roster a full roster result describes (RFC 6121 §2.1.4): its items, except any with subscription
     * {@code remove}, which a client ignores in a result (§2.1.2.5), and its {@code ver}.
     *
     * @param result the query of the result
     * @return the snapshot
     */
    public static RosterSnapshot of(RosterQuery result) {
        Map<Jid, RosterItem> items = new LinkedHashMap<>();
        for (RosterItem item : result.items()) {
            if (item.subscription() != Subscription.REMOVE) {
                items.put(item.jid(), item);
            }
        }
        return new RosterSnapshot(result.ver(), items);
    }

    /**
     * The item for {@code jid}.
     *
     * @param jid the contact's JID, compared as {@link Jid#equals} compares
     * @return the item, or empty if the roster has none for {@code jid}
     */
    public Optional<RosterItem> item(Jid jid) {
        return Optional.ofNullable(items.get(Objects.requireNonNull(jid, "jid")));
    }

    /**
     * The items as a list, in order.
     *
     * @return the items
     */
    public List<RosterItem> itemList() {
        return List.copyOf(items.values());
    }

    /**
     * This roster after {@code change}: the item put in (replacing the one with its JID, which keeps its place) or
     * taken out, and the version set to the change's if it has one, else kept.
     *
     * @param change an accepted push
     * @return the new snapshot
     */
    public RosterSnapshot with(RosterChange change) {
        Map<Jid, RosterItem> changed = new LinkedHashMap<>(items);
        if (change instanceof RosterChange.Updated updated) {
            changed.put(updated.jid(), updated.item());
        } else {
            changed.remove(change.jid());
        }
        return new RosterSnapshot(change.ver().or(() -> ver), changed);
    }
}
