package org.xmppreactive.stream;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.Bind;
import org.xmppreactive.sasl.MalformedSaslException;
import org.xmppreactive.sasl.SaslAbort;
import org.xmppreactive.sasl.SaslAuth;
import org.xmppreactive.sasl.SaslChallenge;
import org.xmppreactive.sasl.SaslChannelBindingTypes;
import org.xmppreactive.sasl.SaslFailure;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.SaslMechanism;
import org.xmppreactive.sasl.SaslMechanisms;
import org.xmppreactive.sasl.SaslResponse;
import org.xmppreactive.sasl.SaslServer;
import org.xmppreactive.sasl.SaslServerContext;
import org.xmppreactive.sasl.SaslServerStep;
import org.xmppreactive.sasl.SaslSuccess;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.IqType;
import org.xmppreactive.stanza.Stanza;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.stream.StreamAction.Await;
import org.xmppreactive.stream.StreamAction.Established;
import org.xmppreactive.stream.StreamAction.Fail;
import org.xmppreactive.stream.StreamAction.OpenStream;
import org.xmppreactive.stream.StreamAction.PendingBytes;
import org.xmppreactive.stream.StreamAction.RestartStream;
import org.xmppreactive.stream.StreamAction.Send;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * The receiving entity's side of client-to-server stream negotiation (RFC 6120 §4–§7) as a pure state machine:
 * it answers each stream header with its own (a fresh id each time) and the features that fit the state, runs
 * STARTTLS, SASL against a {@link org.xmppreactive.sasl.CredentialStore}, and resource binding, and refuses
 * stanzas before all that with {@code not-authorized}.
 *
 * <p>Not thread-safe: the connection calls it from its one inbound subscription, in order, and runs an
 * {@link Await} to completion before the next call.
 */
public final class ServerNegotiation implements Negotiation {

    private enum State { AWAIT_HEADER, NEGOTIATING, AWAIT_TLS, IN_SASL, BINDING, DONE }

    private static final String CONTENT_NAMESPACE = ClientNegotiation.CONTENT_NAMESPACE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerNegotiationSettings settings;
    private State state = State.AWAIT_HEADER;
    private Optional<TlsInfo> tls;
    private String streamId = "";
    private Optional<String> peerLang = Optional.empty();
    private StreamFeatures offered = StreamFeatures.none();   // what the last header was answered with
    private Optional<String> username = Optional.empty();
    private String mechanism = "";
    private SaslServer sasl;
    private int failedAttempts;

