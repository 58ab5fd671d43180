package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xmppreactive.im.InMemoryRosterStore;
import org.xmppreactive.im.Roster;
import org.xmppreactive.im.RosterChange;
import org.xmppreactive.im.RosterSnapshot;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Our roster (RFC 6121 §2) against a scripted server: versioning, pushes from the server and from impostors. */
class RosterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ROSTER = "jabber:iq:roster";
    private static final Jid ROMEO = Jid.parse("romeo@example.net");
    private static final Jid NURSE = Jid.parse("nurse@example.com");
    private static final String ROMEO_RESULT = "<query xmlns='jabber:iq:roster' ver='ver11'><item "
            + "jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item></query>";

    /** Our client's session, logged in to a scripted server, and the rest of the script running. */
    private record Connected(XmppSession session, Mono<Void> script) {
    }

    /**
     * A scripted server on {@code pair} that lets alice in with PLAIN, without TLS, binds alice@example.com/r1 and
     * offers roster versioning, then goes on with {@code conversation}; our client logged in to it.
     */
    private static Connected connect(TransportPair pair, boolean versioning,
                                     Function<ScriptedPeer, ScriptedPeer> conversation) {
        ScriptedPeer login = ScriptedLogin.server(pair, versioning ? "<ver xmlns='urn:xmpp:features:rosterver'/>" : "");
        Mono<Void> script = conversation.apply(login).run().cache();
        script.subscribe(v -> { }, e -> { });
        XmppSession session = ScriptedLogin.client(pair, WAIT);
        return new Connected(session, script);
    }

    private static Connected connect(Function<ScriptedPeer, ScriptedPeer> conversation) {
        return connect(InMemoryTransport.pair(), true, conversation);
    }

    /** A server that does not advertise roster versioning. */
    private static Connected connectUnversioned(Function<ScriptedPeer, ScriptedPeer> conversation) {
        return connect(InMemoryTransport.pair(), false, conversation);
    }

    private static String id(XmlElement iq) {
        return iq.attribute("id").orElseThrow();
    }

    private static boolean isIq(XmlElement e, String type) {
        return e.localName().equals("iq") && type.equals(e.attribute("type").orElse(""));
    }

    private static Optional<XmlElement> query(XmlElement iq) {
        return iq.child(ROSTER, "query");
    }

    private static boolean isRosterGet(XmlElement e) {
        return isIq(e, "get") && query(e).isPresent();
    }

    private static boolean isRosterSet(XmlElement e) {
        return isIq(e, "set") && query(e).isPresent();
    }

    private static Function<XmlElement, String> result(String payload) {
        return iq -> "<iq type='result' id='" + id(iq) + "'>" + payload + "</iq>";
    }

    private static boolean isResultTo(XmlElement e, String id) {
        return isIq(e, "result") && id.equals(e.attribute("id").orElse("")) && e.children().isEmpty();
    }

    private static String push(String id, String from, String query) {
        return "<iq type='set' id='" + id + "'" + (from.isEmpty() ? "" : " from='" + from + "'") + ">" + query
                + "</iq>";
    }

    private static RosterItem romeo() {
        return RosterItem.of(ROMEO).withName("Romeo").withSubscription(Subscription.BOTH).withGroups("Friends");
    }

    @Test
    void withoutVersioningTheGetCarriesNoVerAndTheResultBecomesTheRoster() {
        Connected client = connectUnversioned(script -> script
                .expectAndReply("a roster get without ver", e -> isRosterGet(e)
                        && query(e).orElseThrow().attribute("ver").isEmpty(), result(ROMEO_RESULT)));
        Roster roster = Roster.of(client.session());

        RosterSnapshot fetched = roster.fetch().block(WAIT);

        assertThat(fetched.itemList()).containsExactly(romeo());
        assertThat(fetched.ver()).contains("ver11");
        assertThat(roster.snapshot()).isEqualTo(fetched);
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void aFirstVersionedGetAsksWithAnEmptyVer() {
        Connected client = connect(script -> script
                .expectAndReply("a roster get with ver=''", e -> isRosterGet(e)
                        && query(e).orElseThrow().attribute("ver").equals(Optional.of("")), result(ROMEO_RESULT)));
        InMemoryRosterStore store = new InMemoryRosterStore();
        Roster roster = Roster.of(client.session(), store);

        roster.fetch().block(WAIT);

        assertThat(store.load().ver()).contains("ver11");
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void aVersionedGetSendsTheStoredVersionAndAFullResultReplacesTheCache() {
        Connected client = connect(script -> script
                .expectAndReply("a roster get with the stored ver", e -> isRosterGet(e)
                        && query(e).orElseThrow().attribute("ver").equals(Optional.of("ver7")), result(ROMEO_RESULT)));
        InMemoryRosterStore store = new InMemoryRosterStore(new RosterSnapshot(Optional.of("ver7"),
                Map.of(NURSE, RosterItem.of(NURSE))));

        RosterSnapshot fetched = Roster.of(client.session(), store).fetch().block(WAIT);

        assertThat(fetched).isEqualTo(new RosterSnapshot(Optional.of("ver11"), Map.of(ROMEO, romeo())));
        assertThat(store.load()).isEqualTo(fetched);
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void anEmptyResultKeepsTheCachedRoster() {
        // RFC 6121 §2.6.3: no query in the result means "your version is current"
        Connected client = connect(script -> script
                .expectAndReply("a roster get with the stored ver", e -> isRosterGet(e)
                        && query(e).orElseThrow().attribute("ver").equals(Optional.of("ver7")), result("")));
        RosterSnapshot cached = new RosterSnapshot(Optional.of("ver7"), Map.of(NURSE, RosterItem.of(NURSE)
                .withName("Nurse")));

        RosterSnapshot fetched = Roster.of(client.session(), new InMemoryRosterStore(cached)).fetch()
                .block(WAIT);

        assertThat(fetched).isEqualTo(cached);
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void aPushWithoutFromIsAppliedEmittedAndAnsweredWithAnEmptyResult() {
        Connected client = connect(script -> script
                .expectAndReply("a roster get", RosterTest::isRosterGet, result(ROMEO_RESULT))
                .send(push("p1", "", "<query xmlns='jabber:iq:roster' ver='ver12'><item jid='nurse@example.com' "
                        + "name='Nurse'><group>Servants</group></item></query>"))
                .expect("an empty result for p1", e -> isResultTo(e, "p1")
                        && e.attribute("from").isEmpty() && e.attribute("to").isEmpty()));
        Roster roster = Roster.of(client.session());
        CompletableFuture<RosterChange> change = roster.changes().next().toFuture();

        roster.fetch().block(WAIT);

        StepVerifier.create(client.script()).verifyComplete();
        RosterItem nurse = RosterItem.of(NURSE).withName("Nurse").withGroups("Servants");
        assertThat(change).succeedsWithin(WAIT).isEqualTo(new RosterChange.Updated(nurse, Optional.of("ver12")));
        assertThat(roster.snapshot()).isEqualTo(new RosterSnapshot(Optional.of("ver12"),
                Map.of(ROMEO, romeo(), NURSE, nurse)));
    }

    @Test
    void aPushFromTheAccountsBareJidIsAppliedAndAnswered() {
        // ejabberd stamps the user's bare JID on pushes
        Connected client = connect(script -> script
                .expectAndReply("a roster get", RosterTest::isRosterGet, result(ROMEO_RESULT))
                .send(push("p1", "alice@example.com", "<query xmlns='jabber:iq:roster' ver='ver12'>"
                        + "<item jid='romeo@example.net' subscription='remove'/></query>"))
                .expect("an empty result for p1", e -> isResultTo(e, "p1")));
        Roster roster = Roster.of(client.session());

        roster.fetch().block(WAIT);

        StepVerifier.create(client.script()).verifyComplete();
        assertThat(roster.snapshot()).isEqualTo(new RosterSnapshot(Optional.of("ver12"), Map.of()));
    }

    @Test
    void aPushFromAnyoneElseIsIgnoredAndNeverAnswered() {
        // CVE-2014-0364 (Smack), CVE-2015-8688 (Gajim): the impostor would remove Romeo and add itself
        Connected client = connect(script -> script
                .expectAndReply("a roster get", RosterTest::isRosterGet, result(ROMEO_RESULT))
                .send(push("evil1", "eve@evil.example/x", "<query xmlns='jabber:iq:roster'>"
                        + "<item jid='romeo@example.net' subscription='remove'/></query>")
                        + push("evil2", "alice@example.com/other", "<query xmlns='jabber:iq:roster'>"
                        + "<item jid='eve@evil.example' name='Romeo'/></query>")
                        + push("evil3", "example.com", "<query xmlns='jabber:iq:roster'>"
                        + "<item jid='eve@evil.example' name='Romeo'/></query>")
                        + push("p2", "", "<query xmlns='jabber:iq:roster'><item jid='nurse@example.com'/></query>"))
                .expect("the answer to p2, with nothing for the impostors' pushes before it",
                        e -> isResultTo(e, "p2")));
        Roster roster = Roster.of(client.session());
        List<RosterChange> changes = new CopyOnWriteArrayList<>();
        roster.changes().subscribe(changes::add);

        roster.fetch().block(WAIT);

        StepVerifier.create(client.script()).verifyComplete();
        assertThat(roster.snapshot().items()).containsOnlyKeys(ROMEO, NURSE);
        assertThat(roster.snapshot().item(ROMEO)).contains(romeo());
        assertThat(changes).containsExactly(new RosterChange.Updated(RosterItem.of(NURSE), Optional.empty()));
    }

    @Test
    void aPushWithTwoItemsIsABadRequestAndChangesNothing() {
        Connected client = connect(script -> script
                .expectAndReply("a roster get", RosterTest::isRosterGet, result(ROMEO_RESULT))
                .send(push("two", "", "<query xmlns='jabber:iq:roster' ver='ver99'><item jid='nurse@example.com'/>"
                        + "<item jid='tybalt@example.com'/></query>"))
                .expect("bad-request for the push with two items", e -> isIq(e, "error")
                        && "two".equals(e.attribute("id").orElse(""))
                        && e.child("jabber:client", "error").flatMap(error -> error.child(
                                "urn:ietf:params:xml:ns:xmpp-stanzas", "bad-request")).isPresent()));
        Roster roster = Roster.of(client.session());

        RosterSnapshot fetched = roster.fetch().block(WAIT);

        StepVerifier.create(client.script()).verifyComplete();
        assertThat(roster.snapshot()).isEqualTo(fetched);
    }

    /** Our own roster set, with the server's push for it before or after the set's result, as servers differ. */
    private static RosterSnapshot rosterAfterOwnSet(boolean pushFirst) {
        String pushXml = push("push-nurse", "", "<query xmlns='jabber:iq:roster' ver='ver12'>"
                + "<item jid='nurse@example.com' name='Nurse'><group>Servants</group></item></query>");
        Connected client = connect(script -> script
                .expectAndReply("a roster get", RosterTest::isRosterGet, result(ROMEO_RESULT))
                .expectAndReply("our roster set: one item, only jid, name and groups", e -> isRosterSet(e)
                                && query(e).orElseThrow().children().size() == 1
                                && query(e).orElseThrow().children().get(0).attribute("jid")
                                        .equals(Optional.of("nurse@example.com"))
                                && query(e).orElseThrow().children().get(0).attribute("subscription").isEmpty()
                                && query(e).orElseThrow().children().get(0).attribute("ask").isEmpty(),
                        set -> pushFirst
                                ? pushXml + "<iq type='result' id='" + id(set) + "'/>"      // ejabberd's order
                                : "<iq type='result' id='" + id(set) + "'/>" + pushXml)    // Prosody's order
                .expect("the answer to the push", e -> isResultTo(e, "push-nurse")));
        Roster roster = Roster.of(client.session());
        roster.fetch().block(WAIT);

        StepVerifier.create(roster.add(RosterItem.of(NURSE).withName("Nurse").withGroups("Servants")
                        .withSubscription(Subscription.BOTH).withAskSubscribe(true)))
                .verifyComplete();

        StepVerifier.create(client.script()).verifyComplete();
        return roster.snapshot();
    }

    @Test
    void ourSetEndsInTheSameRosterWhetherItsPushComesBeforeOrAfterItsResult() {
        RosterSnapshot pushFirst = rosterAfterOwnSet(true);
        RosterSnapshot resultFirst = rosterAfterOwnSet(false);

        RosterItem nurse = RosterItem.of(NURSE).withName("Nurse").withGroups("Servants");
        assertThat(pushFirst).isEqualTo(resultFirst)
                .isEqualTo(new RosterSnapshot(Optional.of("ver12"), Map.of(ROMEO, romeo(), NURSE, nurse)));
    }

    @Test
    void aSetTheServerRefusesFailsWithItsCondition() {
        Connected client = connect(script -> script
                .expectAndReply("our roster set", RosterTest::isRosterSet,
                        set -> "<iq type='error' id='" + id(set) + "'><error type='modify'><not-acceptable "
                                + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
        Roster roster = Roster.of(client.session());

        StepVerifier.create(roster.add(RosterItem.of(NURSE).withName("x".repeat(2000))))
                .expectErrorSatisfies(error -> assertThat(((StanzaErrorException) error).error().condition())
                        .isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE))
                .verify(WAIT);
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void removeSendsTheItemWithSubscriptionRemoveAndAnUpdateThatSaysRemoveSendsNothing() {
        Connected client = connect(script -> script
                .expectAndReply("a removal of romeo, and nothing before it", e -> isRosterSet(e)
                        && query(e).orElseThrow().children().get(0).attribute("subscription")
                                .equals(Optional.of("remove"))
                        && query(e).orElseThrow().children().get(0).attribute("jid")
                                .equals(Optional.of("romeo@example.net")), result("")));
        Roster roster = Roster.of(client.session());

        StepVerifier.create(roster.update(RosterItem.remove(NURSE)))
                .expectError(IllegalArgumentException.class).verify(WAIT);
        StepVerifier.create(roster.remove(ROMEO)).verifyComplete();
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void onlyOneRosterCanHandleTheSessionsPushes() {
        Connected client = connect(script -> script);
        Roster first = Roster.of(client.session());

        assertThatThrownBy(() -> Roster.of(client.session())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("roster pushes");

        first.stop();
        Roster.of(client.session()).stop();   // the handler is free again once the first stopped
    }
}
