package org.xmppreactive.transport;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One connection to a peer, as a session sees it: bytes in with demand, bytes out, TLS in place, close. The
 * session does all of the protocol; the transport only moves bytes.
 *
 * <p>Rules every implementation keeps:
 * <ul>
 *   <li>{@link #receive()} may be subscribed once. Demand on it is demand on the connection: with no outstanding
 *       request the transport reads nothing more from the peer. Each emitted buffer belongs to the subscriber
 *       (the transport never reuses it). After {@link #startTls} the buffers carry decrypted bytes.</li>
 *   <li>{@link #startTls} is called by the session between two received buffers, before it requests the next
 *       one, so no byte received after the call is ever delivered as plaintext.</li>
 *   <li>{@link #receive()} completes when the peer closes the connection and errors when it fails.</li>
 * </ul>
 */
public interface Transport {

    /** The bytes the peer sends, one buffer per read; single subscriber. */
    Flux<ByteBuffer> receive();

    /** Writes {@code frames} in order; completes when they are written (handed to the network). */
    Mono<Void> send(Publisher<ByteBuffer> frames);

    /**
     * Upgrades the connection to TLS in place (STARTTLS, RFC 6120 §5) and completes with what the handshake
     * established. Fails if the handshake fails, including a certificate the configured trust rejects.
     */
    Mono<TlsInfo> startTls(TlsRole role);

    /** What the transport's TLS established, if TLS is on (after {@link #startTls} or from the start, as with direct TLS). */
    default Optional<TlsInfo> tlsInfo() {
        return Optional.empty();
    }

    /** Closes the connection; completes when it is closed. Closing twice is harmless. */
    Mono<Void> close();
}