    /** A negotiation for {@code settings}; {@code tls} is the TLS already in force (direct TLS), if any. */
    public ServerNegotiation(ServerNegotiationSettings settings, Optional<TlsInfo> tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /**
     * The initiating entity opened a stream: answer with our header and features, or with the stream error the
     * header deserves (RFC 6120 §4.9.3: {@code invalid-namespace}, {@code host-unknown},
     * {@code unsupported-version}). Our header always goes out first, so a stream error has a stream to travel on.
     */
    @Override
    public List<StreamAction> opened(StreamEvent.Opened opened) {
        StreamHeader header = StreamHeader.of(opened);
        streamId = HexFormat.of().formatHex(randomBytes(16));   // RFC 6120 §4.7.3: fresh and unpredictable
        peerLang = header.lang();
        List<StreamAction> actions = new ArrayList<>();
        actions.add(new OpenStream(new StreamHeader(header.from(), Optional.of(settings.domain()),
                Optional.of(streamId), Optional.of(StreamHeader.VERSION), Optional.of("en"))));
        if (state != State.AWAIT_HEADER) {
            return failAfter(actions, StreamErrorCondition.INVALID_XML, "a stream header without a restart");
        }
        Optional<List<StreamAction>> wrong = StreamHeaders.checkRoot(opened, CONTENT_NAMESPACE);
        if (wrong.isPresent()) {
            actions.addAll(wrong.get());
            state = State.DONE;
            return actions;
        }
        if (!header.to().map(this::isOurDomain).orElse(false)) {
            return failAfter(actions, StreamErrorCondition.HOST_UNKNOWN,
                    "this server is " + settings.domain() + ", not " + header.to().orElse("(no 'to')"));
        }
        if (!header.supportsVersion1()) {
            // RFC 6120 §4.7.5: we only speak 1.0 and need the features it brings
            return failAfter(actions, StreamErrorCondition.UNSUPPORTED_VERSION,
                    "version " + header.version().orElse("(none, meaning 0.9)") + " is not supported; use 1.0");
        }
        state = State.NEGOTIATING;
        offered = features();
        actions.add(new Send(offered.toXml(CONTENT_NAMESPACE)));
        return actions;
    }

    /** The initiating entity sent a top-level element during negotiation. */
    @Override
    public List<StreamAction> element(StreamElement element) {
        if (element instanceof StreamError error) {
            state = State.DONE;
            return List.of(Fail.quietly(new PeerStreamErrorException(error)));
        }
        if (state == State.IN_SASL) {
            return saslStep(element);
        }
        if (state != State.NEGOTIATING) {
            return fail(StreamErrorCondition.POLICY_VIOLATION, "nothing was expected from the client now");
        }
        if (element instanceof StartTls) {
            return startTls();
        }
        if (mustStartTls()) {
            // RFC 6120 §5.3.1: with TLS mandatory, nothing but STARTTLS may come first
            return fail(StreamErrorCondition.POLICY_VIOLATION, "STARTTLS is required before anything else");
        }
        if (element instanceof SaslAuth auth) {
            return auth(auth);
        }
        if (isSasl(element)) {
            return malformedSasl(element);
        }
        if (element instanceof Iq iq && username.isPresent() && iq.type() == IqType.SET
                && iq.extensions().stream().anyMatch(Bind.codec()::handles)) {
            return bind(iq);
        }
        if (element instanceof Stanza) {
            return fail(StreamErrorCondition.NOT_AUTHORIZED, username.isEmpty()
                    ? "stanzas are refused before authentication" : "stanzas are refused before resource binding");
        }
        return fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected element <"
                + element.toXml(CONTENT_NAMESPACE).localName() + "/> during negotiation");
    }

    /** The TLS handshake after {@code <proceed/>} completed: the client opens a new stream next. */
    @Override
    public List<StreamAction> tlsEstablished(TlsInfo info) {
        if (state != State.AWAIT_TLS) {
            throw new IllegalStateException("no TLS handshake was asked for");
        }
        tls = Optional.of(info);
        state = State.AWAIT_HEADER;
        return List.of();
    }

    /** The initiating entity closed its stream before negotiation completed. */
    @Override
    public List<StreamAction> closed() {
        state = State.DONE;
        return List.of(Fail.quietly(new NegotiationException("the client closed the stream during negotiation")));
    }

    private boolean isOurDomain(String to) {
        try {
            return Jid.parse(to).equals(Jid.of(settings.domain()));
        } catch (InvalidJidException e) {
            return false;
        }
    }

    private boolean mustStartTls() {
        return settings.tlsRequired() && tls.isEmpty();
    }

    private StreamFeatures features() {
        List<XmlElement> features = new ArrayList<>();
        if (tls.isEmpty() && settings.tlsAvailable() && username.isEmpty()) {   // TLS comes before SASL or not at all
            features.add(StartTls.advertised(settings.tlsRequired()).toXml(CONTENT_NAMESPACE));
        }
        if (!mustStartTls()) {
            if (username.isEmpty()) {
                List<String> offered = offeredMechanisms().stream().map(SaslMechanism::name).toList();
                if (!offered.isEmpty()) {
                    features.add(new SaslMechanisms(offered).toXml());
                }
                if (offered.stream().anyMatch(name -> name.endsWith("-PLUS"))) {
                    // XEP-0440: which channel binding types a -PLUS mechanism may use on this connection
                    features.add(new SaslChannelBindingTypes(tls.orElseThrow().channelBindings().stream()
                            .map(org.xmppreactive.transport.ChannelBinding::type).toList()).toXml());
                }
            } else {
                features.add(XmlElement.builder(Bind.NAMESPACE, Bind.ELEMENT).build());
                if (settings.advertiseLegacySession()) {
                    features.add(new LegacySession(true).toXml());
                }
                features.addAll(settings.sessionFeatures());
            }
        }
        return new StreamFeatures(features);
    }

