package org.xmppreactive.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;

/**
 * The rosters of the demo server's users and the presence subscriptions between them (RFC 6121 §2, §3), in memory.
 * Every user lives on this one server, so a subscription stanza is handled on both sides at once: the sender's
 * roster (the RFC's "user's server") and the recipient's ("contact's server"). Each change returns the
 * {@link SubscriptionStep}s the server then takes, in the RFC's order.
 *
 * <pre>{@code
 * DemoRosters rosters = new DemoRosters();
 * rosters.set(alice, RosterItem.of(bob).withName("Bob"));     // §2.3: alice adds bob, subscription none
 * rosters.subscription(Presence.builder().type(PresenceType.SUBSCRIBE).from(alice).to(bob).build());
 * // [Push(alice, bob ask=subscribe), Deliver(the request, to bob's available resources)]
 * rosters.subscription(Presence.builder().type(PresenceType.SUBSCRIBED).from(bob).to(alice).build());
 * // [Push(bob, alice from), Deliver(the approval), Push(alice, bob to), SharePresence(bob's, with alice)]
 * }</pre>
 *
 * <p>The state of a pair is the one of RFC 6121 Appendix A: the user's item for the contact holds the subscription
 * ({@code none}, {@code to}, {@code from}, {@code both}) and Pending Out ({@code ask='subscribe'}); Pending In, a
 * request from the contact that the user has not answered yet, is kept beside the roster (§3.1.3), with the request
 * itself, to deliver again at the user's next initial presence. The two sides always agree: the user's item says
 * {@code to} or {@code both} exactly when the contact's says {@code from} or {@code both}, and it asks exactly when
 * the contact has the request pending. Pre-approval (§3.4) is not offered, so a {@code subscribed} that answers no
 * request changes nothing.
 *
 * <p>Thread-safe: every method holds the lock. Nothing here does I/O.
 */
final class DemoRosters {

    private final Map<Jid, Map<Jid, RosterItem>> rosters = new HashMap<>();
    private final Map<Jid, Map<Jid, Presence>> pendingIn = new HashMap<>();

    /**
     * Starts {@code user} and {@code contact} off subscribed to each other: each in the other's roster with
     * subscription {@code both}, keeping any name and groups already given.
     *
     * @param user    a bare JID
     * @param contact another bare JID
     */
    synchronized void subscribeMutually(Jid user, Jid contact) {
        put(user, itemOrNew(user, contact).withSubscription(Subscription.BOTH).withAskSubscribe(false));
        put(contact, itemOrNew(contact, user).withSubscription(Subscription.BOTH).withAskSubscribe(false));
        pending(user).remove(contact);
        pending(contact).remove(user);
    }

    /**
     * The user's roster, for a roster result (§2.1.4).
     *
     * @param user a bare JID
     * @return the items, in the order they were added
     */
    synchronized List<RosterItem> roster(Jid user) {
        return List.copyOf(items(user).values());
    }

    /**
     * The user's item for {@code contact}.
     *
     * @param user    a bare JID
     * @param contact the item's JID
     * @return the item, or empty if the roster has none
     */
    synchronized Optional<RosterItem> item(Jid user, Jid contact) {
        return Optional.ofNullable(items(user).get(contact));
    }

    /**
     * Adds or updates an item as a roster set asks (§2.3.2, §2.4.2): the name and groups are the request's, the
     * subscription, {@code ask} and {@code approved} stay the server's (a client's values are ignored, §2.1.2).
     *
     * @param user      whose roster, a bare JID
     * @param requested the item of the roster set
     * @return the item as stored, to push
     * @throws IllegalArgumentException if the item asks for removal, which is {@link #remove}
     */
    synchronized RosterItem set(Jid user, RosterItem requested) {
        if (requested.subscription() == Subscription.REMOVE) {
            throw new IllegalArgumentException("a roster set with subscription='remove' is a removal (RFC 6121 §2.5)");
        }
        RosterItem current = itemOrNew(user, requested.jid());
        RosterItem stored = new RosterItem(requested.jid(), requested.name(), current.subscription(),
                current.askSubscribe(), current.approved(), requested.groups());
        put(user, stored);
        return stored;
    }

    /**
     * Removes the user's item for {@code contact} (§2.5.2). The server first ends the subscriptions both ways, as if
     * the user had sent {@code unsubscribe} and {@code unsubscribed}, and so denies a request still pending from the
     * contact; the contact's side changes as those stanzas would change it.
     *
     * @param user    a bare JID
     * @param contact the item's JID
     * @return the steps, the last being the push of the removal; empty if the roster has no such item
     */
    synchronized List<SubscriptionStep> remove(Jid user, Jid contact) {
        RosterItem item = items(user).get(contact);
        if (item == null) {
            return List.of();
        }
        List<SubscriptionStep> steps = new ArrayList<>();
        if (seesContact(item) || item.askSubscribe()) {
            steps.addAll(unsubscribeArrives(stanza(PresenceType.UNSUBSCRIBE, user, contact)));
        }
        boolean requested = pending(user).remove(contact) != null;
        if (contactSees(item) || requested) {
            steps.addAll(unsubscribedArrives(stanza(PresenceType.UNSUBSCRIBED, user, contact)));
        }
        if (contactSees(item)) {
            steps.add(new SubscriptionStep.WithdrawPresence(user, contact));
        }
        items(user).remove(contact);
        steps.add(new SubscriptionStep.Push(user, RosterItem.remove(contact)));
        return steps;
    }

