package org.xmppreactive.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.sasl.SaslAuth;
import org.xmppreactive.sasl.SaslData;
import org.xmppreactive.sasl.SaslFailure;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.SaslMechanisms;
import org.xmppreactive.sasl.StandardMechanisms;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;

/** The receiving entity's negotiation as a pure state machine. */
class ServerNegotiationTest {

    private static final String NS = ClientNegotiation.CONTENT_NAMESPACE;

    private static ServerNegotiation server(boolean tlsAvailable, boolean tlsRequired) {
        InMemoryCredentialStore credentials = new InMemoryCredentialStore().add("alice", "secret");
        return new ServerNegotiation(new ServerNegotiationSettings("example.com", credentials,
                StandardMechanisms.serverOffer(), tlsAvailable, tlsRequired, true,
                (account, resource) -> Mono.just(account.withResource(resource.orElse("r"))), 2, true,
                List.of(XmlElement.builder("urn:xmpp:features:rosterver", "ver").build())),
                Optional.empty());
    }

    private static StreamEvent.Opened header(String to, String version, String contentNamespace) {
        XmlElement.Builder header = XmlElement.builder(StreamEvent.STREAM_NAMESPACE, "stream");
        if (to != null) {
            header.attribute("to", to);
        }
        if (version != null) {
            header.attribute("version", version);
        }
        return new StreamEvent.Opened(header.build(), Map.of("", contentNamespace));
    }

    private static StreamFeatures features(List<StreamAction> actions) {
        XmlElement features = ((StreamAction.Send) actions.get(1)).element();
        return StreamFeatures.fromXml(features);
    }

    private static Optional<StreamErrorCondition> streamError(List<StreamAction> actions) {
        return actions.stream().filter(StreamAction.Fail.class::isInstance).map(StreamAction.Fail.class::cast)
                .findFirst().flatMap(StreamAction.Fail::streamError).map(StreamError::condition);
    }

