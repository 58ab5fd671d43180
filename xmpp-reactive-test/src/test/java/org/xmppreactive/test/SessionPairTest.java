package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.AnonymousMechanism;
import org.xmppreactive.sasl.ExternalMechanism;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.sasl.PlainMechanism;
import org.xmppreactive.sasl.SaslException;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.SaslMechanism;
import org.xmppreactive.sasl.ScramMechanism;
import org.xmppreactive.sasl.StandardMechanisms;
import org.xmppreactive.session.SessionEnd;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.stream.PeerStreamErrorException;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.transport.ChannelBinding;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** Our client against our server over the in-memory transport, with real TLS: every mechanism, both TLS paths. */
class SessionPairTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryCredentialStore accounts = new InMemoryCredentialStore()
            .add("alice", "alice-secret").add("bob", "bob-secret");

    private TransportPair pair(TlsConfig.ClientAuth clientAuth, String clientIdentity, String... protocols) {
        TlsConfig client = TlsConfig.client(clientIdentity == null ? CERTIFICATES.clientContext()
                : CERTIFICATES.clientContext(clientIdentity), "example.com").withProtocols(protocols);
        TlsConfig server = TlsConfig.server(CERTIFICATES.serverContext("example.com")).withClientAuth(clientAuth)
                .withProtocols(protocols);
        return InMemoryTransport.pair(client, server);
    }

    private TransportPair pair() {
        return pair(TlsConfig.ClientAuth.NONE, null);
    }

    private static XmppClient.Builder alice(TransportPair pair) {
        return XmppClient.builder().jid("alice@example.com/phone").password("alice-secret")
                .connector(domain -> Mono.just(pair.client()));
    }

    private XmppServer.Builder server() {
        return XmppServer.builder("example.com", accounts).mechanisms(StandardMechanisms.all());
    }

    private static Tuple2<XmppSession, XmppSession> connect(XmppClient client, XmppServer server, TransportPair pair) {
        return Mono.zip(client.login(), server.accept(pair.server())).block(WAIT);
    }

    static Stream<Arguments> mechanisms() {
        return Stream.of(ScramMechanism.SCRAM_SHA_1, ScramMechanism.SCRAM_SHA_1_PLUS, ScramMechanism.SCRAM_SHA_256,
                        ScramMechanism.SCRAM_SHA_256_PLUS, ScramMechanism.SCRAM_SHA_512,
                        ScramMechanism.SCRAM_SHA_512_PLUS, PlainMechanism.PLAIN)
                .flatMap(m -> Stream.of(Arguments.of(m, "TLSv1.2"), Arguments.of(m, "TLSv1.3")));
    }

    @ParameterizedTest(name = "{0} over STARTTLS with {1}")
    @MethodSource("mechanisms")
    void logsInWithEachMechanismOverStartTls(SaslMechanism mechanism, String protocol) {
        TransportPair pair = pair(TlsConfig.ClientAuth.NONE, null, protocol);

        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).mechanisms(List.of(mechanism)).build(),
                server().build(), pair);

        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();
        assertThat(client.jid()).isEqualTo(Jid.parse("alice@example.com/phone"));
        assertThat(server.jid()).isEqualTo(client.jid());
        assertThat(client.stream().mechanism()).isEqualTo(mechanism.name());
        assertThat(server.stream().mechanism()).isEqualTo(mechanism.name());
        assertThat(client.tls().orElseThrow().protocol()).isEqualTo(protocol);
        assertThat(server.stream().streamId()).isEqualTo(client.stream().streamId());
    }

    @Test
    void plusMechanismsBindToTheServersCertificate() {
        TransportPair pair = pair();

        XmppSession client = connect(alice(pair).build(), server().build(), pair).getT1();

        assertThat(client.stream().mechanism()).isEqualTo("SCRAM-SHA-512-PLUS");
        assertThat(client.tls().orElseThrow().channelBinding(ChannelBinding.TLS_SERVER_END_POINT)).isPresent();
    }

    @Test
    void directTlsSkipsStartTls() {
        TransportPair pair = pair();
        Mono.zip(pair.client().startTls(TlsRole.CLIENT), pair.server().startTls(TlsRole.SERVER)).block(WAIT);

        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);

        assertThat(sessions.getT1().tls()).isPresent();
        assertThat(sessions.getT2().tls()).isPresent();
        assertThat(sessions.getT1().stream().mechanism()).endsWith("-PLUS");
    }

    @Test
    void externalAuthenticatesWithTheClientCertificate() {
        TransportPair pair = pair(TlsConfig.ClientAuth.NEED, "alice@example.com");

        Tuple2<XmppSession, XmppSession> sessions = connect(XmppClient.builder().jid("alice@example.com/desk")
                        .mechanisms(List.of(ExternalMechanism.EXTERNAL)).connector(d -> Mono.just(pair.client())).build(),
                server().build(), pair);

        assertThat(sessions.getT2().jid()).isEqualTo(Jid.parse("alice@example.com/desk"));
        assertThat(sessions.getT2().stream().mechanism()).isEqualTo("EXTERNAL");
    }

    @Test
    void anonymousGetsAServerAssignedAccountAndResource() {
        TransportPair pair = pair();

        XmppSession client = connect(XmppClient.builder().jid("example.com")
                        .mechanisms(List.of(AnonymousMechanism.ANONYMOUS)).connector(d -> Mono.just(pair.client())).build(),
                server().build(), pair).getT1();

        assertThat(client.jid().localpart()).isPresent();
        assertThat(client.jid().resourcepart()).isPresent();
        assertThat(client.jid().domain()).isEqualTo("example.com");
    }

    @Test
    void aWrongPasswordFailsWithNotAuthorized() {
        TransportPair pair = pair();
        server().build().accept(pair.server()).subscribe(s -> { }, e -> { });

        assertThatThrownBy(() -> alice(pair).password("wrong").build().login().block(WAIT))
                .isInstanceOfSatisfying(SaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED));
    }

    @Test
    void aSubscriberFailingOnTheSessionItWasGivenClosesTheConnection() {
        TransportPair pair = pair();
        Mono<XmppSession> accepted = server().build().accept(pair.server()).cache();
        accepted.subscribe(session -> { }, error -> { });

        assertThatThrownBy(() -> alice(pair).build().login()
                .doOnNext(session -> {
                    throw new IllegalStateException("the application failed on its new session");
                })
                .block(WAIT))
                .hasMessageContaining("the application failed");

        // nobody holds the client session, so it must not stay open: the server sees it close
        assertThat(accepted.block(WAIT).ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_PEER);
    }

    @Test
    void theServersSessionFeaturesReachTheClientsNegotiatedStream() {
        TransportPair pair = pair();
        XmlElement rosterVersioning = XmlElement.builder("urn:xmpp:features:rosterver", "ver").build();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(),
                server().sessionFeature(rosterVersioning).build(), pair);

        assertThat(sessions.getT1().stream().hasFeature("urn:xmpp:features:rosterver", "ver")).isTrue();
        assertThat(sessions.getT1().stream().features()).isEqualTo(sessions.getT2().stream().features());
        assertThatThrownBy(() -> server().sessionFeature(XmlElement.builder("urn:ietf:params:xml:ns:xmpp-bind",
                "bind").build())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negotiation");
    }

    @Test
    void messagesFlowBothWaysAndTheServerStampsTheSender() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();
        String hostile = "</body></message><iq type='set'>'\"<&";

        StepVerifier.create(server.messages().take(1))
                .then(() -> client.send(Message.builder().to(Jid.parse("bob@example.com")).body(hostile).build())
                        .subscribe())
                .assertNext(m -> {
                    assertThat(m.body()).contains(hostile);
                    assertThat(m.from()).contains(Jid.parse("alice@example.com/phone"));
                })
                .verifyComplete();
        StepVerifier.create(client.messages().take(1))
                .then(() -> server.send(Message.builder().from(Jid.parse("bob@example.com/tab"))
                        .to(client.jid()).body("hi alice").build()).subscribe())
                .assertNext(m -> assertThat(m.body()).contains("hi alice"))
                .verifyComplete();
    }

    @Test
    void aForgedFromEndsTheStreamWithInvalidFrom() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);

        sessions.getT1().send(Message.builder().from(Jid.parse("bob@example.com/x"))
                .to(Jid.parse("carol@example.com")).body("spoof").build()).block(WAIT);

        SessionEnd end = sessions.getT1().ended().block(WAIT);
        assertThat(end.error()).containsInstanceOf(PeerStreamErrorException.class);
        assertThat(((PeerStreamErrorException) end.error().orElseThrow()).condition())
                .isEqualTo(StreamErrorCondition.INVALID_FROM);
    }

    @Test
    void iqRepliesAreCorrelatedAndASpoofedReplyIsIgnored() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();
        Jid bob = Jid.parse("bob@example.com/tab");
        Iq request = Iq.get("q1", XmlElement.builder("jabber:iq:version", "query").build()).withTo(bob);
        server.stanzas().ofType(Iq.class).take(1).flatMap(received -> server.send(
                        received.result(XmlElement.builder("jabber:iq:version", "query").attribute("spoofed", "yes")
                                .build()).withFrom(Jid.parse("mallory@example.com/evil")))
                .then(server.send(received.result().withFrom(bob)))).subscribe();

        Iq reply = client.iq(request).block(WAIT);

        assertThat(reply.from()).contains(bob);
        assertThat(reply.extensions()).isEmpty();
    }

    @Test
    void anUnhandledIqRequestIsAnsweredServiceUnavailable() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        Iq request = Iq.get("v1", XmlElement.builder("jabber:iq:version", "query").build())
                .withTo(sessions.getT1().jid()).withFrom(Jid.parse("example.com"));

        assertThatThrownBy(() -> sessions.getT2().iq(request).block(WAIT))
                .isInstanceOfSatisfying(StanzaErrorException.class, e ->
                        assertThat(e.error().condition()).isEqualTo(StanzaErrorCondition.SERVICE_UNAVAILABLE));
    }

    @Test
    void aHandledIqRequestReachesItsSubscriber() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        XmppSession client = sessions.getT1();
        client.iqRequests("jabber:iq:version", "query")
                .flatMap(iq -> client.send(iq.result(XmlElement.builder("jabber:iq:version", "query")
                        .child(XmlElement.builder("jabber:iq:version", "name").text("xmpp-reactive").build()).build())))
                .subscribe();
        Iq request = Iq.get("v2", XmlElement.builder("jabber:iq:version", "query").build())
                .withTo(client.jid()).withFrom(Jid.parse("example.com"));

        Iq reply = sessions.getT2().iq(request).block(WAIT);

        assertThat(reply.extensions().get(0).child("jabber:iq:version", "name").orElseThrow().text())
                .isEqualTo("xmpp-reactive");
    }

    @Test
    void closingEndsBothSidesCleanly() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);

        sessions.getT1().close().block(WAIT);

        assertThat(sessions.getT1().ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_US);
        assertThat(sessions.getT2().ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_PEER);
        StepVerifier.create(sessions.getT1().send(Message.builder().body("late").build()))
                .expectError(IllegalStateException.class).verify(WAIT);
    }

    @Test
    void aSecondLoginWithTheSameResourceReplacesTheFirstWithConflict() {
        XmppServer server = server().build();
        TransportPair first = pair();
        XmppSession old = connect(alice(first).build(), server, first).getT1();
        TransportPair second = pair();

        XmppSession replacement = connect(alice(second).build(), server, second).getT1();

        SessionEnd end = old.ended().block(WAIT);
        assertThat(((PeerStreamErrorException) end.error().orElseThrow()).condition())
                .isEqualTo(StreamErrorCondition.CONFLICT);
        assertThat(replacement.jid()).isEqualTo(Jid.parse("alice@example.com/phone"));
        assertThat(server.session(replacement.jid())).isPresent();
    }

    @Test
    void pendingIqsFailWhenTheStreamEnds() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        Mono<Iq> pending = sessions.getT1().iq(Iq.get("never", XmlElement.builder("urn:x", "q").build())
                .withTo(Jid.parse("bob@example.com/x"))).cache();
        pending.subscribe(i -> { }, e -> { });

        sessions.getT2().close().block(WAIT);

        StepVerifier.create(pending).expectError(IllegalStateException.class).verify(WAIT);
    }

    @Test
    void anIqWithoutReplyTimesOutInVirtualTime() {
        TransportPair pair = pair();
        XmppSession client = connect(alice(pair).build(), server().build(), pair).getT1();
        Iq request = Iq.get("slow", XmlElement.builder("urn:x", "q").build()).withTo(Jid.parse("bob@example.com/x"));

        StepVerifier.withVirtualTime(() -> client.iq(request, Duration.ofSeconds(30)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(29))
                .thenAwait(Duration.ofSeconds(1))
                .expectError(TimeoutException.class)
                .verify(WAIT);
    }

    @Test
    void inboundStanzasWaitForASubscriberAndNoneIsLost() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();
        int count = 600;   // more than SessionSettings.inboundBuffer (256): the rest waits in the pipe

        reactor.core.publisher.Flux.range(0, count)
                .concatMap(i -> server.send(Message.builder().to(client.jid()).body("m" + i).build()))
                .subscribe();

        StepVerifier.create(client.messages().map(m -> m.body().orElseThrow()), 0)
                .thenRequest(1)
                .expectNext("m0")
                .thenRequest(count - 1)
                .expectNextSequence(java.util.stream.IntStream.range(1, count).mapToObj(i -> "m" + i)
                        .collect(java.util.stream.Collectors.toList()))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aSlowSubscriberPausesReadingInsteadOfBuffering() {
        TransportPair pair = InMemoryTransport.pair(PipeConfig.defaults().withCapacityBytes(4096)
                .withClientTls(TlsConfig.client(CERTIFICATES.clientContext(), "example.com"))
                .withServerTls(TlsConfig.server(CERTIFICATES.serverContext("example.com"))));
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        XmppSession client = sessions.getT1();
        XmppSession server = sessions.getT2();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        reactor.core.publisher.Flux.range(0, 5_000)
                .concatMap(i -> server.send(Message.builder().to(client.jid()).body("m" + i).build())
                        .doOnSuccess(v -> written.incrementAndGet()))
                .subscribe();

        // nobody subscribes: the client holds at most inboundBuffer stanzas, the pipe fills, the server's sends wait
        assertThat(pair.server().queuedBytes()).isLessThanOrEqualTo(4096 + 512);
        assertThat(written.get()).isLessThan(5_000);
        StepVerifier.create(client.messages().take(5_000).count()).expectNext(5_000L).expectComplete().verify(WAIT);
        assertThat(written.get()).isEqualTo(5_000);
    }

    @Test
    void theServerSeesIqRepliesItMustRoute() {
        TransportPair pair = pair();
        Tuple2<XmppSession, XmppSession> sessions = connect(alice(pair).build(), server().build(), pair);
        Iq fromBob = Iq.get("b1", XmlElement.builder("jabber:iq:version", "query").build())
                .withTo(sessions.getT1().jid()).withFrom(Jid.parse("bob@example.com/tab"));

        StepVerifier.create(sessions.getT2().stanzas().ofType(Iq.class).take(1))
                .then(() -> sessions.getT1().send(fromBob.result()).subscribe())
                .assertNext(reply -> {
                    assertThat(reply.id()).isEqualTo("b1");
                    assertThat(reply.to()).contains(Jid.parse("bob@example.com/tab"));
                })
                .verifyComplete();
    }
}