    /**
     * Applies a subscription stanza one user sent another: {@code subscribe} (§3.1.2, §3.1.3), {@code subscribed}
     * (§3.1.5, §3.1.6), {@code unsubscribe} (§3.3.2, §3.3.3) or {@code unsubscribed} (§3.2.2, §3.2.3).
     *
     * @param stanza the stanza with its sender's and recipient's bare JIDs stamped as {@code from} and {@code to}
     * @return the steps; none if the stanza changes nothing, such as a request for a subscription that exists
     * @throws IllegalArgumentException if the stanza is not addressed from one bare JID to another, or is not a
     *     subscription stanza
     */
    synchronized List<SubscriptionStep> subscription(Presence stanza) {
        Jid from = stanza.from().filter(Jid::isBare).orElseThrow(() ->
                new IllegalArgumentException("a subscription stanza is stamped with the sender's bare JID"));
        Jid to = stanza.to().filter(Jid::isBare).orElseThrow(() ->
                new IllegalArgumentException("a subscription stanza goes to the contact's bare JID"));
        if (from.equals(to)) {
            return List.of();   // a user is implicitly subscribed to its own presence
        }
        return switch (stanza.type()) {
            case SUBSCRIBE -> subscribe(from, to, stanza);
            case SUBSCRIBED -> subscribed(from, to, stanza);
            case UNSUBSCRIBE -> unsubscribe(from, to, stanza);
            case UNSUBSCRIBED -> unsubscribed(from, to, stanza);
            default -> throw new IllegalArgumentException("presence of type '" + stanza.type().value()
                    + "' is not a subscription stanza");
        };
    }

    /**
     * The contacts subscribed to the user's presence ({@code from} or {@code both}): where its broadcast presence
     * goes (§4.2.2).
     *
     * @param user a bare JID
     * @return the contacts' JIDs
     */
    synchronized List<Jid> subscribers(Jid user) {
        return items(user).values().stream().filter(DemoRosters::contactSees).map(RosterItem::jid).toList();
    }

    /**
     * The contacts whose presence the user is subscribed to ({@code to} or {@code both}): whose current presence it
     * gets when it comes online (§4.2.3).
     *
     * @param user a bare JID
     * @return the contacts' JIDs
     */
    synchronized List<Jid> subscriptions(Jid user) {
        return items(user).values().stream().filter(DemoRosters::seesContact).map(RosterItem::jid).toList();
    }

    /**
     * The subscription requests the user has not answered (Pending In, §3.1.3), to deliver at its initial presence.
     *
     * @param user a bare JID
     * @return the requests, as they were sent
     */
    synchronized List<Presence> pendingRequests(Jid user) {
        return List.copyOf(pending(user).values());
    }

    // §3.1.2 at the user's side, §3.1.3 at the contact's: the request is delivered, or kept until the contact is online
    private List<SubscriptionStep> subscribe(Jid user, Jid contact, Presence request) {
        RosterItem item = itemOrNew(user, contact);
        if (seesContact(item) || item.askSubscribe()) {
            return List.of();   // Appendix A.1.1: To, Both, Pending Out: no state change
        }
        RosterItem asking = item.withAskSubscribe(true);
        put(user, asking);
        pending(contact).put(user, request);
        return List.of(new SubscriptionStep.Push(user, asking),
                new SubscriptionStep.Deliver(request, SubscriptionStep.Recipients.AVAILABLE));
    }

    // §3.1.5 at the contact's side, §3.1.6 at the user's: the approval is delivered before the user's push
    private List<SubscriptionStep> subscribed(Jid contact, Jid user, Presence approval) {
        if (pending(contact).remove(user) == null) {
            return List.of();   // no request to approve, and no pre-approval (§3.4)
        }
        RosterItem contactItem = itemOrNew(contact, user);
        contactItem = contactItem.withSubscription(withFrom(contactItem.subscription()));
        put(contact, contactItem);
        RosterItem userItem = itemOrNew(user, contact);
        userItem = userItem.withSubscription(withTo(userItem.subscription())).withAskSubscribe(false);
        put(user, userItem);
        return List.of(new SubscriptionStep.Push(contact, contactItem),
                new SubscriptionStep.Deliver(approval, SubscriptionStep.Recipients.INTERESTED),
                new SubscriptionStep.Push(user, userItem),
                new SubscriptionStep.SharePresence(contact, user));
    }

