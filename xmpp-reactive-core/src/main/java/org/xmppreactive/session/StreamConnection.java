package org.xmppreactive.session;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.InvalidStanza;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Stanza;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorType;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stream.LegacySession;
import org.xmppreactive.stream.Negotiation;
import org.xmppreactive.stream.NegotiatedStream;
import org.xmppreactive.stream.NegotiationException;
import org.xmppreactive.stream.PeerStreamErrorException;
import org.xmppreactive.stream.StreamAction;
import org.xmppreactive.stream.StreamElements;
import org.xmppreactive.stream.StreamError;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;
import org.xmppreactive.stream.StreamHeader;
import org.xmppreactive.transport.Transport;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * One XMPP connection in either role: it reads the transport through one subscription, decodes each buffer in
 * place, runs the negotiation's actions in order, and once negotiation is complete, runs the session: IQ
 * correlation, IQ request routing, inbound stanzas with backpressure, and the close handshake.
 *
 * <p>Reading is strictly one step at a time: the next event is parsed only after the previous one's actions
 * completed, and the next buffer is requested only after the last event of the previous one. So a stream restart
 * can fall in the middle of a buffer, and no byte is read from the socket while TLS is being started.
 */
final class StreamConnection {

    private final Transport transport;
    private final Negotiation negotiation;
    private final SessionSettings settings;
    private final boolean receivingRole;
    private final XmppStreamDecoder decoder;
    private final XmppStreamEncoder encoder;
    private final InboundOutlet<Stanza> inbound;
    private final IqCaller iqs;
    private final Map<String, Sinks.Many<Iq>> iqHandlers = new ConcurrentHashMap<>();
    private volatile MonoSink<XmppSession> negotiated;
    private final Sinks.One<SessionEnd> ended = Sinks.one();
    private final Sinks.Empty<Void> peerClosed = Sinks.empty();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final Object writeLock = new Object();
    private boolean outputClosed;
    private volatile boolean headerSent;
    private volatile NegotiatedStream stream;
    private volatile XmppSession session;
    private volatile reactor.core.Disposable reading;

    StreamConnection(Transport transport, Negotiation negotiation, SessionSettings settings, boolean receivingRole) {
        this(transport, negotiation, settings, receivingRole, settings.decoderLimits());
    }

    /** A connection that enforces {@code negotiationLimits} until negotiation is complete, then the settings'. */
    StreamConnection(Transport transport, Negotiation negotiation, SessionSettings settings, boolean receivingRole,
                     DecoderLimits negotiationLimits) {
        this.transport = transport;
        this.negotiation = negotiation;
        this.settings = settings;
        this.receivingRole = receivingRole;
        this.decoder = new XmppStreamDecoder(negotiationLimits);
        this.encoder = new XmppStreamEncoder(negotiation.contentNamespace());
        this.inbound = new InboundOutlet<>(settings.inboundBuffer());
        this.iqs = new IqCaller(settings.maxPendingIqs(), this::send);
    }

    /**
     * Starts the connection; emits the session once negotiated, or the negotiation's failure. The session is
     * emitted on the reading thread before anything after negotiation is read, so handlers that the subscriber
     * registers as it receives the session (e.g. in {@code doOnNext}) see every stanza. A cancel from downstream,
     * before the session came or as the subscriber failed on it, closes the connection: nobody else holds it.
     */
    Mono<XmppSession> start() {
        return Mono.<XmppSession>create(sink -> {
            negotiated = sink;   // before reading starts: negotiation may complete within subscribe()
            reactor.core.Disposable loop = run(negotiation.start())
                    .thenMany(read())
                    .subscribe(null, this::onReadError, this::onReadComplete);
            reading = loop;
            if (finished.get()) {
                loop.dispose();   // it finished within subscribe(), before finish() could see the loop
            }
        }).doOnCancel(() -> finish(SessionEnd.failed(new java.util.concurrent.CancellationException(
                "the session was cancelled by the subscriber of login() or accept()")), Optional.empty()).subscribe());
    }

    // ---- reading

    private Flux<Void> read() {
        return transport.receive().concatMap(buffer -> Flux.defer(() -> {
            bytesReceived.addAndGet(buffer.remaining());
            decoder.offer(buffer);
            return Flux.<StreamEvent>generate(events -> {
                if (!finished.get() && decoder.hasNext()) {
                    events.next(decoder.next());
                } else {
                    events.complete();
                }
            }).concatMap(this::onEvent, 0);
        }), 0);
    }

