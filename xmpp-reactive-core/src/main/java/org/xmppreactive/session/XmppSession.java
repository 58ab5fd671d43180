package org.xmppreactive.session;

import java.time.Duration;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.PayloadCodec;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.Stanza;
import org.xmppreactive.stream.NegotiatedStream;
import org.xmppreactive.stream.StreamError;
import org.xmppreactive.transport.TlsInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A negotiated XMPP session, the same in both roles: what came in as fluxes, what goes out as monos.
 *
 * <pre>{@code
 * client.login().flatMapMany(session -> session.messages())
 *       .subscribe(m -> log.info("{}: {}", m.from(), m.body().orElse("")));
 *
 * session.iq(Iq.get("v1", XmlElement.builder("jabber:iq:version", "query").build()).withTo(server))
 *        .subscribe(result -> ...);   // the result, a StanzaErrorException, or a TimeoutException
 * }</pre>
 *
 * <p>Backpressure: {@link #stanzas()} is shared by every subscriber; the connection reads on only as fast as they
 * take stanzas. While nobody subscribes, up to {@link SessionSettings#inboundBuffer()} stanzas wait, then the
 * connection pauses (so replies to {@link #iq} wait too): subscribe to what you need.
 *
 * <p>IQ requests ({@code get}/{@code set}) are not in {@link #stanzas()} for a client: they go to the subscriber
 * of {@link #iqRequests} for their payload, and those nobody handles are answered {@code service-unavailable}
 * (RFC 6120 §8.4). In the receiving role, requests without a handler go to {@link #stanzas()} for the server to
 * route.
 */
public final class XmppSession {

    private final StreamConnection connection;

    XmppSession(StreamConnection connection) {
        this.connection = connection;
    }

    /** The full JID bound to this session: ours in the initiating role, the client's in the receiving role. */
    public Jid jid() {
        return connection.stream().jid();
    }

    /** What negotiation established: stream id, TLS, mechanism, languages. */
    public NegotiatedStream stream() {
        return connection.stream();
    }

    /** The TLS in force, if any. */
    public Optional<TlsInfo> tls() {
        return connection.stream().tls();
    }

    /**
     * How many bytes this connection has read from the peer so far, negotiation included (after TLS decryption,
     * whitespace keepalives included): it grows whenever the peer shows signs of life, which is what
     * {@link org.xmppreactive.ping.Keepalive} watches.
     */
    public long bytesReceived() {
        return connection.bytesReceived();
    }

    /**
     * Whether the session has stopped reading because the subscribers of {@link #stanzas()} have no room for the
     * next stanza (or there are none and the buffer is full): it reads on as soon as one takes a stanza. While it
     * is held back, nothing the peer sends is read, so silence says nothing about the peer.
     */
    public boolean isReadingHeldBack() {
        return connection.readingHeldBack();
    }

    /**
     * Every inbound message and presence (and, in the receiving role, unhandled IQ requests), in order. Completes
     * when the session closes cleanly, errors when it fails.
     */
    public Flux<Stanza> stanzas() {
        return connection.stanzas();
    }

    /** The inbound messages. */
    public Flux<Message> messages() {
        return stanzas().ofType(Message.class);
    }

    /** The inbound presences. */
    public Flux<Presence> presences() {
        return stanzas().ofType(Presence.class);
    }

    /**
     * The inbound IQ requests whose payload is {@code localName} in {@code namespace}. One subscriber at a time;
     * reply to each with {@link #send} ({@code request.result(...)} or {@code request.error(...)}). Up to
     * {@link SessionSettings#iqRequestBuffer()} wait for the subscriber; more are answered
     * {@code resource-constraint}.
     */
    public Flux<Iq> iqRequests(String namespace, String localName) {
        return connection.iqRequests(namespace, localName);
    }

    /** The inbound IQ requests whose payload the session's registry decodes as {@code payloadType}. */
    public Flux<Iq> iqRequests(Class<?> payloadType) {
        PayloadCodec<?> codec = connection.settings().payloads().codecFor(payloadType)
                .orElseThrow(() -> new IllegalArgumentException("no payload codec for " + payloadType.getName()));
        return iqRequests(codec.namespace(), codec.elementName());
    }

    /** Sends {@code stanza}; completes when it is written. Fails once the session is closing or closed. */
    public Mono<Void> send(Stanza stanza) {
        return connection.send(stanza);
    }

    /**
     * Sends the request {@code request} and emits the reply: the IQ result, or a
     * {@link org.xmppreactive.stanza.StanzaErrorException} for an error reply, or a
     * {@link java.util.concurrent.TimeoutException} after {@link SessionSettings#iqTimeout()}. Only a result or error
     * with the request's id from the peer it was sent to counts (RFC 6120 §8.2.3). Cancelling forgets the request.
     */
    public Mono<Iq> iq(Iq request) {
        return iq(request, connection.settings().iqTimeout());
    }

    /** {@link #iq(Iq)} with its own timeout. */
    public Mono<Iq> iq(Iq request, Duration timeout) {
        return connection.iq(request, timeout);
    }

    /**
     * Closes the session gracefully: sends {@code </stream:stream>}, waits for the peer's (at most
     * {@link SessionSettings#closeTimeout()}), then closes the connection. Completes when it is closed.
     */
    public Mono<Void> close() {
        return connection.close();
    }

    /** Ends the session with the stream error {@code error} (e.g. {@code conflict}), then closes the connection. */
    public Mono<Void> closeWith(StreamError error) {
        return connection.closeWith(error);
    }

    /** Emits how the session ended, once it has; never errors. */
    public Mono<SessionEnd> ended() {
        return connection.ended();
    }
}
