package org.xmppreactive.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.SessionEnd;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppComponent;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.stanza.StanzaErrorType;
import org.xmppreactive.stream.PeerStreamErrorException;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * Our XEP-0114 component against real Prosody and ejabberd on 127.0.0.1, the same scenarios against both and no
 * special case for either: the component connects in plain TCP to the component port (loopback only), and a client,
 * alice, talks to it through the server.
 */
@ExtendWith(RealServers.class)
class ComponentInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PAYLOAD_NAMESPACE = "urn:example:component-interop";

    private final List<XmppSession> sessions = new ArrayList<>();

    // autoCloseArguments = false below: RealServer is AutoCloseable, and JUnit would stop it after one test
    static Stream<RealServer> servers() {
        return RealServers.both();
    }

    private XmppSession connect(XmppComponent.Builder component) {
        XmppSession session = component.build().connect().block(WAIT);
        sessions.add(session);
        return session;
    }

    // the servers outlive this class: a test that fails half-way must not leave its sessions on them
    @AfterEach
    void closeSessions() {
        sessions.forEach(session -> session.close().block(WAIT));
    }

    private static XmppComponent.Builder component(RealServer server) {
        return XmppComponent.builder().domain(server.componentDomain()).secret(RealServer.COMPONENT_SECRET)
                .connector(TcpClientTransport.create().host(server.host()).port(server.componentPort()));
    }

    private XmppSession alice(RealServer server, String resource) {
        TcpClientTransport tcp = TcpClientTransport.create().host(server.host()).port(server.c2sPort())
                .trust(TrustOptions.caFile(server.caCertificate()));
        XmppSession session = XmppClient.builder().jid("alice@" + server.domain() + "/" + resource)
                .password(RealServer.password("alice")).connector(tcp).build().login().block(WAIT);
        sessions.add(session);
        return session;
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void aClientsMessageReachesTheComponentAndItsReplyReachesTheClient(RealServer server) {
        XmppSession component = connect(component(server));
        XmppSession alice = alice(server, "component-chat");
        Jid componentJid = Jid.of(server.componentDomain());
        Mono<Message> atComponent = component.messages().filter(m -> m.body().equals(Optional.of("ping")))
                .next().cache();
        atComponent.subscribe();
        Mono<Message> atAlice = alice.messages().filter(m -> m.from().equals(Optional.of(componentJid)))
                .next().cache();
        atAlice.subscribe();

        alice.send(Message.builder().to(componentJid).type(MessageType.CHAT).body("ping").build()).block(WAIT);
        Message ping = atComponent.block(WAIT);
        component.send(Message.builder().from(componentJid).to(ping.from().orElseThrow()).type(MessageType.CHAT)
                .body("pong").build()).block(WAIT);

        assertThat(component.jid()).isEqualTo(componentJid);
        assertThat(ping.from()).contains(alice.jid());
        assertThat(atAlice.block(WAIT).body()).contains("pong");
        alice.close().block(WAIT);
        component.close().block(WAIT);
        assertThat(component.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_US);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void aWrongSecretIsNotAuthorized(RealServer server) {
        assertThatThrownBy(() -> component(server).secret("wrong").build().connect().block(WAIT))
                .isInstanceOfSatisfying(PeerStreamErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.NOT_AUTHORIZED));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void anIqRequestTheComponentHandlesIsAnsweredByIt(RealServer server) {
        XmppSession component = connect(component(server));
        Jid bot = Jid.of("bot", server.componentDomain());
        component.iqRequests(PAYLOAD_NAMESPACE, "query")
                .flatMap(request -> component.send(request.result(answer("from-component"))))
                .subscribe();
        XmppSession alice = alice(server, "component-iq");

        Iq result = alice.iq(Iq.get("handled-1", query()).withTo(bot)).block(WAIT);

        assertThat(result.from()).contains(bot);
        assertThat(result.extensions()).singleElement()
                .satisfies(answer -> assertThat(answer.text()).isEqualTo("from-component"));
        alice.close().block(WAIT);
        component.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void anIqRequestTheComponentDoesNotHandleIsAnsweredServiceUnavailable(RealServer server) {
        XmppSession component = connect(component(server));
        XmppSession alice = alice(server, "component-unhandled");

        // cancel and no text: the component's own automatic answer, not one the server makes up for it
        assertThatThrownBy(() -> alice.iq(Iq.get("unhandled-1", query())
                .withTo(Jid.of("bot", server.componentDomain()))).block(WAIT))
                .isInstanceOfSatisfying(StanzaErrorException.class, e -> {
                    assertThat(e.error().condition()).isEqualTo(StanzaErrorCondition.SERVICE_UNAVAILABLE);
                    assertThat(e.error().type()).isEqualTo(StanzaErrorType.CANCEL);
                    assertThat(e.error().text()).isEmpty();
                });
        alice.close().block(WAIT);
        component.close().block(WAIT);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void theComponentsIqRequestToAClientGetsTheClientsAnswer(RealServer server) {
        XmppSession component = connect(component(server));
        XmppSession alice = alice(server, "component-callee");
        alice.iqRequests(PAYLOAD_NAMESPACE, "query")
                .flatMap(request -> alice.send(request.result(answer("from-alice"))))
                .subscribe();

        Iq result = component.iq(Iq.get("to-alice-1", query()).withFrom(Jid.of("bot", server.componentDomain()))
                .withTo(alice.jid())).block(WAIT);

        assertThat(result.from()).contains(alice.jid());
        assertThat(result.extensions()).singleElement()
                .satisfies(answer -> assertThat(answer.text()).isEqualTo("from-alice"));
        alice.close().block(WAIT);
        component.close().block(WAIT);
    }

    private static XmlElement query() {
        return XmlElement.builder(PAYLOAD_NAMESPACE, "query").build();
    }

    private static XmlElement answer(String text) {
        return XmlElement.builder(PAYLOAD_NAMESPACE, "query").text(text).build();
    }
}