    private Mono<Void> onEvent(StreamEvent event) {
        if (finished.get()) {
            return Mono.empty();
        }
        if (stream == null) {
            if (event instanceof StreamEvent.Opened opened) {
                return run(negotiation.opened(opened));
            }
            if (event instanceof StreamEvent.Element element) {
                return run(negotiation.element(
                        StreamElements.decode(element.element(), negotiation.contentNamespace())));
            }
            return run(negotiation.closed());
        }
        if (event instanceof StreamEvent.Element element) {
            return onElement(StreamElements.decode(element.element(), negotiation.contentNamespace()));
        }
        if (event instanceof StreamEvent.Closed) {
            return onPeerClose();
        }
        return failWith(new StreamErrorException(StreamErrorCondition.INVALID_XML,
                "a new stream header in the middle of the session"));
    }

    private void onReadError(Throwable error) {
        if (error instanceof StreamErrorException e && !(e instanceof PeerStreamErrorException)) {
            failWith(e).subscribe();
        } else {
            finish(SessionEnd.failed(error), Optional.empty()).subscribe();
        }
    }

    private void onReadComplete() {
        if (closing.get()) {
            finish(SessionEnd.closed(SessionEnd.Reason.CLOSED_BY_US), Optional.empty()).subscribe();
        } else if (stream == null) {
            finish(SessionEnd.failed(new NegotiationException("the connection closed during negotiation")),
                    Optional.empty()).subscribe();
        } else {
            finish(SessionEnd.failed(new ConnectionLostException()), Optional.empty()).subscribe();
        }
    }

    // ---- negotiation

    private Mono<Void> run(List<StreamAction> actions) {
        return Flux.fromIterable(actions).concatMap(this::run, 0).then();
    }

    private Mono<Void> run(StreamAction action) {
        if (action instanceof StreamAction.OpenStream open) {
            headerSent = true;
            return write(encoder.openStream(open.header().toAttributes()));
        }
        if (action instanceof StreamAction.Send send) {
            return write(encoder.encode(send.element()));
        }
        if (action instanceof StreamAction.RestartStream restart) {
            return Mono.fromRunnable(() -> restart(restart.pending()));
        }
        if (action instanceof StreamAction.StartTls) {
            return transport.startTls(negotiation.tlsRole()).flatMap(info -> run(negotiation.tlsEstablished(info)));
        }
        if (action instanceof StreamAction.Await await) {
            return await.next().flatMap(this::run);
        }
        if (action instanceof StreamAction.Established established) {
            return Mono.fromRunnable(() -> established(established.stream()));
        }
        StreamAction.Fail fail = (StreamAction.Fail) action;
        return finish(SessionEnd.failed(fail.error()), fail.streamError());
    }

    private void restart(StreamAction.PendingBytes pending) {
        ByteBuffer rest = decoder.restart();
        if (pending == StreamAction.PendingBytes.KEEP) {
            return;
        }
        int pendingBytes = rest.remaining();
        decoder.discardPending();
        if (pending == StreamAction.PendingBytes.REJECT && pendingBytes > 0) {
            // the classic STARTTLS injection: plaintext riding behind <proceed/> (CVE-2011-0411 class)
            throw new NegotiationException(pendingBytes + " bytes arrived after <proceed/> in the same read; "
                    + "they were sent in the clear and are refused");
        }
    }

    private void established(NegotiatedStream negotiatedStream) {
        decoder.limits(settings.decoderLimits());   // the peer is authenticated and bound: the session's limits
        iqs.bound(negotiatedStream.jid());
        session = new XmppSession(this);
        stream = negotiatedStream;   // last: until it is set, an end fails login() instead of leaving it waiting
        negotiated.success(session);
    }

    // ---- the session

    private Mono<Void> onElement(StreamElement element) {
        if (element instanceof StreamError error) {
            return finish(SessionEnd.failed(new PeerStreamErrorException(error)), Optional.empty());
        }
        if (element instanceof Stanza stanza) {
            return onStanza(stanza);
        }
        if (element instanceof InvalidStanza invalid) {
            return replyToInvalid(invalid);
        }
        return failWith(new StreamErrorException(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                "<" + element.toXml(negotiation.contentNamespace()).localName()
                        + "/> is not expected once the session is established"));
    }