    private List<SaslMechanism> offeredMechanisms() {
        SaslServerContext probe = saslContext(false);
        boolean plus = settings.mechanisms().stream()
                .anyMatch(m -> m.name().endsWith("-PLUS") && m.isOfferableIn(probe));
        SaslServerContext context = saslContext(plus);
        return settings.mechanisms().stream().filter(m -> m.isOfferableIn(context)).toList();
    }

    private SaslServerContext saslContext(boolean plusOffered) {
        return new SaslServerContext(settings.domain(), settings.credentials(), tls, plusOffered,
                settings.plainWithoutTlsAllowed());
    }

    private List<StreamAction> startTls() {
        if (tls.isPresent() || !settings.tlsAvailable() || username.isPresent()) {
            state = State.DONE;
            return List.of(new Send(new TlsFailure().toXml(CONTENT_NAMESPACE)), Fail.quietly(
                    new NegotiationException("the client asked for STARTTLS where it is not offered")));
        }
        state = State.AWAIT_TLS;
        // RFC 6120 §5.4.3.3: anything the client pipelined after <starttls/> was sent in the clear: drop it
        return List.of(new Send(new Proceed().toXml(CONTENT_NAMESPACE)), new RestartStream(PendingBytes.DISCARD),
                new StreamAction.StartTls());
    }

    private List<StreamAction> auth(SaslAuth auth) {
        if (username.isPresent()) {
            return fail(StreamErrorCondition.POLICY_VIOLATION, "already authenticated");   // RFC 6120 §6.4.6
        }
        List<SaslMechanism> offered = offeredMechanisms();
        Optional<SaslMechanism> chosen = offered.stream().filter(m -> m.name().equals(auth.mechanism())).findFirst();
        if (chosen.isEmpty()) {
            return saslFailure(SaslFailure.of(SaslFailureCondition.INVALID_MECHANISM)
                    .withText(auth.mechanism() + " is not offered here"));
        }
        mechanism = chosen.get().name();
        boolean plus = offered.stream().anyMatch(m -> m.name().endsWith("-PLUS"));
        sasl = chosen.get().server(saslContext(plus));
        state = State.IN_SASL;
        return List.of(new Await(sasl.start(auth.initialResponse()).map(this::onSaslStep)
                .onErrorResume(this::saslBroke)));
    }

    private List<StreamAction> saslStep(StreamElement element) {
        if (element instanceof SaslResponse response) {
            return List.of(new Await(sasl.respond(response.data()).map(this::onSaslStep)
                    .onErrorResume(this::saslBroke)));
        }
        if (element instanceof SaslAbort) {
            state = State.NEGOTIATING;
            return saslFailure(SaslFailure.of(SaslFailureCondition.ABORTED));
        }
        if (isSasl(element)) {
            state = State.NEGOTIATING;
            return malformedSasl(element);
        }
        return fail(StreamErrorCondition.POLICY_VIOLATION, "a SASL exchange is in progress");
    }

    private List<StreamAction> onSaslStep(SaslServerStep step) {
        if (step instanceof SaslServerStep.Challenge challenge) {
            return List.of(new Send(SaslChallenge.of(challenge.data()).toXml(CONTENT_NAMESPACE)));
        }
        if (step instanceof SaslServerStep.Success success) {
            username = Optional.of(success.username());
            state = State.AWAIT_HEADER;
            SaslSuccess element = success.additionalData().map(SaslSuccess::of).orElseGet(SaslSuccess::withoutData);
            return List.of(new Send(element.toXml(CONTENT_NAMESPACE)), new RestartStream(PendingBytes.KEEP));
        }
        SaslServerStep.Failure failure = (SaslServerStep.Failure) step;
        state = State.NEGOTIATING;
        SaslFailure element = SaslFailure.of(failure.condition());
        return saslFailure(failure.text().map(element::withText).orElse(element));
    }

