package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.SessionEnd;
import org.xmppreactive.session.XmppComponent;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stream.PeerStreamErrorException;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Our XEP-0114 component against a scripted server: the handshake, a wrong secret, and stanzas for its domain. */
class ComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NS = "jabber:component:accept";
    private static final String DOMAIN = "component.example.com";
    private static final String STREAM_ID = "eea9e548-e841-4b40-8e26-4340e64fc1ab";
    private static final String SECRET = "s3cret";
    private static final String SERVER_HEADER = "<?xml version='1.0'?><stream:stream "
            + "xmlns:stream='http://etherx.jabber.org/streams' xmlns='" + NS + "' from='" + DOMAIN + "' id='"
            + STREAM_ID + "'>";
    private static final String NOT_AUTHORIZED = "<stream:error><not-authorized "
            + "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";

    private final ByteArrayOutputStream componentWrote = new ByteArrayOutputStream();
    private final TransportPair pair = PipeConfig.defaults().withWiretap((sender, bytes) -> {
        if (sender.name().equals("client")) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            synchronized (componentWrote) {
                componentWrote.writeBytes(copy);
            }
        }
    }).connect();

    private XmppComponent component(String secret) {
        return XmppComponent.builder().domain(DOMAIN).secret(secret)
                .connector(domain -> Mono.just(pair.client())).build();
    }

    /** XEP-0114 §3, computed here independently of the library: hex SHA-1 of stream id then secret. */
    private static String expectedHandshake(String streamId, String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** A scripted server that accepts the component with {@link #SECRET}, then sends {@code afterAcceptance}. */
    private ScriptedPeer acceptingServer(String afterAcceptance) throws Exception {
        String handshake = expectedHandshake(STREAM_ID, SECRET);
        return ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(SERVER_HEADER)
                .expect("<handshake>" + handshake + "</handshake>",
                        e -> e.is(NS, "handshake") && e.text().equals(handshake))
                .send("<handshake/>" + afterAcceptance);   // in one write: what follows the acceptance is kept
    }

    private static CompletableFuture<Void> run(ScriptedPeer server) {
        return server.run().toFuture();
    }

    private static boolean isFrom(XmlElement element, String from, String to) {
        return element.attribute("from").equals(Optional.of(from)) && element.attribute("to").equals(Optional.of(to));
    }

    @Test
    void componentHandshakesThenReceivesAndAnswersAMessageForItsDomain() throws Exception {
        CompletableFuture<Void> server = run(acceptingServer(
                "<message from='alice@example.com/phone' to='" + DOMAIN + "' id='m1'><body>ping</body></message>")
                .expect("the reply to alice", e -> e.is(NS, "message") && isFrom(e, DOMAIN, "alice@example.com/phone")
                        && e.child(NS, "body").map(XmlElement::text).equals(Optional.of("pong")))
                .expectClose()
                .send("</stream:stream>"));

        XmppSession session = component(SECRET).connect().block(WAIT);
        Message ping = session.messages().next().block(WAIT);
        session.send(Message.builder().from(ping.to().orElseThrow()).to(ping.from().orElseThrow()).body("pong")
                .build()).block(WAIT);
        session.close().block(WAIT);

        assertThat(session.jid()).isEqualTo(Jid.of(DOMAIN));
        assertThat(session.stream().streamId()).isEqualTo(STREAM_ID);
        assertThat(session.stream().contentNamespace()).isEqualTo(NS);
        assertThat(ping.from()).contains(Jid.parse("alice@example.com/phone"));
        assertThat(ping.body()).contains("ping");
        assertThat(server).succeedsWithin(WAIT);
        assertThat(session.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_US);
        String wire;
        synchronized (componentWrote) {
            wire = componentWrote.toString(StandardCharsets.UTF_8);
        }
        String header = wire.substring(wire.indexOf("<stream:stream"), wire.indexOf('>', wire.indexOf("<stream:stream")));
        assertThat(header).contains("xmlns='" + NS + "'").contains("to='" + DOMAIN + "'").doesNotContain("version=");
    }

    @Test
    void aWrongSecretFailsTheConnectWithNotAuthorized() throws Exception {
        String rightHandshake = expectedHandshake(STREAM_ID, SECRET);
        CompletableFuture<Void> server = run(ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(SERVER_HEADER)
                .expect("a handshake that is not the right one",
                        e -> e.is(NS, "handshake") && !e.text().equals(rightHandshake))
                .send(NOT_AUTHORIZED));

        StepVerifier.create(component("wrong").connect())
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(
                        PeerStreamErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.NOT_AUTHORIZED)))
                .verify(WAIT);
        assertThat(server).succeedsWithin(WAIT);
    }

    @Test
    void anIqRequestNobodyHandlesIsAnsweredServiceUnavailableFromTheAddressedJid() throws Exception {
        CompletableFuture<Void> server = run(acceptingServer(
                "<iq type='get' id='q1' from='alice@example.com/phone' to='bot@" + DOMAIN + "'>"
                        + "<query xmlns='urn:example:unknown'/></iq>")
                .expect("service-unavailable from bot@" + DOMAIN, e -> e.is(NS, "iq")
                        && e.attribute("type").equals(Optional.of("error"))
                        && e.attribute("id").equals(Optional.of("q1"))
                        && isFrom(e, "bot@" + DOMAIN, "alice@example.com/phone")
                        && e.child(NS, "error").flatMap(error -> error.child(StanzaErrorCondition.NAMESPACE,
                                "service-unavailable")).isPresent())
                .send("</stream:stream>"));

        XmppSession session = component(SECRET).connect().block(WAIT);

        assertThat(session.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_PEER);
        assertThat(server).succeedsWithin(WAIT);
    }

    @Test
    void iqRequestsForAHandledPayloadReachTheSubscriberWhoAnswersThem() throws Exception {
        CompletableFuture<Void> server = run(acceptingServer("")
                .expect("the component's presence: it is ready", e -> e.is(NS, "presence"))
                .send("<iq type='get' id='t1' from='alice@example.com/phone' to='" + DOMAIN + "'>"
                        + "<time xmlns='urn:xmpp:time'/></iq>")
                .expect("the result", e -> e.is(NS, "iq") && e.attribute("type").equals(Optional.of("result"))
                        && e.attribute("id").equals(Optional.of("t1"))
                        && isFrom(e, DOMAIN, "alice@example.com/phone"))
                .send("</stream:stream>"));

        XmppSession session = component(SECRET).connect().block(WAIT);
        Mono<Void> answered = session.iqRequests("urn:xmpp:time", "time").next()
                .flatMap(request -> session.send(request.result())).cache();
        answered.subscribe();
        session.send(Presence.builder().from(Jid.of(DOMAIN)).to(Jid.parse("alice@example.com")).build()).block(WAIT);

        answered.block(WAIT);
        assertThat(session.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_PEER);
        assertThat(server).succeedsWithin(WAIT);
    }

    @Test
    void anIqReplyCountsOnlyFromTheJidTheRequestWasSentTo() throws Exception {
        Jid alice = Jid.parse("alice@example.com/phone");
        CompletableFuture<Void> server = run(acceptingServer("")
                .expectAndReply("the request to alice", e -> e.is(NS, "iq") && isFrom(e, DOMAIN, alice.toString()),
                        request -> {
                            String id = request.attribute("id").orElseThrow();
                            return "<iq type='result' id='" + id + "' from='mallory@example.com/x' to='" + DOMAIN
                                    + "'><spoofed xmlns='urn:example'/></iq>"
                                    + "<iq type='result' id='" + id + "' from='" + alice + "' to='" + DOMAIN
                                    + "'><genuine xmlns='urn:example'/></iq>";
                        })
                .expectClose()
                .send("</stream:stream>"));

        XmppSession session = component(SECRET).connect().block(WAIT);
        Iq result = session.iq(Iq.get("v1", XmlElement.builder("urn:example", "query").build())
                .withTo(alice).withFrom(Jid.of(DOMAIN))).block(WAIT);

        assertThat(result.from()).contains(alice);
        session.close().block(WAIT);

        assertThat(result.extensions()).singleElement().satisfies(e -> assertThat(e.localName()).isEqualTo("genuine"));
        assertThat(server).succeedsWithin(WAIT);
    }
}
