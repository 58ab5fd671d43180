package org.xmppreactive.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppreactive.disco.ServiceDiscovery;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.DiscoInfo;
import org.xmppreactive.ping.PingService;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.sasl.SaslException;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.SaslMechanism;
import org.xmppreactive.sasl.ScramMechanism;
import org.xmppreactive.session.SessionEnd;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stream.PeerStreamErrorException;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.TlsPolicy;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;
import reactor.core.publisher.Mono;

/**
 * Our client against real Prosody and ejabberd on 127.0.0.1, the same scenarios against both and no special case
 * for either: both servers are started once for the run by {@link RealServers}.
 */
@ExtendWith(RealServers.class)
class ServerInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HOSTILE = "</body></message><iq type='set'>'\"<&";

    private final List<XmppSession> sessions = new ArrayList<>();

    // autoCloseArguments = false below: RealServer is AutoCloseable, and JUnit would stop it after one test
    static Stream<RealServer> servers() {
        return RealServers.both();
    }

    private static XmppClient.Builder client(RealServer server, String jid, boolean directTls) {
        String user = Jid.parse(jid).localpart().orElseThrow();
        TcpClientTransport tcp = TcpClientTransport.create().host(server.host())
                .port(directTls ? server.directTlsPort() : server.c2sPort())
                .directTls(directTls)
                .trust(TrustOptions.caFile(server.caCertificate()));
        return XmppClient.builder().jid(jid).password(RealServer.password(user)).connector(tcp)
                .tlsPolicy(directTls ? TlsPolicy.DISABLED : TlsPolicy.REQUIRED);
    }

    private XmppSession login(XmppClient.Builder client) {
        XmppSession session = client.build().login().block(WAIT);
        sessions.add(session);
        return session;
    }

    // the servers outlive this class: a test that fails half-way must not leave its sessions on them
    @AfterEach
    void closeSessions() {
        sessions.forEach(session -> session.close().block(WAIT));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void startTlsAndScramSha1(RealServer server) {
        XmppSession session = login(client(server, "alice@" + server.domain() + "/it",
                false).mechanisms(List.<SaslMechanism>of(ScramMechanism.SCRAM_SHA_1)));

        assertThat(session.stream().mechanism()).isEqualTo("SCRAM-SHA-1");
        assertThat(session.tls()).isPresent();
        assertThat(session.jid().bare()).isEqualTo(Jid.parse("alice@" + server.domain()));
        session.close().block(WAIT);
        assertThat(session.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_US);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void scramSha256(RealServer server) {
        XmppSession session = login(client(server, "carol@" + server.sha256Domain(), false)
                .mechanisms(List.<SaslMechanism>of(ScramMechanism.SCRAM_SHA_256)));

        assertThat(session.stream().mechanism()).isEqualTo("SCRAM-SHA-256");
        session.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void directTls(RealServer server) {
        XmppSession session = login(client(server, "bob@" + server.domain(), true));

        assertThat(session.tls()).isPresent();
        assertThat(session.stream().mechanism()).startsWith("SCRAM-SHA-");
        session.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void aWrongPasswordIsNotAuthorized(RealServer server) {
        assertThatThrownBy(() -> login(client(server, "alice@" + server.domain(), false).password("wrong")))
                .isInstanceOfSatisfying(SaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void aSecondLoginWithTheSameResourceEndsTheFirstWithConflict(RealServer server) {
        String jid = "alice@" + server.domain() + "/twice";
        XmppSession first = login(client(server, jid, false));

        XmppSession second = login(client(server, jid, false));

        SessionEnd end = first.ended().block(WAIT);
        assertThat(end.error()).containsInstanceOf(PeerStreamErrorException.class);
        assertThat(((PeerStreamErrorException) end.error().orElseThrow()).condition())
                .isEqualTo(StreamErrorCondition.CONFLICT);
        second.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void aHostileLookingMessageArrivesExactlyOnceAndIntact(RealServer server) {
        XmppSession alice = login(client(server, "alice@" + server.domain() + "/sender", false));
        XmppSession bob = login(client(server, "bob@" + server.domain() + "/receiver", false));
        String id = HOSTILE + UUID.randomUUID();
        Mono<List<Message>> received = bob.messages().filter(m -> m.id().equals(java.util.Optional.of(id)))
                .take(Duration.ofSeconds(3)).collectList().cache();
        received.subscribe();

        alice.send(Message.builder().id(id).to(bob.jid()).type(MessageType.CHAT).body(HOSTILE).build()).block(WAIT);

        List<Message> messages = received.block(WAIT);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).contains(HOSTILE);
        assertThat(messages.get(0).from()).contains(alice.jid());
        alice.close().block(WAIT);
        bob.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void rosterFetch(RealServer server) {
        XmppSession alice = login(client(server, "alice@" + server.domain(), false));

        Iq result = alice.iq(Iq.get("roster-it", RosterQuery.codec().encode(RosterQuery.request()))).block(WAIT);

        assertThat(result.extensions()).hasSize(1);
        assertThat(RosterQuery.codec().decode(result.extensions().get(0)).items()).isNotNull();
        alice.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void directedPresenceReachesTheOtherSide(RealServer server) {
        XmppSession alice = login(client(server, "alice@" + server.domain() + "/p", false));
        XmppSession bob = login(client(server, "bob@" + server.domain() + "/p", false));
        Mono<Presence> seen = bob.presences().filter(p -> p.from().equals(java.util.Optional.of(alice.jid())))
                .next().cache();
        seen.subscribe();

        alice.send(Presence.builder().to(bob.jid()).status("directed").build()).block(WAIT);

        assertThat(seen.block(WAIT).status()).contains("directed");
        alice.close().block(WAIT);
        bob.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void theServerAnswersPingAndDescribesItselfThroughDisco(RealServer server) {
        XmppSession alice = login(client(server, "alice@" + server.domain() + "/disco", false));
        Jid domain = Jid.of(server.domain());
        ServiceDiscovery disco = ServiceDiscovery.serve(alice, DiscoInfo.builder()
                .identity(new DiscoInfo.Identity("client", "pc", "interop")).feature(DiscoInfo.NAMESPACE).build(),
                "https://xmpp-reactive.org/it");

        Duration rtt = PingService.ping(alice, domain, WAIT).block(WAIT);
        DiscoInfo info = disco.info(domain).block(WAIT);

        assertThat(rtt).isPositive();
        assertThat(info.identities()).anyMatch(identity -> identity.category().equals("server"));
        assertThat(info.hasFeature(DiscoInfo.NAMESPACE)).isTrue();
        assertThat(info.hasFeature("urn:xmpp:ping")).isTrue();
        alice.close().block(WAIT);
    }
}
