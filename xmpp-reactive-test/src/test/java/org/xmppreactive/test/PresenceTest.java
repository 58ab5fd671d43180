package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.xmppreactive.im.Availability;
import org.xmppreactive.im.ContactPresence;
import org.xmppreactive.im.PresenceChange;
import org.xmppreactive.im.PresenceTracker;
import org.xmppreactive.im.SubscriptionRequest;
import org.xmppreactive.im.Subscriptions;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.Show;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Our presence (RFC 6121 §3, §4) against a scripted server: subscriptions, availability, the contacts' presence. */
class PresenceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CLIENT = "jabber:client";
    private static final Jid ROMEO = Jid.parse("romeo@example.net");

    /** Our client's session, logged in to a scripted server, and the rest of the script running. */
    private record Connected(XmppSession session, Mono<Void> script) {
    }

    /**
     * A scripted server that lets alice in with PLAIN, without TLS, and binds alice@example.com/r1, then goes on
     * with {@code conversation}; our client logged in to it.
     */
    private static Connected connect(Function<ScriptedPeer, ScriptedPeer> conversation) {
        return connect("", conversation);
    }

    /** {@link #connect(Function)} with {@code extraFeatures} (raw XML) advertised beside bind. */
    private static Connected connect(String extraFeatures, Function<ScriptedPeer, ScriptedPeer> conversation) {
        TransportPair pair = InMemoryTransport.pair();
        ScriptedPeer login = ScriptedLogin.server(pair, extraFeatures);
        Mono<Void> script = conversation.apply(login).run().cache();
        script.subscribe(v -> { }, e -> { });
        XmppSession session = ScriptedLogin.client(pair, WAIT);
        return new Connected(session, script);
    }

    /** A presence of {@code type} ({@code ""} for available) to {@code to} ({@code ""} for none). */
    private static Predicate<XmlElement> presence(String type, String to) {
        return e -> e.localName().equals("presence")
                && e.attribute("type").orElse("").equals(type)
                && e.attribute("to").orElse("").equals(to);
    }

    private static Optional<String> text(XmlElement presence, String child) {
        return presence.child(CLIENT, child).map(XmlElement::text);
    }

    @Test
    void approvingASubscriptionRequestSendsSubscribedToTheBareJid() {
        Connected client = connect(script -> script
                .expect("initial presence", presence("", ""))
                .send("<presence type='subscribe' from='romeo@example.net/orchard' id='s1'>"
                        + "<status>Let me see you</status></presence>")
                .expect("<presence type='subscribed' to='romeo@example.net'/>",
                        presence("subscribed", "romeo@example.net")));
        CompletableFuture<SubscriptionRequest> request = Subscriptions.of(client.session()).requests().next()
                .toFuture();

        Availability.of(client.session()).available().block(WAIT);

        SubscriptionRequest romeo = request.join();
        assertThat(romeo.contact()).isEqualTo(ROMEO);
        assertThat(romeo.presence().status()).contains("Let me see you");
        StepVerifier.create(romeo.approve()).verifyComplete();
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void denyingASubscriptionRequestSendsUnsubscribedToTheBareJid() {
        Connected client = connect(script -> script
                .expect("initial presence", presence("", ""))
                .send("<presence type='subscribe' from='romeo@example.net/orchard'/>")
                .expect("<presence type='unsubscribed' to='romeo@example.net'/>",
                        presence("unsubscribed", "romeo@example.net")));
        CompletableFuture<SubscriptionRequest> request = Subscriptions.of(client.session()).requests().next()
                .toFuture();

        Availability.of(client.session()).available().block(WAIT);

        StepVerifier.create(request.join().deny()).verifyComplete();
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void subscriptionStanzasGoToTheBareJidWhateverJidIsGiven() {
        // RFC 6121 §3.1.1, §3.1.4, §3.2.1, §3.3.1
        Jid orchard = Jid.parse("romeo@example.net/orchard");
        Connected client = connect(script -> script
                .expect("subscribe to the bare JID", presence("subscribe", "romeo@example.net")
                        .and(e -> e.attribute("id").isPresent()))
                .expect("unsubscribe to the bare JID", presence("unsubscribe", "romeo@example.net"))
                .expect("subscribed (a pre-approval) to the bare JID", presence("subscribed", "romeo@example.net"))
                .expect("unsubscribed (a cancellation) to the bare JID",
                        presence("unsubscribed", "romeo@example.net")));
        Subscriptions subscriptions = Subscriptions.of(client.session());

        subscriptions.subscribe(orchard)
                .then(subscriptions.unsubscribe(orchard))
                .then(subscriptions.approve(orchard))
                .then(subscriptions.cancel(orchard))
                .block(WAIT);

        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void aPreApprovalIsSentOnlyWhenTheServerOffersIt() {
        // RFC 6121 §3.4.1: a client MUST NOT attempt a pre-approval the server does not advertise
        Connected offered = connect("<sub xmlns='urn:xmpp:features:pre-approval'/>", script -> script
                .expect("subscribed to the bare JID, no request pending", presence("subscribed", "romeo@example.net")));
        Subscriptions subscriptions = Subscriptions.of(offered.session());

        assertThat(subscriptions.preApprovalOffered()).isTrue();
        StepVerifier.create(subscriptions.preApprove(Jid.parse("romeo@example.net/orchard"))).verifyComplete();
        StepVerifier.create(offered.script()).verifyComplete();

        Connected notOffered = connect(script -> script
                .expect("the next stanza is the message, not a pre-approval", e -> e.localName().equals("message")));
        Subscriptions refused = Subscriptions.of(notOffered.session());
        assertThat(refused.preApprovalOffered()).isFalse();
        StepVerifier.create(refused.preApprove(ROMEO))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("pre-approval"))
                .verify(WAIT);
        notOffered.session().send(org.xmppreactive.stanza.Message.chat(ROMEO, "hello")).block(WAIT);
        StepVerifier.create(notOffered.script()).verifyComplete();
    }

    @Test
    void availabilityCarriesShowStatusAndPriorityAndDirectedPresenceItsRecipient() {
        Connected client = connect(script -> script
                .expect("away, with status and priority 5", presence("", "").and(e ->
                        text(e, "show").equals(Optional.of("away"))
                                && text(e, "status").equals(Optional.of("At the ball"))
                                && text(e, "priority").equals(Optional.of("5"))))
                .expect("directed presence to the room occupant", presence("", "room@muc.example.com/alice"))
                .expect("unavailable to the room occupant", presence("unavailable", "room@muc.example.com/alice"))
                .expect("unavailable, with status", presence("unavailable", "").and(e ->
                        text(e, "status").equals(Optional.of("Gone home")))));
        Availability availability = Availability.of(client.session());
        Jid occupant = Jid.parse("room@muc.example.com/alice");

        StepVerifier.create(availability.available("Nothing to see", 200))   // §4.7.2.3: -128..127
                .expectError(IllegalArgumentException.class).verify(WAIT);
        availability.available(Show.AWAY, "At the ball", 5)
                .then(availability.to(occupant))
                .then(availability.unavailableTo(occupant))
                .then(availability.unavailable("Gone home"))
                .block(WAIT);

        StepVerifier.create(client.script()).verifyComplete();   // the refused presence never reached the server
    }

    @Test
    void theTrackerFollowsTheContactsResourcesAsTheyComeAndGo() {
        Connected client = connect(script -> script
                .expect("initial presence", presence("", ""))
                .send("<presence from='romeo@example.net/orchard'><show>away</show><priority>1</priority></presence>"
                        + "<presence from='romeo@example.net/phone'><priority>5</priority></presence>"
                        + "<presence from='nurse@example.com/kitchen'/>"
                        + "<presence type='subscribe' from='tybalt@example.com'/>"
                        + "<presence type='unavailable' from='romeo@example.net/phone'/>"
                        + "<presence type='error' from='mercutio@example.org'><error type='cancel'>"
                        + "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"));
        PresenceTracker tracker = PresenceTracker.of(client.session());
        CompletableFuture<List<PresenceChange>> changes = tracker.changes().take(5).collectList().toFuture();

        Availability.of(client.session()).available().block(WAIT);

        assertThat(changes).succeedsWithin(WAIT);
        assertThat(changes.join()).extracting(PresenceChange::from).extracting(Jid::toString).containsExactly(
                "romeo@example.net/orchard", "romeo@example.net/phone", "nurse@example.com/kitchen",
                "romeo@example.net/phone", "mercutio@example.org");
        assertThat(changes.join().get(4).isError()).isTrue();
        ContactPresence romeo = tracker.contact(ROMEO).orElseThrow();
        assertThat(romeo.resources()).containsOnlyKeys(Jid.parse("romeo@example.net/orchard"));
        assertThat(romeo.preferred().flatMap(Presence::show)).contains(Show.AWAY);
        assertThat(tracker.snapshot()).containsOnlyKeys(ROMEO, Jid.parse("nurse@example.com"));
        StepVerifier.create(client.script()).verifyComplete();
    }

    @Test
    void theTrackerForgetsEveryoneWhenTheSessionEnds() {
        Connected client = connect(script -> script
                .expect("initial presence", presence("", ""))
                .send("<presence from='romeo@example.net/orchard'/>")
                .send("</stream:stream>")
                .expectClose());
        PresenceTracker tracker = PresenceTracker.of(client.session());
        CompletableFuture<PresenceChange> first = tracker.changes().next().toFuture();

        Availability.of(client.session()).available().block(WAIT);

        assertThat(first).succeedsWithin(WAIT);
        client.session().ended().block(WAIT);
        StepVerifier.create(tracker.changes()).expectComplete().verify(WAIT);
        assertThat(tracker.snapshot()).isEmpty();
    }
}
