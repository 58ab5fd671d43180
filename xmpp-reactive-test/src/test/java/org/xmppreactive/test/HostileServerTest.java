package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xmppreactive.sasl.SaslException;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.ScramMechanism;
import org.xmppreactive.session.SessionEnd;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stream.NegotiationException;
import org.xmppreactive.stream.PeerStreamErrorException;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.TlsPolicy;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Our client against scripted servers that misbehave: each must end in a typed error, never a hang or a login. */
class HostileServerTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String TLS_FEATURES = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
            + "<required/></starttls></stream:features>";
    private static final String SCRAM_FEATURES = "<stream:features><mechanisms xmlns='" + SASL + "'>"
            + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>";

    private final TransportPair pair = InMemoryTransport.pair(
            TlsConfig.client(CERTIFICATES.clientContext(), "example.com"),
            TlsConfig.server(CERTIFICATES.serverContext("example.com")));

    private XmppClient client(TlsPolicy policy) {
        return XmppClient.builder().jid("alice@example.com").password("alice-secret").tlsPolicy(policy)
                .mechanisms(List.of(ScramMechanism.SCRAM_SHA_1)).connector(domain -> Mono.just(pair.client())).build();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(XmlElement element) {
        return new String(Base64.getDecoder().decode(element.text().strip()), StandardCharsets.UTF_8);
    }

    /** The client nonce of a SCRAM client-first message, {@code n,,n=user,r=NONCE}. */
    private static String clientNonce(XmlElement auth) {
        String first = decoded(auth);
        return first.substring(first.indexOf("r=") + 2);
    }

    private static Function<XmlElement, String> challenge(Function<String, String> serverFirst) {
        return auth -> "<challenge xmlns='" + SASL + "'>" + base64(serverFirst.apply(clientNonce(auth)))
                + "</challenge>";
    }

    private void failsWith(Class<? extends Throwable> type, ScriptedPeer server, XmppClient client,
                           java.util.function.Consumer<Throwable> check) {
        server.run().subscribe(v -> { }, e -> { });
        StepVerifier.create(client.login())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(type);
                    check.accept(error);
                })
                .verify(WAIT);
    }

    @Test
    void aServerThatDoesNotOfferStartTlsIsRefusedBeforeCredentials() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + SCRAM_FEATURES)
                .expectClose();

        failsWith(NegotiationException.class, server, client(TlsPolicy.REQUIRED),
                e -> assertThat(e).hasMessageContaining("TLS is required"));
        StepVerifier.create(server.run()).expectError().verify(WAIT);   // the script was already run: nothing more came
    }

    @Test
    void bytesInjectedAfterProceedInTheSameReadAreRefused() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + TLS_FEATURES)
                .expect("starttls")
                .send("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><stream:features/>");   // one read

        failsWith(NegotiationException.class, server, client(TlsPolicy.REQUIRED),
                e -> assertThat(e).hasMessageContaining("after <proceed/>"));
    }

    @Test
    void aWrongServerSignatureFailsTheLogin() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + SCRAM_FEATURES)
                .expectAndReply("<auth/>", e -> e.localName().equals("auth"),
                        challenge(nonce -> "r=" + nonce + "srv,s=" + base64("salt") + ",i=4096"))
                .expectAndReply("<response/>", e -> e.localName().equals("response"),
                        response -> "<success xmlns='" + SASL + "'>" + base64("v=" + base64("not the signature"))
                                + "</success>");

        failsWith(SaslException.class, server, client(TlsPolicy.DISABLED),
                e -> assertThat(((SaslException) e).condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED));
    }

    @Test
    void aServerNonceThatDoesNotExtendOursIsRefused() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + SCRAM_FEATURES)
                .expectAndReply("<auth/>", e -> e.localName().equals("auth"),
                        challenge(nonce -> "r=someoneelses" + nonce + ",s=" + base64("salt") + ",i=4096"));

        failsWith(SaslException.class, server, client(TlsPolicy.DISABLED),
                e -> assertThat(e).hasMessageContaining("nonce"));
    }

    @Test
    void aLowIterationCountIsRefused() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + SCRAM_FEATURES)
                .expectAndReply("<auth/>", e -> e.localName().equals("auth"),
                        challenge(nonce -> "r=" + nonce + "srv,s=" + base64("salt") + ",i=64"));

        failsWith(SaslException.class, server, client(TlsPolicy.DISABLED),
                e -> assertThat(e).hasMessageContaining("64"));
    }

    @Test
    void aStreamErrorDuringNegotiationIsTypedWithItsConditionAndText() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + TLS_FEATURES)
                .expect("starttls")
                .send("<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>going down</text></stream:error>")
                .expectClose();

        failsWith(PeerStreamErrorException.class, server, client(TlsPolicy.REQUIRED), e -> {
            assertThat(((PeerStreamErrorException) e).condition()).isEqualTo(StreamErrorCondition.SYSTEM_SHUTDOWN);
            assertThat(((PeerStreamErrorException) e).error().text()).contains("going down");
        });
    }

    @Test
    void malformedXmlFromTheServerIsAnsweredWithNotWellFormed() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + "<stream:features></mismatched>")
                .expect("a <not-well-formed/> stream error", e -> e.localName().equals("error")
                        && e.child("urn:ietf:params:xml:ns:xmpp-streams", "not-well-formed").isPresent())
                .expectClose();
        Mono<Void> script = server.run().cache();
        script.subscribe(v -> { }, e -> { });

        StepVerifier.create(client(TlsPolicy.REQUIRED).login()).expectError().verify(WAIT);
        StepVerifier.create(script).verifyComplete();
    }

    @Test
    void aCloseIsAnsweredAndTimesOutWhenThePeerNeverClosesInVirtualTime() {
        TransportPair plain = InMemoryTransport.pair();
        ScriptedPeer server = ScriptedLogin.server(plain)
                .expectClose();     // and never answers it
        server.run().subscribe(v -> { }, e -> { });
        XmppSession session = ScriptedLogin.client(plain, WAIT);

        StepVerifier.withVirtualTime(session::close)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(4))
                .thenAwait(Duration.ofSeconds(1))
                .verifyComplete();
        assertThat(session.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_US);
    }

    @Test
    void theClientsOwnStartTlsWorksAgainstAScriptedServer() {
        ScriptedPeer server = ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + TLS_FEATURES)
                .expect("starttls")
                .send("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
                .startTls(TlsRole.SERVER)
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + "<stream:features><mechanisms xmlns='" + SASL + "'>"
                        + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>")
                .expect("auth")
                .send("<failure xmlns='" + SASL + "'><account-disabled/><text>Call 212-555-1212</text></failure>");

        failsWith(SaslException.class, server, client(TlsPolicy.REQUIRED), e -> {
            assertThat(((SaslException) e).condition()).isEqualTo(SaslFailureCondition.ACCOUNT_DISABLED);
            assertThat(((SaslException) e).text()).contains("Call 212-555-1212");
        });
    }

    @Test
    void anErrorIsNeverAnsweredButAnUnhandledRequestGetsServiceUnavailable() {
        TransportPair plain = InMemoryTransport.pair();
        ScriptedPeer server = ScriptedLogin.server(plain)
                .send("<iq type='error' id='e1' from='example.com'><error type='cancel'><bad-request "
                        + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"
                        + "<message type='error' from='bob@example.com'><error type='cancel'><gone "
                        + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
                        + "<iq type='get' id='g1' from='example.com'><query xmlns='jabber:iq:version'/></iq>")
                .expect("service-unavailable for g1, and no reply to e1 before it", e -> e.localName().equals("iq")
                        && "g1".equals(e.attribute("id").orElse(""))
                        && "error".equals(e.attribute("type").orElse(""))
                        && e.child("jabber:client", "error").flatMap(error -> error.child(
                                "urn:ietf:params:xml:ns:xmpp-stanzas", "service-unavailable")).isPresent());
        Mono<Void> script = server.run().cache();
        script.subscribe(v -> { }, e -> { });

        XmppSession session = ScriptedLogin.client(plain, WAIT);

        StepVerifier.create(script).verifyComplete();
        assertThat(session.jid().toString()).isEqualTo("alice@example.com/r1");
    }

    @Test
    void aRequestArrivingWhileWeCloseDoesNotTurnTheCloseIntoAFailure() {
        TransportPair plain = InMemoryTransport.pair();
        ScriptedPeer server = ScriptedLogin.server(plain)
                .expectClose()
                .send("<iq type='get' id='late' from='example.com'><query xmlns='jabber:iq:version'/></iq>"
                        + "</stream:stream>");
        Mono<Void> script = server.run().cache();
        script.subscribe(v -> { }, e -> { });
        XmppSession session = ScriptedLogin.client(plain, WAIT);

        session.close().block(WAIT);

        StepVerifier.create(script).verifyComplete();
        assertThat(session.ended().block(WAIT)).isEqualTo(SessionEnd.closed(SessionEnd.Reason.CLOSED_BY_US));
    }

    @Test
    void anInvalidStanzaIsAnsweredWithItsErrorAndSwappedAddresses() {
        TransportPair plain = InMemoryTransport.pair();
        ScriptedPeer server = ScriptedLogin.server(plain)
                .send("<presence type='bogus' id='p1' from='bob@example.com/x' to='alice@example.com/r1'/>")
                .expect("a bad-request presence error back to bob, from alice", e -> e.localName().equals("presence")
                        && "error".equals(e.attribute("type").orElse(""))
                        && "bob@example.com/x".equals(e.attribute("to").orElse(""))
                        && "alice@example.com/r1".equals(e.attribute("from").orElse(""))
                        && e.child("jabber:client", "error").flatMap(error -> error.child(
                                "urn:ietf:params:xml:ns:xmpp-stanzas", "bad-request")).isPresent());
        Mono<Void> script = server.run().cache();
        script.subscribe(v -> { }, e -> { });

        XmppSession session = ScriptedLogin.client(plain, WAIT);

        StepVerifier.create(script).verifyComplete();
        assertThat(session.jid().toString()).isEqualTo("alice@example.com/r1");
    }
}
