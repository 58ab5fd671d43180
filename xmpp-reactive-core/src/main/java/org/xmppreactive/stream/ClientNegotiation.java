package org.xmppreactive.stream;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.Bind;
import org.xmppreactive.sasl.MalformedSaslException;
import org.xmppreactive.sasl.SaslAuth;
import org.xmppreactive.sasl.SaslChallenge;
import org.xmppreactive.sasl.SaslChannelBindingTypes;
import org.xmppreactive.sasl.SaslClient;
import org.xmppreactive.sasl.SaslClientContext;
import org.xmppreactive.sasl.SaslException;
import org.xmppreactive.sasl.SaslFailure;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.SaslMechanism;
import org.xmppreactive.sasl.SaslMechanisms;
import org.xmppreactive.sasl.SaslResponse;
import org.xmppreactive.sasl.SaslSuccess;
import org.xmppreactive.sasl.StandardMechanisms;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.IqType;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.stream.StreamAction.Established;
import org.xmppreactive.stream.StreamAction.Fail;
import org.xmppreactive.stream.StreamAction.OpenStream;
import org.xmppreactive.stream.StreamAction.PendingBytes;
import org.xmppreactive.stream.StreamAction.RestartStream;
import org.xmppreactive.stream.StreamAction.Send;

/**
 * The initiating entity's side of stream negotiation (RFC 6120 §4–§7) as a pure state machine: STARTTLS, SASL,
 * resource binding, and the legacy session where a server still requires it. Each method takes what happened and
 * returns what to do; nothing here does I/O, so every path is a plain unit test.
 *
 * <pre>{@code
 * ClientNegotiation negotiation = new ClientNegotiation(settings, transport.tlsInfo());
 * run(negotiation.start());                        // [OpenStream]
 * run(negotiation.opened(header));                 // []
 * run(negotiation.element(features));              // [Send(<starttls/>)]
 * }</pre>
 *
 * <p>Not thread-safe: the connection calls it from its one inbound subscription, in order.
 */
public final class ClientNegotiation implements Negotiation {

    /** The content namespace of client-to-server streams. */
    public static final String CONTENT_NAMESPACE = "jabber:client";

    private enum State { AWAIT_HEADER, AWAIT_FEATURES, AWAIT_PROCEED, AWAIT_TLS, AWAIT_SASL, AWAIT_BIND,
        AWAIT_SESSION, DONE }

    private final ClientNegotiationSettings settings;
    private final String idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private State state = State.AWAIT_HEADER;
    private Optional<TlsInfo> tls;
    private boolean authenticated;
    private String streamId = "";
    private Optional<String> peerLang = Optional.empty();
    private StreamFeatures sessionFeatures = StreamFeatures.none();
    private SaslClient sasl;
    private String mechanism = "";
    private String pendingIqId = "";
    private Jid boundJid;
    private boolean sessionRequired;

