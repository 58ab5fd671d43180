package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xmppreactive.disco.EntityCapabilities;
import org.xmppreactive.disco.ServiceDiscovery;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.DiscoInfo;
import org.xmppreactive.payload.Ping;
import org.xmppreactive.ping.Keepalive;
import org.xmppreactive.ping.PingService;
import org.xmppreactive.ping.PingTimeoutException;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.sasl.PlainMechanism;
import org.xmppreactive.session.SessionEnd;
import org.xmppreactive.session.SessionSettings;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.stream.PeerStreamErrorException;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.TlsPolicy;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.function.Tuple2;

/** XEP-0030, XEP-0115 and XEP-0199 on a live session pair: our client answering, our server asking. */
class DiscoAndPingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NODE = "https://xmpp-reactive.org";
    private static final DiscoInfo ME = DiscoInfo.builder()
            .identity(new DiscoInfo.Identity("client", "pc", "xmpp-reactive test"))
            .feature(DiscoInfo.NAMESPACE).feature(EntityCapabilities.NAMESPACE).feature("urn:xmpp:ping")
            .build();

    private final TransportPair pair = InMemoryTransport.pair();

    private Tuple2<XmppSession, XmppSession> connect() {
        return connect(SessionSettings.defaults());
    }

    /** Alice's session (the client's, with {@code settings}) and the server's. */
    private Tuple2<XmppSession, XmppSession> connect(SessionSettings settings) {
        XmppServer server = XmppServer.builder("example.com", new InMemoryCredentialStore().add("alice", "secret"))
                .startTls(false, false).allowPlainWithoutTls().build();
        XmppClient client = XmppClient.builder().jid("alice@example.com/disco").password("secret")
                .tlsPolicy(TlsPolicy.DISABLED).allowPlainWithoutTls().sessionSettings(settings)
                .connector(domain -> Mono.just(pair.client())).build();
        return Mono.zip(client.login(), server.accept(pair.server())).block(WAIT);
    }

    @Test
    void discoInfoIsAnsweredForTheEntityAndItsCapsNodeAndRefusedForOtherNodes() {
        Tuple2<XmppSession, XmppSession> sessions = connect();
        ServiceDiscovery.serve(sessions.getT1(), ME, NODE);
        ServiceDiscovery asker = ServiceDiscovery.serve(sessions.getT2(), ME, NODE);
        Jid alice = sessions.getT1().jid();
        EntityCapabilities caps = EntityCapabilities.of(NODE, ME);

        DiscoInfo info = asker.info(alice).block(WAIT);
        DiscoInfo viaCaps = asker.capabilitiesOf(alice, caps).block(WAIT);

        assertThat(info.identities()).isEqualTo(ME.identities());
        assertThat(info.hasFeature("urn:xmpp:ping")).isTrue();
        assertThat(viaCaps.node()).contains(caps.discoNode());
        assertThat(EntityCapabilities.ver(viaCaps)).isEqualTo(caps.ver());
        assertThatThrownBy(() -> asker.info(alice, "no-such-node").block(WAIT))
                .isInstanceOfSatisfying(StanzaErrorException.class,
                        e -> assertThat(e.error().condition()).isEqualTo(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    @Test
    void capabilitiesAreCachedByHashOnlyWhenTheAnswerMatchesIt() {
        Tuple2<XmppSession, XmppSession> sessions = connect();
        ServiceDiscovery.serve(sessions.getT1(), ME, NODE);
        ServiceDiscovery asker = ServiceDiscovery.serve(sessions.getT2(), ME, NODE);
        Jid alice = sessions.getT1().jid();
        EntityCapabilities lie = new EntityCapabilities(NODE, EntityCapabilities.ver(ME), "sha-1");
        EntityCapabilities honest = EntityCapabilities.of(NODE, ME);

        asker.capabilitiesOf(alice, honest).block(WAIT);
        sessions.getT1().close().block(WAIT);

        // cached: answered without asking the (now gone) entity
        assertThat(asker.capabilitiesOf(alice, lie).block(WAIT).features()).isEqualTo(ME.features());
    }

    @Test
    void pingsAreAnsweredAndTimed() {
        Tuple2<XmppSession, XmppSession> sessions = connect();
        PingService.answer(sessions.getT1());

        Duration rtt = PingService.ping(sessions.getT2(), sessions.getT1().jid(), WAIT).block(WAIT);

        assertThat(rtt).isPositive();
    }

    @Test
    void aPingNobodyAnswersStillCountsAsReachableWhenTheErrorComesBack() {
        Tuple2<XmppSession, XmppSession> sessions = connect();   // no PingService: the client says service-unavailable

        assertThat(PingService.ping(sessions.getT2(), sessions.getT1().jid(), WAIT).block(WAIT)).isNotNull();
    }

    @Test
    void aHandlerRegisteredAsLoginEmitsSeesARequestReadTogetherWithTheBindResult() {
        ScriptedPeer server = ScriptedLogin.server(pair, "",
                        "<iq type='get' id='early' from='example.com'><ping xmlns='urn:xmpp:ping'/></iq>")
                .expect("the result of the early ping, not service-unavailable",
                        e -> e.localName().equals("iq") && e.attribute("id").equals(Optional.of("early"))
                                && e.attribute("type").equals(Optional.of("result")));
        Mono<Void> script = server.run().cache();
        script.subscribe(v -> { }, e -> { });

        XmppClient.builder().jid("alice@example.com").password("alice-secret").tlsPolicy(TlsPolicy.DISABLED)
                .allowPlainWithoutTls().mechanisms(List.of(PlainMechanism.PLAIN))
                .connector(domain -> Mono.just(pair.client())).build()
                .login()
                .doOnNext(PingService::answer)   // runs before the session reads on
                .block(WAIT);

        StepVerifier.create(script).verifyComplete();
    }

    @Test
    void keepaliveEndsTheSessionWithConnectionTimeoutWhenTheServerStopsAnswering() {
        ScriptedPeer server = ScriptedLogin.server(pair)
                .expect("a ping", e -> e.child("urn:xmpp:ping", "ping").isPresent())     // and never answers
                .expect("<connection-timeout/>", e -> e.localName().equals("error")
                        && e.child("urn:ietf:params:xml:ns:xmpp-streams", "connection-timeout").isPresent());
        Mono<Void> script = server.timeout(Duration.ofMinutes(5)).run().cache();
        script.subscribe(v -> { }, e -> { });
        XmppSession session = ScriptedLogin.client(pair, WAIT);

        StepVerifier.withVirtualTime(() -> Keepalive.start(session, Duration.ofSeconds(60), Duration.ofSeconds(20)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(79))
                .thenAwait(Duration.ofSeconds(1))
                .expectError(PingTimeoutException.class)
                .verify(WAIT);
        StepVerifier.create(script).verifyComplete();
        SessionEnd end = session.ended().block(WAIT);
        assertThat(end.reason()).isEqualTo(SessionEnd.Reason.FAILED);
        assertThat(end.error().orElseThrow()).isNotInstanceOf(PeerStreamErrorException.class);
        assertThat(((org.xmppreactive.stream.StreamErrorException) end.error().orElseThrow()).condition())
                .isEqualTo(StreamErrorCondition.CONNECTION_TIMEOUT);
    }

    @Test
    void keepalivePingsOnlyAfterAWholeIntervalOfSilence() {
        Tuple2<XmppSession, XmppSession> sessions = connect();
        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();
        AtomicInteger pings = answerPings(server);
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Keepalive.start(client, Duration.ofSeconds(60), Duration.ofSeconds(20)).subscribe(null, failed::set);

            time.advanceTimeBy(Duration.ofSeconds(50));
            tell(server, client, "news");
            time.advanceTimeBy(Duration.ofSeconds(10));   // the beat at 60 s: the server spoke at 50 s
            assertThat(pingsSeenBy(server, client, pings)).isZero();

            time.advanceTimeBy(Duration.ofSeconds(60));   // the beat at 120 s: silent since 60 s
            assertThat(pingsSeenBy(server, client, pings)).isEqualTo(1);
            tell(server, client, "after the answer");     // in order behind the answer to the ping
            time.advanceTimeBy(Duration.ofSeconds(21));   // past the ping's timeout: it was answered
            assertThat(failed).hasValue(null);

            time.advanceTimeBy(Duration.ofSeconds(39));   // the beat at 180 s: the answer and a message came
            assertThat(pingsSeenBy(server, client, pings)).isEqualTo(1);
            time.advanceTimeBy(Duration.ofSeconds(60));   // the beat at 240 s: silent since 180 s
            assertThat(pingsSeenBy(server, client, pings)).isEqualTo(2);
            assertThat(failed).hasValue(null);
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void keepaliveDoesNotPingWhileTheApplicationHoldsTheReadingBack() {
        Tuple2<XmppSession, XmppSession> sessions = connect(SessionSettings.defaults().withBuffers(1024, 1, 64));
        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();
        AtomicInteger pings = answerPings(server);
        for (int i = 0; i < 3; i++) {   // one buffered, one held: the session stops reading
            server.send(Message.builder().to(client.jid()).body("backlog " + i).build()).block(WAIT);
        }
        awaitHeldBack(client);
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Keepalive.start(client, Duration.ofSeconds(60), Duration.ofSeconds(20)).subscribe(null, failed::set);

            time.advanceTimeBy(Duration.ofSeconds(120));   // two silent beats, but nothing could be read
            assertThat(pingsSeenBy(server, client, pings)).isZero();

            assertThat(client.messages().take(3).collectList().block(WAIT)).hasSize(3);   // the application takes them
            time.advanceTimeBy(Duration.ofSeconds(60));    // the beat at 180 s may ping: the rest was read before it
            int atTheFirstFreeBeat = pingsSeenBy(server, client, pings);
            tell(server, client, "after any answer");
            time.advanceTimeBy(Duration.ofSeconds(120));   // 240 s: the message came; 300 s: silent, so a ping
            assertThat(atTheFirstFreeBeat).isLessThanOrEqualTo(1);
            assertThat(pingsSeenBy(server, client, pings)).isEqualTo(atTheFirstFreeBeat + 1);
            assertThat(failed).hasValue(null);
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void anUnansweredPingEndsTheSessionOnlyIfTheServerSaidNothingSince() {
        Tuple2<XmppSession, XmppSession> sessions = connect();
        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();   // answers no ping
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        try {
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Keepalive.start(client, Duration.ofSeconds(60), Duration.ofSeconds(20)).subscribe(null, failed::set);

            time.advanceTimeBy(Duration.ofSeconds(60));   // a ping
            tell(server, client, "busy, but alive");
            time.advanceTimeBy(Duration.ofSeconds(21));   // its timeout: the server spoke since, so it is alive
            assertThat(failed).hasValue(null);
            tell(server, client, "still there?");          // the session lives on

            time.advanceTimeBy(Duration.ofSeconds(99));   // 120 s: the message came; 180 s: silent, a ping
            time.advanceTimeBy(Duration.ofSeconds(21));   // no answer and not a byte since: the server is gone
            assertThat(failed.get()).isInstanceOf(PingTimeoutException.class);
            assertThat(((org.xmppreactive.stream.StreamErrorException) client.ended().block(WAIT).error()
                    .orElseThrow()).condition()).isEqualTo(StreamErrorCondition.CONNECTION_TIMEOUT);
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    private static void awaitHeldBack(XmppSession session) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!session.isReadingHeldBack()) {
            assertThat(System.nanoTime()).as("the session stops reading").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void keepaliveCompletesWhenTheSessionEndsDuringAPing() {
        ScriptedPeer server = ScriptedLogin.server(pair)
                .expect("a ping", e -> e.child("urn:xmpp:ping", "ping").isPresent())
                .send("</stream:stream>");                                     // and no answer
        Mono<Void> script = server.run().cache();
        script.subscribe(v -> { }, e -> { });
        XmppSession session = ScriptedLogin.client(pair, WAIT);

        StepVerifier.withVirtualTime(() -> Keepalive.start(session, Duration.ofSeconds(60), Duration.ofSeconds(20)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(60))
                .expectComplete()
                .verify(WAIT);
        assertThat(session.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_PEER);
    }

    /** A message from the server that the client has received when this returns. */
    private static void tell(XmppSession server, XmppSession client, String body) {
        Mono<Message> received = client.messages().next().cache();
        received.subscribe();
        server.send(Message.builder().to(client.jid()).body(body).build()).block(WAIT);
        received.block(WAIT);
    }

    /** Has {@code server} answer every ping; counts them. */
    private static AtomicInteger answerPings(XmppSession server) {
        AtomicInteger pings = new AtomicInteger();
        server.iqRequests(Ping.class).doOnNext(ping -> pings.incrementAndGet())
                .concatMap(ping -> server.send(ping.result())).subscribe();
        return pings;
    }

    /** The pings the server has received once everything the client sent so far has arrived. */
    private static int pingsSeenBy(XmppSession server, XmppSession client, AtomicInteger pings) {
        Mono<Message> barrier = server.messages().next().cache();
        barrier.subscribe();
        client.send(Message.builder().to(Jid.of("example.com")).body("barrier").build()).block(WAIT);
        barrier.block(WAIT);   // in order behind any ping sent before it
        return pings.get();
    }
}