    private Mono<Void> onStanza(Stanza received) {
        Stanza stanza = received;
        if (receivingRole) {
            Jid client = stream.jid();
            // RFC 6120 §8.1.2.1: the server stamps the client's full JID, or rejects a forged one
            if (stanza.from().isPresent() && !stanza.from().get().equals(client)
                    && !stanza.from().get().equals(client.bare())) {
                return failWith(new StreamErrorException(StreamErrorCondition.INVALID_FROM,
                        "'" + stanza.from().get() + "' is not " + client));
            }
            stanza = stanza.withFrom(client);
        }
        if (!(stanza instanceof Iq iq)) {
            return inbound.offer(stanza);
        }
        if (!iq.isRequest()) {
            if (iqs.accept(iq) || !receivingRole) {
                return Mono.empty();   // a client drops a reply nobody awaits: never answered (§8.2.3)
            }
            return inbound.offer(iq);  // the server routes replies to whoever asked
        }
        Optional<XmlElement> payload = iq.extensions().stream().findFirst();
        if (payload.isEmpty()) {
            return reply(iq.error(StanzaError.of(StanzaErrorCondition.BAD_REQUEST)
                    .withText("an IQ request carries exactly one payload")));
        }
        Sinks.Many<Iq> handler = iqHandlers.get(key(payload.get().namespace(), payload.get().localName()));
        if (handler != null) {
            Sinks.EmitResult result = emit(handler, iq);
            if (result.isSuccess()) {
                return Mono.empty();
            }
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                return reply(iq.error(StanzaError.of(StanzaErrorType.WAIT, StanzaErrorCondition.RESOURCE_CONSTRAINT)
                        .withText("too many requests of this kind are waiting")));
            }
        }
        if (receivingRole) {
            if (payload.get().is(LegacySession.NAMESPACE, "session")) {
                return reply(iq.result());   // RFC 3921 §3: nothing to do any more, but old clients ask
            }
            return inbound.offer(iq);      // the server application routes it
        }
        // RFC 6120 §8.4: a request nobody here handles
        return reply(iq.error(StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE)));
    }

    /** An automatic reply: skipped once our stream is closing, where nothing more may be sent. */
    private Mono<Void> reply(Stanza stanza) {
        return reply(stanza.toXml(negotiation.contentNamespace()));
    }

    private Mono<Void> reply(XmlElement element) {
        if (closing.get() || finished.get()) {
            return Mono.empty();
        }
        return write(encoder.encode(element)).onErrorResume(e -> Mono.empty());
    }

    // Unicast sinks refuse concurrent emissions; the reader and the end of the session may meet here.
    private static Sinks.EmitResult emit(Sinks.Many<Iq> handler, Iq iq) {
        Sinks.EmitResult result;
        do {
            result = handler.tryEmitNext(iq);
        } while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
        return result;
    }

    private static void complete(Sinks.Many<Iq> handler) {
        while (handler.tryEmitComplete() == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            Thread.onSpinWait();
        }
    }

    private Mono<Void> replyToInvalid(InvalidStanza invalid) {
        XmlElement element = invalid.element();
        boolean iqWithoutId = element.localName().equals("iq") && element.attribute("id").isEmpty();
        if (invalid.isError() || iqWithoutId) {
            return Mono.empty();   // an error is never answered with an error; an IQ without id cannot be
        }
        XmlElement.Builder answer = XmlElement.builder(element.namespace(), element.localName())
                .attribute("type", "error");
        element.attribute("id").ifPresent(id -> answer.attribute("id", id));
        if (receivingRole) {
            answer.attribute("to", stream.jid().toString());
        } else {
            // addresses swapped, as Iq.error() does: a component's server expects the 'from' it was sent to
            element.attribute("from").ifPresent(from -> answer.attribute("to", from));
            element.attribute("to").ifPresent(to -> answer.attribute("from", to));
        }
        answer.child(invalid.error().withText(invalid.reason()).toXml(negotiation.contentNamespace()));
        return reply(answer.build());
    }

    private Mono<Void> onPeerClose() {
        if (closing.get()) {
            peerClosed.tryEmitEmpty();
            return Mono.empty();
        }
        return finish(SessionEnd.closed(SessionEnd.Reason.CLOSED_BY_PEER), Optional.empty());
    }

    // ---- what the session offers

    NegotiatedStream stream() {
        return stream;
    }

    /** The session, once negotiated. */
    java.util.Optional<XmppSession> session() {
        return java.util.Optional.ofNullable(session);
    }

    SessionSettings settings() {
        return settings;
    }

    long bytesReceived() {
        return bytesReceived.get();
    }

    boolean readingHeldBack() {
        return inbound.isHolding();
    }

    Flux<Stanza> stanzas() {
        return inbound.flux();
    }

    Flux<Iq> iqRequests(String namespace, String localName) {
        return Flux.defer(() -> {
            if (finished.get()) {
                return Flux.empty();
            }
            Sinks.Many<Iq> sink = Sinks.many().unicast()
                    .onBackpressureBuffer(reactor.util.concurrent.Queues.<Iq>get(settings.iqRequestBuffer()).get());
            String key = key(namespace, localName);
            if (iqHandlers.putIfAbsent(key, sink) != null) {
                return Flux.error(new IllegalStateException("IQ requests for {" + namespace + "}" + localName
                        + " already have a subscriber"));
            }
            if (finished.get()) {
                complete(sink);   // the session ended while this subscriber registered
            }
            return sink.asFlux().doFinally(signal -> iqHandlers.remove(key, sink));
        });
    }

    Mono<Void> send(Stanza stanza) {
        return Mono.defer(() -> {
            if (finished.get() || closing.get()) {
                return Mono.error(new IllegalStateException("the session is closed; nothing more can be sent"));
            }
            return write(encoder.encode(stanza.toXml(negotiation.contentNamespace())));   // refused after our close
        });
    }

    Mono<Iq> iq(Iq request, java.time.Duration timeout) {
        return iqs.call(request, timeout);
    }

    Mono<Void> close() {
        return Mono.defer(() -> {
            if (!finished.get() && closing.compareAndSet(false, true)) {
                closeOutput()
                        .then(peerClosed.asMono().timeout(settings.closeTimeout(), Mono.empty()))
                        .onErrorResume(e -> Mono.empty())
                        .then(Mono.defer(() -> finish(SessionEnd.closed(SessionEnd.Reason.CLOSED_BY_US),
                                Optional.empty())))
                        .subscribe();
            }
            return ended.asMono().then();
        });
    }

    Mono<Void> closeWith(StreamError error) {
        return Mono.defer(() -> finish(SessionEnd.failed(new StreamErrorException(error.condition(),
                "this side ended the stream with <" + error.condition().elementName() + "/>"
                        + error.text().map(text -> ": " + text).orElse(""))), Optional.of(error)))
                .then(ended.asMono().then());
    }

    Mono<SessionEnd> ended() {
        return ended.asMono();
    }

    // ---- the end

    private Mono<Void> failWith(StreamErrorException error) {
        return finish(SessionEnd.failed(error),
                Optional.of(StreamError.of(error.condition()).withText(error.getMessage())));
    }

    /** Ends the connection once: sends the stream error if any and our close, closes the transport, tells everyone. */
    private Mono<Void> finish(SessionEnd end, Optional<StreamError> error) {
        if (!finished.compareAndSet(false, true)) {
            return Mono.empty();
        }
        Mono<Void> goodbye = Mono.empty();
        if (error.isPresent()) {
            if (!headerSent) {
                // RFC 6120 §4.9.1.1: a stream error needs a stream, even if the peer's header was the problem
                goodbye = write(encoder.openStream(new StreamHeader(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(StreamHeader.VERSION), Optional.empty()).toAttributes()));
            }
            goodbye = goodbye.then(write(encoder.encode(error.get().toXml())));
        }
        if (headerSent || error.isPresent()) {
            goodbye = goodbye.then(closeOutput());
        }
        return goodbye.onErrorResume(e -> Mono.empty())
                .then(transport.close().onErrorResume(e -> Mono.empty()))
                .doFinally(signal -> {
                    signalEnd(end);
                    reactor.core.Disposable loop = reading;
                    if (loop != null) {
                        loop.dispose();   // a transport need not end receive() on close; we stop reading anyway
                    }
                });
    }

    private void signalEnd(SessionEnd end) {
        Throwable cause = end.error().orElseGet(() -> new NegotiationException("the session was closed"));
        iqs.end(end.error().orElseGet(() -> new IllegalStateException("the session ended before the reply came")));
        if (end.error().isPresent()) {
            inbound.error(cause);
        } else {
            inbound.complete();
        }
        iqHandlers.values().forEach(StreamConnection::complete);
        if (stream == null) {
            negotiated.error(cause);
        }
        ended.tryEmitValue(end);
    }

    /**
     * Writes {@code bytes}, in the order of the calls: the write starts under the lock, so no write can overtake
     * another, and none follows our {@code </stream:stream>} (RFC 6120 §4.4).
     */
    private Mono<Void> write(ByteBuffer bytes) {
        return write(bytes, false);
    }

    /** Writes {@code </stream:stream>} once; later calls and later writes do nothing or fail. */
    private Mono<Void> closeOutput() {
        synchronized (writeLock) {
            if (outputClosed) {
                return Mono.empty();
            }
        }
        return write(encoder.closeStream(), true);
    }

    private Mono<Void> write(ByteBuffer bytes, boolean last) {
        synchronized (writeLock) {
            if (outputClosed) {
                return Mono.error(new IllegalStateException("the stream is closed; nothing more can be sent"));
            }
            outputClosed = last;
            Mono<Void> written = transport.send(Mono.just(bytes)).cache();
            written.subscribe(null, error -> { });
            return written;
        }
    }

    private static String key(String namespace, String localName) {
        return "{" + namespace + "}" + localName;
    }
}