    @Test
    void answersEachHeaderWithItsOwnHeaderAndAFreshId() {
        ServerNegotiation server = server(true, true);

        List<StreamAction> first = server.opened(header("example.com", "1.0", NS));

        StreamHeader ours = ((StreamAction.OpenStream) first.get(0)).header();
        assertThat(ours.from()).contains("example.com");
        assertThat(ours.version()).contains("1.0");
        assertThat(ours.id().orElseThrow()).hasSizeGreaterThanOrEqualTo(32);
        server.element(StartTls.request());
        server.tlsEstablished(new org.xmppreactive.transport.TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256",
                List.of(), List.of(), List.of()));
        StreamHeader second = ((StreamAction.OpenStream) server.opened(header("example.com", "1.0", NS)).get(0))
                .header();
        assertThat(second.id()).isNotEqualTo(ours.id());
    }

    @Test
    void withTlsRequiredOnlyStartTlsIsAdvertised() {
        StreamFeatures features = features(server(true, true).opened(header("example.com", "1.0", NS)));

        assertThat(features.features()).hasSize(1);
        assertThat(StartTls.advertisedIn(features)).contains(StartTls.advertised(true));
    }

    @Test
    void startTlsIsAnsweredWithProceedAndPipelinedPlaintextIsDiscarded() {
        ServerNegotiation server = server(true, true);
        server.opened(header("example.com", "1.0", NS));

        List<StreamAction> actions = server.element(StartTls.request());

        assertThat(((StreamAction.Send) actions.get(0)).element().localName()).isEqualTo("proceed");
        assertThat(actions.subList(1, 3)).containsExactly(
                new StreamAction.RestartStream(StreamAction.PendingBytes.DISCARD), new StreamAction.StartTls());
    }

    @Test
    void anythingButStartTlsWhileTlsIsRequiredIsAPolicyViolation() {
        ServerNegotiation server = server(true, true);
        server.opened(header("example.com", "1.0", NS));

        assertThat(streamError(server.element(SaslAuth.of("PLAIN", SaslData.ofUtf8("\0alice\0secret")))))
                .contains(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void stanzasBeforeAuthenticationAreRefusedWithNotAuthorized() {
        ServerNegotiation server = server(false, false);
        server.opened(header("example.com", "1.0", NS));

        List<StreamAction> actions = server.element(Message.builder().to(Jid.parse("bob@example.com"))
                .body("hi").build());

        assertThat(streamError(actions)).contains(StreamErrorCondition.NOT_AUTHORIZED);
    }

    @Test
    void aHeaderToAnotherDomainIsHostUnknownAfterOurOwnHeader() {
        List<StreamAction> actions = server(false, false).opened(header("example.org", "1.0", NS));

        assertThat(actions.get(0)).isInstanceOf(StreamAction.OpenStream.class);
        assertThat(streamError(actions)).contains(StreamErrorCondition.HOST_UNKNOWN);
    }

    @Test
    void aPreVersionOneClientIsUnsupportedVersion() {
        assertThat(streamError(server(false, false).opened(header("example.com", null, NS))))
                .contains(StreamErrorCondition.UNSUPPORTED_VERSION);
    }

    @Test
    void aWrongContentNamespaceIsInvalidNamespace() {
        assertThat(streamError(server(false, false).opened(header("example.com", "1.0", "jabber:server"))))
                .contains(StreamErrorCondition.INVALID_NAMESPACE);
    }

    @Test
    void anUnknownMechanismIsInvalidMechanismAndTheClientMayRetry() {
        ServerNegotiation server = server(false, false);
        server.opened(header("example.com", "1.0", NS));

        List<StreamAction> actions = server.element(SaslAuth.of("DIGEST-MD5"));

        XmlElement failure = ((StreamAction.Send) actions.get(0)).element();
        assertThat(SaslFailure.fromXml(failure).condition()).isEqualTo(SaslFailureCondition.INVALID_MECHANISM);
        assertThat(actions).hasSize(1);
    }

    @Test
    void authWithDataThatIsNotBase64IsIncorrectEncoding() {
        ServerNegotiation server = server(false, false);
        server.opened(header("example.com", "1.0", NS));
        StreamElement broken = new UnknownNonza(XmlElement.builder(SaslMechanisms.NAMESPACE, "auth")
                .attribute("mechanism", "PLAIN").text("not*base64").build());

        List<StreamAction> actions = server.element(broken);

        XmlElement failure = ((StreamAction.Send) actions.get(0)).element();
        assertThat(SaslFailure.fromXml(failure).condition()).isEqualTo(SaslFailureCondition.INCORRECT_ENCODING);
    }

    @Test
    void repeatedFailuresEndTheStreamWithNotAuthorized() {
        ServerNegotiation server = server(false, false);
        server.opened(header("example.com", "1.0", NS));
        List<StreamAction> first = server.element(SaslAuth.of("PLAIN", SaslData.ofUtf8("\0alice\0wrong")));
        List<StreamAction> firstResult = ((StreamAction.Await) first.get(0)).next().block();
        assertThat(streamError(firstResult)).isEmpty();

        List<StreamAction> second = server.element(SaslAuth.of("PLAIN", SaslData.ofUtf8("\0alice\0wrong")));
        List<StreamAction> secondResult = ((StreamAction.Await) second.get(0)).next().block();

        assertThat(SaslFailure.fromXml(((StreamAction.Send) secondResult.get(0)).element()).condition())
                .isEqualTo(SaslFailureCondition.NOT_AUTHORIZED);
        assertThat(streamError(secondResult)).contains(StreamErrorCondition.NOT_AUTHORIZED);
    }

    @Test
    void startTlsIsNotOfferedOnceAuthenticatedInTheClear() {
        ServerNegotiation server = server(true, false);
        server.opened(header("example.com", "1.0", NS));
        List<StreamAction> auth = server.element(SaslAuth.of("PLAIN", SaslData.ofUtf8("\0alice\0secret")));
        List<StreamAction> success = ((StreamAction.Await) auth.get(0)).next().block();
        assertThat(((StreamAction.Send) success.get(0)).element().localName()).isEqualTo("success");

        StreamFeatures features = features(server.opened(header("example.com", "1.0", NS)));

        assertThat(StartTls.advertisedIn(features)).isEmpty();
        assertThat(streamError(server.element(StartTls.request()))).isEmpty();   // refused with <failure/>
    }

    @Test
    void theSessionFeaturesAreOfferedAfterAuthenticationAndKeptInTheNegotiatedStream() {
        ServerNegotiation server = server(false, false);
        server.opened(header("example.com", "1.0", NS));
        List<StreamAction> auth = server.element(SaslAuth.of("PLAIN", SaslData.ofUtf8("\0alice\0secret")));
        ((StreamAction.Await) auth.get(0)).next().block();

        StreamFeatures features = features(server.opened(header("example.com", "1.0", NS)));
        assertThat(features.feature("urn:xmpp:features:rosterver", "ver")).isPresent();
        assertThat(features.feature(org.xmppreactive.payload.Bind.NAMESPACE, "bind")).isPresent();

        List<StreamAction> bind = server.element(org.xmppreactive.stanza.Iq.set("b1",
                org.xmppreactive.payload.Bind.codec().encode(org.xmppreactive.payload.Bind.request("desk"))));
        List<StreamAction> bound = ((StreamAction.Await) bind.get(0)).next().block();

        NegotiatedStream stream = ((StreamAction.Established) bound.get(1)).stream();
        assertThat(stream.jid()).hasToString("alice@example.com/desk");
        assertThat(stream.features()).isEqualTo(features);
    }
}
