package org.xmppreactive.stream;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.stream.StreamAction.Established;
import org.xmppreactive.stream.StreamAction.Fail;
import org.xmppreactive.stream.StreamAction.OpenStream;
import org.xmppreactive.stream.StreamAction.Send;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.xml.StreamEvent;

/**
 * The component's side of the Jabber Component Protocol (XEP-0114) as a pure state machine: open a stream in
 * {@code jabber:component:accept} to the component's domain, read the stream id from the server's header, prove the
 * shared secret with a {@link ComponentHandshake}, and on the server's empty {@code <handshake/>} the session is
 * established for that domain. There are no stream features, no STARTTLS and no SASL: component streams have no
 * version (XEP-0114 §3).
 *
 * <pre>{@code
 * ComponentNegotiation negotiation = new ComponentNegotiation(Jid.of("component.example.com"), "s3cret",
 *         Optional.empty());
 * negotiation.start();              // [OpenStream(to='component.example.com')]
 * negotiation.opened(header);       // [Send(<handshake>sha1(id + secret)</handshake>)]
 * negotiation.element(handshake);   // [Established(component.example.com)]
 * }</pre>
 *
 * <p>Not thread-safe: the connection calls it from its one inbound subscription, in order.
 */
public final class ComponentNegotiation implements Negotiation {

    /** The content namespace of component streams the component initiates (XEP-0114 §3). */
    public static final String CONTENT_NAMESPACE = "jabber:component:accept";

    /** What {@link NegotiatedStream#mechanism()} says for a component session. */
    public static final String MECHANISM = "handshake";

    private enum State { AWAIT_HEADER, AWAIT_HANDSHAKE, DONE }

    private final Jid domain;
    private final String secret;
    private final Optional<TlsInfo> tls;
    private State state = State.AWAIT_HEADER;
    private String streamId = "";
    private Optional<String> peerLang = Optional.empty();

    /**
     * A negotiation for the component {@code domain} with the shared {@code secret}; {@code tls} is the TLS already
     * in force on the connection, if any.
     *
     * @throws IllegalArgumentException if {@code domain} has a localpart or a resourcepart
     */
    public ComponentNegotiation(Jid domain, String secret, Optional<TlsInfo> tls) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.tls = Objects.requireNonNull(tls, "tls");
        if (domain.localpart().isPresent() || domain.resourcepart().isPresent()) {
            throw new IllegalArgumentException("a component is a domain, not " + domain);
        }
    }

    /** The first action: open the stream to the component's domain, without a version. */
    @Override
    public List<StreamAction> start() {
        return List.of(new OpenStream(new StreamHeader(Optional.of(domain.domain()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())));
    }

    /** The server opened its stream: answer its id with the handshake. */
    @Override
    public List<StreamAction> opened(StreamEvent.Opened opened) {
        if (state != State.AWAIT_HEADER) {
            return fail(StreamErrorCondition.INVALID_XML, "a second stream header from the server");
        }
        Optional<List<StreamAction>> wrong = StreamHeaders.checkRoot(opened, CONTENT_NAMESPACE);
        if (wrong.isPresent()) {
            state = State.DONE;
            return wrong.get();
        }
        StreamHeader header = StreamHeader.of(opened);
        Optional<String> id = header.id().filter(value -> !value.isEmpty());
        if (id.isEmpty()) {
            return fail(StreamErrorCondition.UNDEFINED_CONDITION,
                    "the server's stream header has no id, and the handshake is computed from it (XEP-0114 §3)");
        }
        streamId = id.get();
        peerLang = header.lang();
        state = State.AWAIT_HANDSHAKE;
        return List.of(new Send(ComponentHandshake.of(streamId, secret).toXml()));
    }

    /**
     * The server sent a top-level element: its empty {@code <handshake/>} establishes the session, a stream error
     * (e.g. {@code not-authorized} for a wrong secret) fails with a {@link PeerStreamErrorException}.
     */
    @Override
    public List<StreamAction> element(StreamElement element) {
        if (element instanceof StreamError error) {
            state = State.DONE;
            return List.of(Fail.quietly(new PeerStreamErrorException(error)));
        }
        if (state == State.AWAIT_HANDSHAKE && element instanceof UnknownNonza unknown
                && ComponentHandshake.isHandshake(unknown.element())) {
            // XEP-0114 §3 says the server's element is empty; whatever it holds, it can only mean acceptance
            state = State.DONE;
            return List.of(new Established(new NegotiatedStream(domain, streamId, tls, MECHANISM, CONTENT_NAMESPACE,
                    peerLang, StreamFeatures.none())));
        }
        String got = element instanceof UnknownNonza unknown ? "<" + unknown.element().localName() + "/>"
                : element.getClass().getSimpleName();
        return fail(element instanceof UnknownNonza ? StreamErrorCondition.UNSUPPORTED_STANZA_TYPE
                : StreamErrorCondition.POLICY_VIOLATION, "expected <handshake/> from the server, got " + got);
    }

    /** Never asked for: a component stream has no STARTTLS. */
    @Override
    public List<StreamAction> tlsEstablished(TlsInfo info) {
        throw new IllegalStateException("a component negotiation never asks for TLS");
    }

    /** The server closed its stream before accepting the handshake. */
    @Override
    public List<StreamAction> closed() {
        state = State.DONE;
        return List.of(Fail.quietly(new NegotiationException(
                "the server closed the stream before accepting the component handshake")));
    }

    private List<StreamAction> fail(StreamErrorCondition condition, String message) {
        state = State.DONE;
        return List.of(Fail.withStreamError(new StreamErrorException(condition, message)));
    }

    /** {@code jabber:component:accept}. */
    @Override
    public String contentNamespace() {
        return CONTENT_NAMESPACE;
    }

    /** {@link TlsRole#CLIENT}, unused: component streams negotiate no TLS. */
    @Override
    public TlsRole tlsRole() {
        return TlsRole.CLIENT;
    }
}
