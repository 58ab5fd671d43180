package org.xmppreactive.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppreactive.im.Availability;
import org.xmppreactive.im.ContactPresence;
import org.xmppreactive.im.PresenceChange;
import org.xmppreactive.im.PresenceTracker;
import org.xmppreactive.im.InMemoryRosterStore;
import org.xmppreactive.im.Roster;
import org.xmppreactive.im.RosterChange;
import org.xmppreactive.im.RosterSnapshot;
import org.xmppreactive.im.SubscriptionRequest;
import org.xmppreactive.im.Subscriptions;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;
import org.xmppreactive.stanza.Show;
import org.xmppreactive.stream.TlsPolicy;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;
import reactor.core.publisher.Mono;

/**
 * Our IM API ({@link Roster}, {@link Subscriptions}, {@link Availability}, {@link PresenceTracker}) against real
 * Prosody and ejabberd on 127.0.0.1, the same scenarios against both and no special case for either: roster changes
 * made on one resource reach another resource of the account as pushes (RFC 6121 §2.3–§2.5), the subscription
 * handshake ends in {@code both} on both rosters (§3.1), a subscribed contact's presence is tracked until it goes
 * unavailable (§4), and unsubscribing, cancelling and removing the contact take the subscription back (§3.2, §3.3,
 * §2.5.2). The servers keep rosters from test to test, so each test has accounts of its own.
 *
 * <p>Servers deliver pushes and presence when they like, and Prosody and ejabberd order a push and the result of the
 * set that caused it differently: every wait here starts before the action and ends on what the other side sees.
 */