    // A mechanism or credential store that fails is the server's problem, not the client's (RFC 6120 §6.5.11)
    private Mono<List<StreamAction>> saslBroke(Throwable error) {
        state = State.NEGOTIATING;
        return Mono.just(saslFailure(SaslFailure.of(SaslFailureCondition.TEMPORARY_AUTH_FAILURE)));
    }

    private List<StreamAction> saslFailure(SaslFailure failure) {
        failedAttempts++;
        List<StreamAction> actions = new ArrayList<>();
        actions.add(new Send(failure.toXml(CONTENT_NAMESPACE)));
        if (failedAttempts >= settings.maxAuthAttempts()) {
            // RFC 6120 §6.4.5: the server SHOULD allow a few retries, then MAY close the stream
            return failAfter(actions, StreamErrorCondition.NOT_AUTHORIZED,
                    failedAttempts + " failed authentication attempts");
        }
        return actions;
    }

    private static boolean isSasl(StreamElement element) {
        return element instanceof UnknownNonza unknown
                && unknown.element().namespace().equals(SaslMechanisms.NAMESPACE);
    }

    private List<StreamAction> malformedSasl(StreamElement element) {
        XmlElement xml = ((UnknownNonza) element).element();
        SaslFailureCondition condition = SaslFailureCondition.MALFORMED_REQUEST;
        try {
            switch (xml.localName()) {
                case "auth" -> SaslAuth.fromXml(xml);
                case "response" -> SaslResponse.fromXml(xml);
                default -> { }
            }
        } catch (MalformedSaslException e) {
            condition = e.condition();
        }
        return saslFailure(SaslFailure.of(condition));
    }

    private List<StreamAction> bind(Iq iq) {
        Optional<String> requested;
        try {
            requested = iq.extensions().stream().filter(Bind.codec()::handles).findFirst()
                    .map(Bind.codec()::decode).flatMap(Bind::resource);
        } catch (RuntimeException e) {
            return List.of(new Send(iq.error(StanzaError.of(StanzaErrorCondition.BAD_REQUEST)
                    .withText("unreadable bind request")).toXml(CONTENT_NAMESPACE)));
        }
        Jid account = Jid.of(username.orElseThrow(), settings.domain());
        state = State.BINDING;
        Mono<List<StreamAction>> bound = settings.binder().bind(account, requested)
                .<List<StreamAction>>map(jid -> {
                    state = State.DONE;
                    return List.of(new Send(iq.result(Bind.codec().encode(Bind.result(jid))).toXml(CONTENT_NAMESPACE)),
                            new Established(new NegotiatedStream(jid, streamId, tls, mechanism, CONTENT_NAMESPACE,
                                    peerLang, offered)));
                })
                .onErrorResume(StanzaErrorException.class, e -> {
                    state = State.NEGOTIATING;
                    return Mono.just(List.of(new Send(iq.error(e.error()).toXml(CONTENT_NAMESPACE))));
                })
                .onErrorResume(e -> !(e instanceof StanzaErrorException), e -> {
                    state = State.NEGOTIATING;
                    return Mono.just(List.of(new Send(iq.error(StanzaError.of(
                            StanzaErrorCondition.INTERNAL_SERVER_ERROR)).toXml(CONTENT_NAMESPACE))));
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    state = State.NEGOTIATING;
                    return List.of(new Send(iq.error(StanzaError.of(StanzaErrorCondition.NOT_ALLOWED))
                            .toXml(CONTENT_NAMESPACE)));
                }));
        return List.of(new Await(bound));
    }

    private List<StreamAction> fail(StreamErrorCondition condition, String message) {
        return failAfter(new ArrayList<>(), condition, message);
    }

    private List<StreamAction> failAfter(List<StreamAction> actions, StreamErrorCondition condition, String message) {
        state = State.DONE;
        actions.add(Fail.withStreamError(new StreamErrorException(condition, message)));
        return actions;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The receiving entity waits for the initiating entity's header: nothing to do yet. */
    @Override
    public List<StreamAction> start() {
        return List.of();
    }

    @Override
    public String contentNamespace() {
        return CONTENT_NAMESPACE;
    }

    @Override
    public TlsRole tlsRole() {
        return TlsRole.SERVER;
    }
}
