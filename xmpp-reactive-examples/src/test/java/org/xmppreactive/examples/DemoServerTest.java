package org.xmppreactive.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmppreactive.im.Availability;
import org.xmppreactive.im.PresenceTracker;
import org.xmppreactive.im.Roster;
import org.xmppreactive.im.RosterChange;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.stanza.Stanza;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;
import org.xmppreactive.test.TestCertificates;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * The demo server as clients see it over TCP: the roster requests it refuses, the pushes and presence a roster
 * removal causes, and where broadcast presence goes. The happy path of subscriptions is the demo's own
 * ({@link XmppCliTest#demoRunsEveryStepAndExitsZero}); the state machine is {@link DemoRostersTest}'s.
 */
class DemoServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final Jid ALICE = Jid.parse("alice@example.com");
    private static final Jid BOB = Jid.parse("bob@example.com");
    private static final Jid CAROL = Jid.parse("carol@example.com");

    private DemoServer server;

    @BeforeEach
    void startServer() {
        InMemoryCredentialStore accounts = new InMemoryCredentialStore()
                .add("alice", "secret").add("bob", "secret").add("carol", "secret");
        server = DemoServer.start("example.com", accounts, CERTIFICATES.serverContext("example.com"),
                Map.of("alice", List.of(BOB))).block(WAIT);
    }

    @AfterEach
    void stopServer() {
        server.stop().block(WAIT);
    }

    private XmppSession login(String jid) {
        return XmppClient.builder().jid(jid).password("secret")
                .connector(TcpClientTransport.create().host("127.0.0.1").port(server.port())
                        .trust(TrustOptions.of(CERTIFICATES.trustManagerFactory())))
                .build().login().block(WAIT);
    }

    /** Sends initial presence and waits until the server has taken it: its broadcast comes back to the sender. */
    private static void online(XmppSession session) {
        Mono<Presence> echo = session.presences()
                .filter(presence -> presence.from().filter(session.jid()::equals).isPresent())
                .next().cache();
        echo.subscribe();
        Availability.of(session).available().block(WAIT);
        echo.block(WAIT);
    }

    private static StanzaErrorCondition refusal(Mono<?> request) {
        Throwable error = catchThrowable(() -> request.block(WAIT));
        assertThat(error).isInstanceOf(StanzaErrorException.class);
        return ((StanzaErrorException) error).error().condition();
    }

    private static XmlElement item(Jid jid, String... groups) {
        XmlElement.Builder item = XmlElement.builder(RosterQuery.NAMESPACE, "item").attribute("jid", jid.toString());
        for (String group : groups) {
            item.child(XmlElement.builder(RosterQuery.NAMESPACE, "group").text(group).build());
        }
        return item.build();
    }

    @Test
    void seededContactsAreSubscribedBothWays() {
        XmppSession bob = login("bob@example.com/phone");

        assertThat(Roster.of(bob).fetch().block(WAIT).itemList())
                .containsExactly(RosterItem.of(ALICE).withSubscription(Subscription.BOTH));
        bob.close().block(WAIT);
    }

    @Test
    void aRosterSetWithTwoItemsIsABadRequest() {
        XmppSession alice = login("alice@example.com/laptop");
        XmlElement query = XmlElement.builder(RosterQuery.NAMESPACE, RosterQuery.ELEMENT)
                .child(item(CAROL)).child(item(Jid.parse("dave@example.com"))).build();

        assertThat(refusal(alice.iq(Iq.set("two", query)))).isEqualTo(StanzaErrorCondition.BAD_REQUEST);
        alice.close().block(WAIT);
    }

    @Test
    void aRosterSetWithAnEmptyGroupIsNotAcceptable() {
        XmppSession alice = login("alice@example.com/laptop");
        XmlElement query = XmlElement.builder(RosterQuery.NAMESPACE, RosterQuery.ELEMENT)
                .child(item(CAROL, "")).build();

        assertThat(refusal(alice.iq(Iq.set("empty-group", query)))).isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
        alice.close().block(WAIT);
    }

    @Test
    void aRosterSetWithARepeatedGroupIsABadRequest() {
        XmppSession alice = login("alice@example.com/laptop");
        XmlElement query = XmlElement.builder(RosterQuery.NAMESPACE, RosterQuery.ELEMENT)
                .child(item(CAROL, "Friends", "Friends")).build();

        assertThat(refusal(alice.iq(Iq.set("twice", query)))).isEqualTo(StanzaErrorCondition.BAD_REQUEST);
        alice.close().block(WAIT);
    }

    @Test
    void removingAnItemThatIsNotThereIsItemNotFound() {
        XmppSession alice = login("alice@example.com/laptop");

        assertThat(refusal(Roster.of(alice).remove(CAROL))).isEqualTo(StanzaErrorCondition.ITEM_NOT_FOUND);
        alice.close().block(WAIT);
    }

    @Test
    void aRosterSetIsPushedToEveryInterestedResource() {
        XmppSession laptop = login("alice@example.com/laptop");
        XmppSession phone = login("alice@example.com/phone");
        Roster onLaptop = Roster.of(laptop);
        Roster onPhone = Roster.of(phone);
        onLaptop.fetch().block(WAIT);
        onPhone.fetch().block(WAIT);
        Mono<RosterChange> phoneSees = onPhone.changes().next().cache();
        phoneSees.subscribe();

        onLaptop.add(RosterItem.of(CAROL).withName("Carol")).block(WAIT);

        assertThat(phoneSees.block(WAIT)).isEqualTo(new RosterChange.Updated(RosterItem.of(CAROL).withName("Carol"),
                Optional.empty()));
        laptop.close().block(WAIT);
        phone.close().block(WAIT);
    }

    @Test
    void removingAContactCancelsBothSubscriptionsAndWithdrawsPresence() {
        XmppSession alice = login("alice@example.com/laptop");
        XmppSession bob = login("bob@example.com/phone");
        Roster alicesRoster = Roster.of(alice);
        Roster bobsRoster = Roster.of(bob);
        PresenceTracker bobSees = PresenceTracker.of(bob);
        alicesRoster.fetch().block(WAIT);
        bobsRoster.fetch().block(WAIT);
        Mono<PresenceTracker> aliceOnline = bobSees.changes().filter(change -> change.from().bare().equals(ALICE))
                .next().thenReturn(bobSees).cache();
        aliceOnline.subscribe();
        Availability.of(bob).available().block(WAIT);
        Availability.of(alice).available().block(WAIT);
        aliceOnline.block(WAIT);
        Mono<RosterChange> bobLosesAlice = bobsRoster.changes()
                .filter(change -> change instanceof RosterChange.Updated updated
                        && updated.item().subscription() == Subscription.NONE)
                .next().cache();
        bobLosesAlice.subscribe();
        Mono<Boolean> aliceGoneForBob = bobSees.changes()
                .filter(change -> change.from().bare().equals(ALICE) && !change.contact().isAvailable())
                .next().thenReturn(true).cache();
        aliceGoneForBob.subscribe();

        alicesRoster.remove(BOB).block(WAIT);

        assertThat(bobLosesAlice.block(WAIT)).isEqualTo(new RosterChange.Updated(RosterItem.of(ALICE),
                Optional.empty()));
        assertThat(aliceGoneForBob.block(WAIT)).isTrue();
        assertThat(alicesRoster.snapshot().items()).isEmpty();
        alice.close().block(WAIT);
        bob.close().block(WAIT);
    }

    @Test
    void broadcastPresenceReachesSubscribersOnly() {
        XmppSession alice = login("alice@example.com/laptop");
        XmppSession bob = login("bob@example.com/phone");
        XmppSession carol = login("carol@example.com/tablet");
        Mono<Presence> bobSees = bob.presences().filter(presence -> presence.from().orElseThrow().bare().equals(ALICE))
                .next().cache();
        bobSees.subscribe();
        Availability.of(bob).available().block(WAIT);
        // everything carol receives until alice's message, which alice sends after her presence
        Mono<List<Stanza>> carolReceives = carol.stanzas()
                .takeUntil(stanza -> stanza instanceof Message).collectList().cache();
        carolReceives.subscribe();
        online(carol);

        Availability.of(alice).available().block(WAIT);
        alice.send(Message.builder().to(CAROL).type(MessageType.CHAT).body("after my presence").build()).block(WAIT);

        assertThat(bobSees.block(WAIT).from()).contains(Jid.parse("alice@example.com/laptop"));
        assertThat(carolReceives.block(WAIT))
                .filteredOn(stanza -> stanza.from().map(from -> from.bare().equals(ALICE)).orElse(false))
                .hasSize(1)
                .allMatch(stanza -> stanza instanceof Message, "only alice's message, not her presence");
        alice.close().block(WAIT);
        bob.close().block(WAIT);
        carol.close().block(WAIT);
    }

    @Test
    void aSessionThatEndsIsAnnouncedUnavailable() {
        XmppSession alice = login("alice@example.com/laptop");
        XmppSession bob = login("bob@example.com/phone");
        PresenceTracker bobSees = PresenceTracker.of(bob);
        Mono<Boolean> aliceCameAndWent = bobSees.changes().filter(change -> change.from().bare().equals(ALICE))
                .map(change -> change.contact().isAvailable())
                .take(2).collectList().map(seen -> seen.equals(List.of(true, false))).cache();
        aliceCameAndWent.subscribe();
        online(bob);
        Availability.of(alice).available().block(WAIT);

        alice.close().block(WAIT);   // without unavailable presence first: the server sends it for her

        assertThat(aliceCameAndWent.block(WAIT)).isTrue();
        bob.close().block(WAIT);
    }

    @Test
    void aContactWhoLeavesAsTheUserComesOnlineIsNotLeftOnline() {
        InMemoryCredentialStore accounts = new InMemoryCredentialStore()
                .add("alice", "secret").add("bob", "secret").add("carol", "secret");
        DemoServer racing = DemoServer.start("example.com", accounts, CERTIFICATES.serverContext("example.com"),
                Map.of("alice", List.of(BOB, CAROL))).block(WAIT);
        DemoServer usual = server;
        server = racing;
        try {
            XmppSession bob = login("bob@example.com/phone");
            XmppSession carol = login("carol@example.com/tablet");
            PresenceTracker bobSees = PresenceTracker.of(bob);
            PresenceTracker carolSees = PresenceTracker.of(carol);
            Roster bobsRoster = Roster.of(bob);
            online(carol);
            // bob's initial presence (answered with alice's, from bob's thread) races alice's end (her unavailable,
            // from hers); each round, whatever the order, bob must end up seeing alice gone
            for (int round = 0; round < 10; round++) {
                XmppSession alice = login("alice@example.com/laptop");
                Mono<Boolean> carolSeesAliceLeave = carolSees.changes()
                        .filter(change -> change.from().bare().equals(ALICE) && !change.contact().isAvailable())
                        .next().thenReturn(true).cache();
                carolSeesAliceLeave.subscribe();
                online(alice);

                Mono.when(Availability.of(bob).available(), alice.close()).block(WAIT);
                carolSeesAliceLeave.block(WAIT);    // alice's end is handled...
                bobsRoster.fetch().block(WAIT);     // ...and so is bob's presence, queued before this get

                assertThat(bobSees.contact(ALICE)).as("round %d", round).isEmpty();
                Availability.of(bob).unavailable().block(WAIT);   // so that next round's presence is initial again
            }
            bob.close().block(WAIT);
            carol.close().block(WAIT);
        } finally {
            server = usual;
            racing.stop().block(WAIT);
        }
    }

    @Test
    void aRosterGetIgnoresTheVersionAsTheServerDoesNotVersion() {
        XmppSession alice = login("alice@example.com/laptop");

        Iq result = alice.iq(Iq.get("ver", RosterQuery.codec().encode(RosterQuery.request("")))).block(WAIT);

        RosterQuery roster = RosterQuery.codec().decode(result.payload().orElseThrow());
        assertThat(roster.ver()).isEmpty();
        assertThat(roster.items()).extracting(RosterItem::jid).containsExactly(BOB);
        alice.close().block(WAIT);
    }
}