@ExtendWith(RealServers.class)
class ImInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<XmppSession> sessions = new ArrayList<>();

    // autoCloseArguments = false below: RealServer is AutoCloseable, and JUnit would stop it after one test
    static Stream<RealServer> servers() {
        return RealServers.both();
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(session -> session.close().block(WAIT));
    }

    /** One user online: the session, the roster (fetched, so the server pushes changes to it) and subscriptions. */
    private record User(XmppSession session, Roster roster, Subscriptions subscriptions) {

        Jid jid() {
            return session.jid().bare();
        }

        Optional<RosterItem> item(User contact) {
            return roster.snapshot().item(contact.jid());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void rosterChangesMadeOnOneResourceAreSeenByAnother(RealServer server) {
        Roster phone = Roster.of(login(server, "dave", "phone"));
        Roster laptop = Roster.of(login(server, "dave", "laptop"));
        phone.fetch().block(WAIT);
        assertThat(laptop.fetch().block(WAIT).items()).isEmpty();   // the fetch makes the laptop an interested resource
        Jid nurse = Jid.of("nurse", server.domain());
        Jid tybalt = Jid.of("tybalt", server.domain());

        RosterChange added = pushedAfter(phone.add(RosterItem.of(nurse).withName("Nurse").withGroups("Servants")),
                laptop);
        assertUpdated(added, nurse, "Nurse", "Servants");
        RosterChange addedTybalt = pushedAfter(phone.add(RosterItem.of(tybalt).withName("Tybalt")
                .withGroups("Capulets")), laptop);
        assertUpdated(addedTybalt, tybalt, "Tybalt", "Capulets");

        RosterChange renamed = pushedAfter(phone.update(RosterItem.of(nurse).withName("Angelica")
                .withGroups("Servants")), laptop);
        assertUpdated(renamed, nurse, "Angelica", "Servants");

        RosterChange regrouped = pushedAfter(phone.update(RosterItem.of(tybalt).withName("Tybalt")
                .withGroups("Enemies", "Verona")), laptop);
        assertUpdated(regrouped, tybalt, "Tybalt", "Enemies", "Verona");

        RosterChange removed = pushedAfter(phone.remove(nurse), laptop);
        assertThat(removed).isInstanceOfSatisfying(RosterChange.Removed.class,
                removal -> assertThat(removal.jid()).isEqualTo(nurse));

        assertThat(laptop.snapshot().items()).containsOnlyKeys(tybalt);
        assertItem(laptop.snapshot().item(tybalt).orElseThrow(), "Tybalt", "Enemies", "Verona");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void theRosterIsVersionedAsTheServerAdvertisesAndACurrentCacheIsKept(RealServer server) {
        XmppSession first = login(server, "mike", "one");
        assertThat(first.stream().hasFeature(Roster.VERSIONING_FEATURE_NAMESPACE, Roster.VERSIONING_FEATURE_ELEMENT))
                .as("roster versioning among the stream features (RFC 6121 §2.6.1)").isTrue();
        InMemoryRosterStore store = new InMemoryRosterStore();
        Roster roster = Roster.of(first, store);
        RosterSnapshot fetched = roster.fetch().block(WAIT);
        assertThat(fetched.ver()).as("the version of the first result").isPresent();
        Jid nurse = Jid.of("nurse", server.domain());

        pushedAfter(roster.add(RosterItem.of(nurse).withName("Nurse")), roster);
        RosterSnapshot cached = store.load();
        // the push carried a version, stored with the item (Prosody 0.12 gives an empty roster and its first
        // change the same version, "1": versions are opaque here, so only their presence is checked)
        assertThat(cached.ver()).as("the version the push carried").isPresent();
        assertThat(cached.item(nurse)).isPresent();
        first.close().block(WAIT);

        // A later session sends the stored version; the server finds it current and answers with no roster, so the
        // cache stands. A marker only the cache has tells that answer from a full roster sent again.
        Jid onlyInTheCache = Jid.of("marker", server.domain());
        Map<Jid, RosterItem> marked = new HashMap<>(cached.items());
        marked.put(onlyInTheCache, RosterItem.of(onlyInTheCache));
        store.replace(new RosterSnapshot(cached.ver(), marked));
        XmppSession second = login(server, "mike", "two");

        RosterSnapshot again = Roster.of(second, store).fetch().block(WAIT);

        assertThat(again.item(onlyInTheCache)).as("the cache kept, as a current version allows").isPresent();
        assertThat(again.item(nurse).flatMap(RosterItem::name)).contains("Nurse");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void aPreApprovalIsMadeOnlyWhereTheServerOffersItAndThenAnswersTheRequest(RealServer server) {
        User nina = online(server, "nina");
        User oscar = online(server, "oscar");
        if (!nina.subscriptions().preApprovalOffered()) {
            // RFC 6121 §3.4.1: without the stream feature a client MUST NOT attempt it (ejabberd 23.01 offers none)
            assertThatThrownBy(() -> nina.subscriptions().preApprove(oscar.jid()).block(WAIT))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        nina.subscriptions().preApprove(oscar.jid()).block(WAIT);
        // (Prosody 0.12 records the pre-approval but shows no approved='true' on the item, so only its effect is
        // checked)

        // §3.4.2: oscar's later request is approved by the server, without asking nina
        List<SubscriptionRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        nina.subscriptions().requests().subscribe(asked::add);
        Mono<RosterItem> subscribed = itemPushed(oscar, nina, Subscription.TO);
        oscar.subscriptions().subscribe(nina.jid()).block(WAIT);
        subscribed.block(WAIT);

        // a round trip on nina's stream: a request delivered to her would have come before its answer
        assertThat(nina.roster().fetch().block(WAIT).item(oscar.jid()).map(RosterItem::subscription))
                .contains(Subscription.FROM);
        assertThat(asked).as("requests that reached nina").isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void theSubscriptionHandshakeEndsInBothOnBothRosters(RealServer server) {
        User judy = online(server, "judy");
        User ken = online(server, "ken");

        subscribeBothWays(judy, ken);

        assertSubscribedBothWays(judy, ken);
        assertSubscribedBothWays(ken, judy);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void aSubscribedContactsPresenceIsTrackedUntilItGoesUnavailable(RealServer server) {
        User leo = online(server, "leo");
        User erin = online(server, "erin");
        Jid erinsResource = erin.session().jid();
        PresenceTracker tracker = PresenceTracker.of(leo.session());
        // RFC 6121 §3.1.5: once leo's subscription is approved, erin's server sends her erin's presence
        Mono<PresenceChange> seenOnline = expect("available presence of " + erinsResource,
                change(tracker, erinsResource, change -> change.presence().type() == PresenceType.AVAILABLE));

        subscribeBothWays(leo, erin);

        assertThat(seenOnline.block(WAIT).contact().resources()).containsOnlyKeys(erinsResource);

        Mono<PresenceChange> away = expect("away presence of " + erinsResource,
                change(tracker, erinsResource, change -> change.presence().show().equals(Optional.of(Show.AWAY))));
        Availability.of(erin.session()).available(Show.AWAY, "At the ball", 5).block(WAIT);

        away.block(WAIT);
        ContactPresence seen = tracker.contact(erin.jid()).orElseThrow();
        assertThat(seen.resources()).containsOnlyKeys(erinsResource);
        Presence presence = seen.resources().get(erinsResource);
        assertThat(presence.show()).contains(Show.AWAY);
        assertThat(presence.status()).contains("At the ball");
        assertThat(presence.priority()).isEqualTo(5);

        Mono<PresenceChange> gone = expect("unavailable presence of " + erinsResource,
                change(tracker, erinsResource, change -> change.presence().type() == PresenceType.UNAVAILABLE));
        Availability.of(erin.session()).unavailable("Gone home").block(WAIT);

        PresenceChange unavailable = gone.block(WAIT);
        assertThat(unavailable.presence().status()).contains("Gone home");
        assertThat(unavailable.contact().isAvailable()).isFalse();
        assertThat(tracker.contact(erin.jid())).isEmpty();
        assertThat(tracker.snapshot()).doesNotContainKey(erin.jid());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void unsubscribeAndCancelEachEndOneDirection(RealServer server) {
        User frank = online(server, "frank");
        User grace = online(server, "grace");
        subscribeBothWays(frank, grace);

        // RFC 6121 §3.3: frank no longer sees grace's presence; grace still sees his
        Mono<RosterItem> franksFrom = itemPushed(frank, grace, Subscription.FROM);
        Mono<RosterItem> gracesTo = itemPushed(grace, frank, Subscription.TO);
        frank.subscriptions().unsubscribe(grace.jid()).block(WAIT);
        franksFrom.block(WAIT);
        gracesTo.block(WAIT);

        // §3.2: grace no longer sees frank's presence either
        Mono<RosterItem> franksNone = itemPushed(frank, grace, Subscription.NONE);
        Mono<RosterItem> gracesNone = itemPushed(grace, frank, Subscription.NONE);
        frank.subscriptions().cancel(grace.jid()).block(WAIT);
        franksNone.block(WAIT);
        gracesNone.block(WAIT);

        // the items stay, with no subscription and nothing pending
        for (RosterItem item : List.of(frank.item(grace).orElseThrow(), grace.item(frank).orElseThrow())) {
            assertThat(item.subscription()).isEqualTo(Subscription.NONE);
            assertThat(item.askSubscribe()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void removingAContactCancelsTheSubscriptionsBothWays(RealServer server) {
        User heidi = online(server, "heidi");
        User ivan = online(server, "ivan");
        subscribeBothWays(heidi, ivan);

        Mono<RosterChange> heidisRemoval = expect("removal of " + ivan.jid() + " from " + heidi.jid() + "'s roster",
                heidi.roster().changes().filter(change -> change instanceof RosterChange.Removed
                        && change.jid().equals(ivan.jid())).next());
        Mono<RosterItem> ivansNone = itemPushed(ivan, heidi, Subscription.NONE);
        heidi.roster().remove(ivan.jid()).block(WAIT);

        // RFC 6121 §2.5.2: the server sends ivan unsubscribe and unsubscribed on heidi's behalf
        heidisRemoval.block(WAIT);
        ivansNone.block(WAIT);
        assertThat(heidi.item(ivan)).isEmpty();
        assertThat(ivan.item(heidi).orElseThrow().askSubscribe()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------------------

    private XmppSession login(RealServer server, String user, String resource) {
        TcpClientTransport tcp = TcpClientTransport.create().host(server.host()).port(server.c2sPort())
                .trust(TrustOptions.caFile(server.caCertificate()));
        XmppSession session = XmppClient.builder().jid(Jid.of(user, server.domain(), resource).toString())
                .password(RealServer.password(user)).connector(tcp).tlsPolicy(TlsPolicy.REQUIRED)
                .build().login().block(WAIT);
        sessions.add(session);
        return session;
    }

    /** Logs {@code user} in, fetches the roster and sends initial presence (RFC 6121 §4.2). */
    private User online(RealServer server, String user) {
        XmppSession session = login(server, user, "im");
        Roster roster = Roster.of(session);
        roster.fetch().block(WAIT);
        Availability.of(session).available().block(WAIT);
        return new User(session, roster, Subscriptions.of(session));
    }

    /** The subscription handshake both ways: {@code a} asks {@code b}, then {@code b} asks {@code a}. */
    private static void subscribeBothWays(User a, User b) {
        subscribe(a, b, Subscription.TO, Subscription.FROM);
        subscribe(b, a, Subscription.BOTH, Subscription.BOTH);
    }

    /**
     * RFC 6121 §3.1: {@code subscriber} asks to see {@code contact}'s presence, and its roster item waits for the
     * answer with {@code ask='subscribe'}; {@code contact} receives the request and approves it. Returns when the
     * subscriber's item has become {@code subscriberGets} and the contact's item {@code contactGets}, both without
     * {@code ask}.
     */
    private static void subscribe(User subscriber, User contact, Subscription subscriberGets,
            Subscription contactGets) {
        Subscription before = subscriber.item(contact).map(RosterItem::subscription).orElse(Subscription.NONE);
        Mono<RosterItem> pending = itemPushed(subscriber, contact, before, true);
        Mono<SubscriptionRequest> request = expect("subscription request from " + subscriber.jid() + " to "
                + contact.jid(), contact.subscriptions().requests()
                .filter(asking -> asking.contact().equals(subscriber.jid())).next());
        subscriber.subscriptions().subscribe(contact.jid()).block(WAIT);
        pending.block(WAIT);

        Mono<RosterItem> subscribed = itemPushed(subscriber, contact, subscriberGets);
        Mono<RosterItem> approved = itemPushed(contact, subscriber, contactGets);
        request.block(WAIT).approve().block(WAIT);
        subscribed.block(WAIT);
        approved.block(WAIT);
    }

    /** Waits from now on for a push that gives {@code owner}'s item for {@code contact} this state, without ask. */
    private static Mono<RosterItem> itemPushed(User owner, User contact, Subscription subscription) {
        return itemPushed(owner, contact, subscription, false);
    }

    /**
     * Waits from now on for a push that gives {@code owner}'s item for {@code contact} this subscription and ask.
     * Pushes of other states on the way are passed over: servers may push a state more than once.
     */
    private static Mono<RosterItem> itemPushed(User owner, User contact, Subscription subscription, boolean ask) {
        return expect(() -> "push of " + contact.jid() + " with subscription " + subscription
                        + (ask ? " and ask" : "") + " to " + owner.jid() + " (its roster now: "
                        + owner.roster().snapshot().itemList() + ")",
                owner.roster().changes()
                        .ofType(RosterChange.Updated.class)
                        .map(RosterChange.Updated::item)
                        .filter(item -> item.jid().equals(contact.jid()) && item.subscription() == subscription
                                && item.askSubscribe() == ask)
                        .next());
    }

    /** The next change on {@code tracker} from {@code from} that matches {@code condition}. */
    private static Mono<PresenceChange> change(PresenceTracker tracker, Jid from, Predicate<PresenceChange> condition) {
        return tracker.changes().filter(change -> change.from().equals(from) && condition.test(change)).next();
    }

    /** Runs {@code set} and returns the next roster push that {@code watcher} receives. */
    private static RosterChange pushedAfter(Mono<Void> set, Roster watcher) {
        Mono<RosterChange> push = expect("roster push", watcher.changes().next());
        set.block(WAIT);
        return push.block(WAIT);
    }

    /**
     * Subscribes to {@code awaited} at once, so that nothing arriving from now on is missed; block on the result
     * after acting. Fails naming {@code what} if nothing comes within {@link #WAIT} (an unchecked exception, which
     * {@code block} throws as it is).
     */
    private static <T> Mono<T> expect(String what, Mono<T> awaited) {
        return expect(() -> what, awaited);
    }

    /** {@link #expect(String, Mono)} with a description made when it is needed, to show the state at that time. */
    private static <T> Mono<T> expect(Supplier<String> what, Mono<T> awaited) {
        Mono<T> started = awaited
                .timeout(WAIT, Mono.error(() -> new IllegalStateException("no " + what.get() + " within " + WAIT)))
                .cache();
        started.subscribe(value -> { }, error -> { });   // the error reaches whoever blocks on it
        return started;
    }

    /** {@code owner}'s item for {@code contact} says {@code both}, nothing pending, and the server agrees. */
    private static void assertSubscribedBothWays(User owner, User contact) {
        RosterItem item = owner.item(contact).orElseThrow();
        assertThat(item.subscription()).as("%s's item for %s", owner.jid(), contact.jid()).isEqualTo(Subscription.BOTH);
        assertThat(item.askSubscribe()).as("ask left on %s's item for %s", owner.jid(), contact.jid()).isFalse();
        // what the pushes built is what the server has
        assertThat(owner.roster().fetch().block(WAIT).item(contact.jid())).contains(item);
    }

    private static void assertUpdated(RosterChange change, Jid jid, String name, String... groups) {
        assertThat(change).isInstanceOfSatisfying(RosterChange.Updated.class, updated -> {
            assertThat(updated.jid()).isEqualTo(jid);
            assertItem(updated.item(), name, groups);
        });
    }

    /** An item as a roster set leaves it: this name, exactly these groups (in any order), no subscription. */
    private static void assertItem(RosterItem item, String name, String... groups) {
        assertThat(item.name()).contains(name);
        assertThat(item.groups()).containsExactlyInAnyOrder(groups);
        assertThat(item.subscription()).isEqualTo(Subscription.NONE);
        assertThat(item.askSubscribe()).isFalse();
        assertThat(item.approved()).isFalse();
    }
}
