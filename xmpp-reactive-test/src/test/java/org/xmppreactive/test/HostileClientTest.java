package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.session.SessionSettings;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stream.StreamErrorException;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Our server (the receiving role) against scripted clients that misbehave. */
class HostileClientTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STREAMS = "urn:ietf:params:xml:ns:xmpp-streams";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String CLIENT_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
    // PLAIN "\0alice\0alice-secret"
    private static final String PLAIN_AUTH = "<auth xmlns='" + SASL + "' mechanism='PLAIN'>AGFsaWNlAGFsaWNlLXNlY3JldA=="
            + "</auth>";

    private final InMemoryCredentialStore accounts = new InMemoryCredentialStore().add("alice", "alice-secret");

    private static boolean streamError(XmlElement element, String condition) {
        return element.localName().equals("error") && element.child(STREAMS, condition).isPresent();
    }

    private static boolean features(XmlElement element) {
        return element.localName().equals("features");
    }

    /** A scripted client that has opened its stream and read our features. */
    private static ScriptedPeer opened(TransportPair pair) {
        return ScriptedPeer.over(pair.client())
                .send(CLIENT_HEADER)
                .expectStreamHeader()
                .expect("features", HostileClientTest::features);
    }

    /** A scripted client that has logged in with PLAIN and bound a resource. */
    private static ScriptedPeer bound(TransportPair pair) {
        return opened(pair)
                .send(PLAIN_AUTH)
                .expect("success")
                .restartStream()
                .send(CLIENT_HEADER)
                .expectStreamHeader()
                .expect("features", HostileClientTest::features)
                .send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>r</resource>"
                        + "</bind></iq>")
                .expect("bind result", e -> e.localName().equals("iq") && "result".equals(e.attribute("type")
                        .orElse("")));
    }

    /** Runs the script while the server accepts; returns the server's outcome. */
    private Mono<XmppSession> accept(XmppServer server, TransportPair pair, ScriptedPeer client) {
        Mono<Void> script = client.run().cache();
        script.subscribe(v -> { }, e -> { });
        Mono<XmppSession> session = server.accept(pair.server()).cache();
        session.subscribe(v -> { }, e -> { });
        StepVerifier.create(script).verifyComplete();
        return session;
    }

    private XmppServer plaintextServer() {
        return XmppServer.builder("example.com", accounts).startTls(false, false).allowPlainWithoutTls().build();
    }

    @Test
    void stanzasBeforeAuthenticationAreRefusedWithNotAuthorized() {
        TransportPair pair = InMemoryTransport.pair();
        ScriptedPeer client = opened(pair)
                .send("<message to='bob@example.com'><body>early</body></message>")
                .expect("<not-authorized/>", e -> streamError(e, "not-authorized"))
                .expectClose();

        StepVerifier.create(accept(plaintextServer(), pair, client))
                .expectError(StreamErrorException.class).verify(WAIT);
    }

    @Test
    void beforeAuthenticationAnElementOverTenThousandBytesIsAPolicyViolation() {
        TransportPair pair = InMemoryTransport.pair();
        ScriptedPeer client = opened(pair)
                .send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + "A".repeat(12_000) + "</auth>")
                .expect("<policy-violation/>", e -> streamError(e, "policy-violation"))
                .expectClose();

        StepVerifier.create(accept(plaintextServer(), pair, client))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StreamErrorException.class)
                        .hasMessageContaining("10000"))
                .verify(WAIT);
    }

    @Test
    void negotiationIsNeverLooserThanTheSession() {
        TransportPair pair = InMemoryTransport.pair();
        XmppServer strict = XmppServer.builder("example.com", accounts).startTls(false, false).allowPlainWithoutTls()
                .sessionSettings(SessionSettings.defaults().withDecoderLimits(
                        DecoderLimits.defaults().withMaxElementBytes(4096)))
                .build();
        ScriptedPeer client = opened(pair)
                .send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + "A".repeat(6_000) + "</auth>")
                .expect("<policy-violation/>", e -> streamError(e, "policy-violation"))
                .expectClose();

        StepVerifier.create(accept(strict, pair, client))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("4096"))
                .verify(WAIT);
    }

    @Test
    void afterAuthenticationTheSessionsLimitsApply() {
        TransportPair pair = InMemoryTransport.pair();
        String body = "b".repeat(50_000);
        ScriptedPeer client = bound(pair)
                .send("<message to='bob@example.com'><body>" + body + "</body></message>");

        XmppSession session = accept(plaintextServer(), pair, client).block(WAIT);

        assertThat(session.messages().blockFirst(WAIT).body()).contains(body);
    }

    @Test
    void aWrongStreamNamespaceIsInvalidNamespace() {
        TransportPair pair = InMemoryTransport.pair();
        ScriptedPeer client = ScriptedPeer.over(pair.client())
                .send(CLIENT_HEADER.replace("jabber:client", "jabber:server"))
                .expectStreamHeader()
                .expect("<invalid-namespace/>", e -> streamError(e, "invalid-namespace"))
                .expectClose();

        StepVerifier.create(accept(plaintextServer(), pair, client)).expectError().verify(WAIT);
    }

    @Test
    void plaintextPipelinedAfterStartTlsIsDiscardedNotRead() {
        TransportPair pair = InMemoryTransport.pair(TlsConfig.client(CERTIFICATES.clientContext(), "example.com"),
                TlsConfig.server(CERTIFICATES.serverContext("example.com")));
        ScriptedPeer client = opened(pair)
                // the injected auth rides behind <starttls/> in the same write: it must never count
                .send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>" + PLAIN_AUTH)
                .expect("proceed")
                .startTls(TlsRole.CLIENT)
                .send(CLIENT_HEADER)
                .expectStreamHeader()
                .expect("features offering SASL, not bind", e -> features(e)
                        && e.child(SASL, "mechanisms").isPresent()
                        && e.child("urn:ietf:params:xml:ns:xmpp-bind", "bind").isEmpty())
                .close();

        Mono<XmppSession> session = accept(XmppServer.builder("example.com", accounts).build(), pair, client);

        StepVerifier.create(session).expectError().verify(WAIT);
    }

    @Test
    void anUnknownTopLevelElementAfterBindingIsUnsupportedStanzaType() {
        TransportPair pair = InMemoryTransport.pair();
        ScriptedPeer client = bound(pair)
                .send("<foo xmlns='urn:example:unknown'/>")
                .expect("<unsupported-stanza-type/>", e -> streamError(e, "unsupported-stanza-type"))
                .expectClose();

        XmppSession session = accept(plaintextServer(), pair, client).block(WAIT);

        assertThat(session.ended().block(WAIT).error()).containsInstanceOf(StreamErrorException.class);
    }

    @Test
    void aClientWithoutVersionGetsUnsupportedVersionOnAStreamOfOurs() {
        TransportPair pair = InMemoryTransport.pair();
        ScriptedPeer client = ScriptedPeer.over(pair.client())
                .send(CLIENT_HEADER.replace("to='example.com' version='1.0'>", "to='example.com'>"))
                .expectStreamHeader()
                .expect("<unsupported-version/>", e -> streamError(e, "unsupported-version"))
                .expectClose();

        StepVerifier.create(accept(plaintextServer(), pair, client)).expectError().verify(WAIT);
    }

    @Test
    void garbageBeforeTheHeaderStillGetsAStreamHeaderAndNotWellFormed() {
        TransportPair pair = InMemoryTransport.pair();
        ScriptedPeer client = ScriptedPeer.over(pair.client())
                .send("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><a></b>")
                .expectStreamHeader()
                .expect("a stream error", e -> e.localName().equals("error"))
                .expectClose();

        StepVerifier.create(accept(plaintextServer(), pair, client)).expectError().verify(WAIT);
    }
}