    /**
     * A negotiation for {@code settings}; {@code tls} is the TLS already in force (direct TLS), if any.
     */
    public ClientNegotiation(ClientNegotiationSettings settings, Optional<TlsInfo> tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /** The first actions: open the stream. */
    @Override
    public List<StreamAction> start() {
        return List.of(openStream());
    }

    /**
     * The receiving entity opened its stream. RFC 6120 §4.7.5: a stream without {@code version='1.0'} has no
     * features to negotiate, so it is refused with {@code unsupported-version}.
     */
    @Override
    public List<StreamAction> opened(StreamEvent.Opened opened) {
        if (state != State.AWAIT_HEADER) {
            return fail(StreamErrorCondition.INVALID_XML, "a second stream header without a restart");
        }
        Optional<List<StreamAction>> wrong = StreamHeaders.checkRoot(opened, CONTENT_NAMESPACE);
        if (wrong.isPresent()) {
            return wrong.get();
        }
        StreamHeader header = StreamHeader.of(opened);
        if (!header.supportsVersion1()) {
            return fail(StreamErrorCondition.UNSUPPORTED_VERSION,
                    "the server's stream has version " + header.version().orElse("(none, meaning 0.9)"));
        }
        streamId = header.id().orElse("");
        peerLang = header.lang();
        state = State.AWAIT_FEATURES;
        return List.of();
    }

    /** The receiving entity sent a top-level element. */
    @Override
    public List<StreamAction> element(StreamElement element) {
        if (element instanceof StreamError error) {
            state = State.DONE;
            return List.of(Fail.quietly(new PeerStreamErrorException(error)));
        }
        return switch (state) {
            case AWAIT_FEATURES -> element instanceof StreamFeatures features ? features(features)
                    : unexpected(element, "<stream:features/>");
            case AWAIT_PROCEED -> proceed(element);
            case AWAIT_SASL -> sasl(element);
            case AWAIT_BIND -> bindResult(element);
            case AWAIT_SESSION -> sessionResult(element);
            default -> unexpected(element, "nothing");
        };
    }

    /** The TLS handshake that STARTTLS began has completed: open the new stream (RFC 6120 §5.4.3.3). */
    @Override
    public List<StreamAction> tlsEstablished(TlsInfo info) {
        if (state != State.AWAIT_TLS) {
            throw new IllegalStateException("no TLS handshake was asked for");
        }
        tls = Optional.of(info);
        state = State.AWAIT_HEADER;
        return List.of(openStream());
    }

    /** The receiving entity closed its stream before negotiation completed. */
    @Override
    public List<StreamAction> closed() {
        state = State.DONE;
        return List.of(Fail.quietly(new NegotiationException("the server closed the stream during negotiation")));
    }

    private StreamAction openStream() {
        // RFC 6120 §4.7.1: 'from' only once the stream is protected, so that the JID is not sent in the clear
        Optional<String> from = tls.map(t -> settings.jid().bare().toString());
        return new OpenStream(StreamHeader.initiating(settings.jid().domain(), from));
    }

    private List<StreamAction> features(StreamFeatures features) {
        if (tls.isEmpty() && settings.tlsPolicy() != TlsPolicy.DISABLED) {
            Optional<StartTls> starttls = StartTls.advertisedIn(features);
            if (starttls.isPresent()) {
                state = State.AWAIT_PROCEED;
                return List.of(new Send(StartTls.request().toXml(CONTENT_NAMESPACE)));
            }
            if (settings.tlsPolicy() == TlsPolicy.REQUIRED) {
                // CVE-2016-10027 class: never fall back to plaintext when TLS is required
                return closeWith(new NegotiationException("TLS is required but the server did not offer STARTTLS; "
                        + "nothing was sent in the clear"));
            }
        }
        if (!authenticated) {
            return authenticate(features);
        }
        if (features.feature(Bind.NAMESPACE, Bind.ELEMENT).isEmpty()) {
            return closeWith(new NegotiationException("the server offered no resource binding after authentication"));
        }
        sessionFeatures = features;
        sessionRequired = LegacySession.advertisedIn(features).map(LegacySession::required).orElse(false);
        Bind request = settings.jid().resourcepart().map(Bind::request).orElseGet(Bind::request);
        pendingIqId = idPrefix + "-bind";
        state = State.AWAIT_BIND;
        return List.of(new Send(Iq.set(pendingIqId, Bind.codec().encode(request)).toXml(CONTENT_NAMESPACE)));
    }

    private List<StreamAction> proceed(StreamElement element) {
        if (element instanceof Proceed) {
            state = State.AWAIT_TLS;
            // the restart comes first so that bytes pipelined after <proceed/> are caught before TLS starts
            return List.of(new RestartStream(PendingBytes.REJECT), new StreamAction.StartTls());
        }
        if (element instanceof TlsFailure) {
            return closeWith(new NegotiationException("the server refused STARTTLS with <failure/>"));
        }
        return unexpected(element, "<proceed/> or <failure/>");
    }

    private List<StreamAction> authenticate(StreamFeatures features) {
        Optional<SaslMechanisms> offered = SaslMechanisms.advertisedIn(features.features());
        if (offered.isEmpty()) {
            return closeWith(new NegotiationException("the server offered no SASL mechanisms"));
        }
        SaslClientContext context = new SaslClientContext(settings.jid().localpart().orElse(""),
                settings.password(), settings.authzid(), tls, offered.get().names(),
                settings.plainWithoutTlsAllowed(), settings.minimumIterations(),
                SaslChannelBindingTypes.advertisedIn(features.features()).map(SaslChannelBindingTypes::types));
        Optional<SaslMechanism> chosen = StandardMechanisms.choose(settings.mechanisms(), context);
        if (chosen.isEmpty()) {
            return closeWith(new SaslException(SaslFailureCondition.INVALID_MECHANISM,
                    "no mechanism the server offers " + offered.get().names() + " is allowed and usable here"
                            + (tls.isEmpty() ? " without TLS" : "")));
        }
        mechanism = chosen.get().name();
        sasl = chosen.get().client(context);
        state = State.AWAIT_SASL;
        SaslAuth auth = sasl.initialResponse().map(data -> SaslAuth.of(mechanism, data))
                .orElseGet(() -> SaslAuth.of(mechanism));
        return List.of(new Send(auth.toXml(CONTENT_NAMESPACE)));
    }

    private List<StreamAction> sasl(StreamElement element) {
        try {
            if (element instanceof SaslChallenge challenge) {
                return List.of(new Send(new SaslResponse(sasl.respond(challenge.data())).toXml(CONTENT_NAMESPACE)));
            }
            if (element instanceof SaslSuccess success) {
                sasl.complete(success.additionalData());
                authenticated = true;
                state = State.AWAIT_HEADER;
                return List.of(new RestartStream(PendingBytes.KEEP), openStream());
            }
            if (element instanceof SaslFailure failure) {
                state = State.DONE;
                return closeWith(new SaslException(failure.condition(), "the server refused authentication"
                        + failure.text().map(text -> ": " + text).orElse(""), failure.text()));
            }
            if (element instanceof UnknownNonza unknown && unknown.element().namespace().equals(SaslMechanisms.NAMESPACE)) {
                return fail(StreamErrorCondition.BAD_FORMAT, "the server sent an unreadable SASL element <"
                        + unknown.element().localName() + "/>");
            }
        } catch (SaslException | MalformedSaslException e) {
            // RFC 6120 §6.4.4 would let us <abort/>; the server has failed to prove itself, so we close instead
            return closeWith(e instanceof SaslException s ? s
                    : new SaslException(SaslFailureCondition.MALFORMED_REQUEST, e.getMessage()));
        }
        return unexpected(element, "a SASL challenge, success or failure");
    }

    private List<StreamAction> bindResult(StreamElement element) {
        if (!(element instanceof Iq iq) || !iq.id().equals(pendingIqId) || iq.isRequest()) {
            return unexpected(element, "the result of the bind request");
        }
        if (iq.type() == IqType.ERROR) {
            return closeWith(new NegotiationException("the server refused resource binding",
                    new StanzaErrorException(iq.error().orElseThrow())));
        }
        Optional<Jid> jid = iq.extensions().stream().filter(Bind.codec()::handles).findFirst()
                .flatMap(payload -> {
                    try {
                        return Bind.codec().decode(payload).jid();
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                });
        if (jid.isEmpty() || jid.get().resourcepart().isEmpty() || !isOurs(jid.get())) {
            return fail(StreamErrorCondition.UNDEFINED_CONDITION, "the bind result carries no full JID of this "
                    + "account: " + jid.map(Jid::toString).orElse("(none)"));
        }
        boundJid = jid.get();   // RFC 6120 §7.6.1: the JID the server returns is the one to use
        if (sessionRequired) {
            pendingIqId = idPrefix + "-session";
            state = State.AWAIT_SESSION;
            return List.of(new Send(Iq.set(pendingIqId, LegacySession.request()).toXml(CONTENT_NAMESPACE)));
        }
        return established();
    }

    // The bound JID must be this account's, or for ANONYMOUS (no localpart configured) one at this domain; with an
    // authzid the server may bind the identity we act for.
    private boolean isOurs(Jid jid) {
        if (settings.authzid().isPresent()) {
            return true;
        }
        if (settings.jid().localpart().isEmpty()) {
            return jid.domain().equals(settings.jid().domain());
        }
        return jid.bare().equals(settings.jid().bare());
    }

    private List<StreamAction> sessionResult(StreamElement element) {
        if (!(element instanceof Iq iq) || !iq.id().equals(pendingIqId) || iq.isRequest()) {
            return unexpected(element, "the result of the session request");
        }
        if (iq.type() == IqType.ERROR) {
            return closeWith(new NegotiationException("the server refused session establishment",
                    new StanzaErrorException(iq.error().orElseThrow())));
        }
        return established();
    }

    private List<StreamAction> established() {
        state = State.DONE;
        return List.of(new Established(new NegotiatedStream(boundJid, streamId, tls, mechanism, CONTENT_NAMESPACE,
                peerLang, sessionFeatures)));
    }

    private List<StreamAction> unexpected(StreamElement element, String expected) {
        String got = element instanceof UnknownNonza unknown ? "<" + unknown.element().localName() + "/>"
                : element.getClass().getSimpleName();
        StreamErrorCondition condition = element instanceof UnknownNonza
                ? StreamErrorCondition.UNSUPPORTED_STANZA_TYPE : StreamErrorCondition.POLICY_VIOLATION;
        return fail(condition, "expected " + expected + " during negotiation, got " + got);
    }

    private List<StreamAction> fail(StreamErrorCondition condition, String message) {
        state = State.DONE;
        return List.of(Fail.withStreamError(new StreamErrorException(condition, message)));
    }

    private List<StreamAction> closeWith(RuntimeException error) {
        state = State.DONE;
        return List.of(Fail.quietly(error));
    }

    @Override
    public String contentNamespace() {
        return CONTENT_NAMESPACE;
    }

    @Override
    public TlsRole tlsRole() {
        return TlsRole.CLIENT;
    }
}