    // §3.3.2 at the user's side
    private List<SubscriptionStep> unsubscribe(Jid user, Jid contact, Presence stanza) {
        List<SubscriptionStep> steps = new ArrayList<>();
        RosterItem item = items(user).get(contact);
        if (item != null && (seesContact(item) || item.askSubscribe())) {
            RosterItem changed = item.withSubscription(withoutTo(item.subscription())).withAskSubscribe(false);
            put(user, changed);
            steps.add(new SubscriptionStep.Push(user, changed));
        }
        steps.addAll(unsubscribeArrives(stanza));
        return steps;
    }

    // §3.3.3: at the contact's side, the user stops seeing the contact's presence (or withdraws its request)
    private List<SubscriptionStep> unsubscribeArrives(Presence stanza) {
        Jid user = stanza.from().orElseThrow();
        Jid contact = stanza.to().orElseThrow();
        pending(contact).remove(user);
        RosterItem item = items(contact).get(user);
        if (item == null || !contactSees(item)) {
            return List.of();
        }
        RosterItem changed = item.withSubscription(withoutFrom(item.subscription()));
        put(contact, changed);
        return List.of(new SubscriptionStep.Deliver(stanza, SubscriptionStep.Recipients.INTERESTED),
                new SubscriptionStep.Push(contact, changed),
                new SubscriptionStep.WithdrawPresence(contact, user));
    }

    // §3.2.2 at the contact's side: it cancels the user's subscription, or denies the user's request
    private List<SubscriptionStep> unsubscribed(Jid contact, Jid user, Presence stanza) {
        boolean requested = pending(contact).remove(user) != null;
        RosterItem item = items(contact).get(user);
        boolean subscribed = item != null && contactSees(item);
        List<SubscriptionStep> steps = new ArrayList<>();
        if (subscribed) {
            RosterItem changed = item.withSubscription(withoutFrom(item.subscription()));
            put(contact, changed);
            steps.add(new SubscriptionStep.Push(contact, changed));
        }
        if (subscribed || requested) {
            steps.addAll(unsubscribedArrives(stanza));
        }
        if (subscribed) {
            steps.add(new SubscriptionStep.WithdrawPresence(contact, user));
        }
        return steps;
    }

    // §3.2.3: at the user's side, the cancellation is delivered before the user's push
    private List<SubscriptionStep> unsubscribedArrives(Presence stanza) {
        Jid contact = stanza.from().orElseThrow();
        Jid user = stanza.to().orElseThrow();
        RosterItem item = items(user).get(contact);
        if (item == null || !(seesContact(item) || item.askSubscribe())) {
            return List.of();
        }
        RosterItem changed = item.withSubscription(withoutTo(item.subscription())).withAskSubscribe(false);
        put(user, changed);
        return List.of(new SubscriptionStep.Deliver(stanza, SubscriptionStep.Recipients.INTERESTED),
                new SubscriptionStep.Push(user, changed));
    }

    private Map<Jid, RosterItem> items(Jid user) {
        return rosters.computeIfAbsent(user, u -> new LinkedHashMap<>());
    }

    private Map<Jid, Presence> pending(Jid user) {
        return pendingIn.computeIfAbsent(user, u -> new LinkedHashMap<>());
    }

    private RosterItem itemOrNew(Jid user, Jid contact) {
        return items(user).getOrDefault(contact, RosterItem.of(contact));
    }

    private void put(Jid user, RosterItem item) {
        items(user).put(item.jid(), item);
    }

    private static Presence stanza(PresenceType type, Jid from, Jid to) {
        return Presence.builder().type(type).from(from).to(to).build();
    }

    /** Whether the roster's owner sees the contact's presence: {@code to} or {@code both}. */
    private static boolean seesContact(RosterItem item) {
        return item.subscription() == Subscription.TO || item.subscription() == Subscription.BOTH;
    }

    /** Whether the contact sees the roster owner's presence: {@code from} or {@code both}. */
    private static boolean contactSees(RosterItem item) {
        return item.subscription() == Subscription.FROM || item.subscription() == Subscription.BOTH;
    }

    private static Subscription withTo(Subscription subscription) {
        return subscription == Subscription.FROM || subscription == Subscription.BOTH
                ? Subscription.BOTH : Subscription.TO;
    }

    private static Subscription withFrom(Subscription subscription) {
        return subscription == Subscription.TO || subscription == Subscription.BOTH
                ? Subscription.BOTH : Subscription.FROM;
    }

    private static Subscription withoutTo(Subscription subscription) {
        return subscription == Subscription.FROM || subscription == Subscription.BOTH
                ? Subscription.FROM : Subscription.NONE;
    }

    private static Subscription withoutFrom(Subscription subscription) {
        return subscription == Subscription.TO || subscription == Subscription.BOTH
                ? Subscription.TO : Subscription.NONE;
    }
}
