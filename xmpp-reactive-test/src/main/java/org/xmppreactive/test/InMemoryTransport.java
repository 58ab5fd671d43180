package org.xmppreactive.test;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.transport.Transport;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;

/**
 * One end of an in-memory duplex connection, with the backpressure and TLS of a socket, for tests that run whole
 * client/server conversations without a network and under virtual time.
 *
 * <p><b>Bytes.</b> What one end {@link #send sends} waits in a bounded pipe until the other end's {@link #receive()}
 * requests it: one request, one buffer. Each sent buffer arrives as one received buffer (or as the pieces its
 * {@link Chunking} cuts). A send completes when its bytes are in the pipe; when the pipe is full it completes later,
 * after the reader made room, so a sender never grows the pipe beyond {@link PipeConfig#capacityBytes()}.
 * {@link #queuedBytes()} shows how full it is. {@link #coalesceNextWrites(int)} makes several writes arrive as one
 * read, as when a peer's {@code <proceed/>} and what it pipelined after it share one TCP segment.
 *
 * <p><b>TLS.</b> {@link #startTls} runs a real handshake with the JDK's {@code SSLEngine} over the pipe, configured by
 * this end's {@link TlsConfig}. From then on everything this end sends is wrapped and everything it receives is
 * unwrapped, and {@code receive()} goes on delivering plaintext. As on a socket, the bytes that were already in the
 * pipe towards this end when {@code startTls} was called are read as TLS records: a peer that sends plaintext after
 * {@code <proceed/>} makes the handshake fail ({@code SSLException}), it cannot inject it into the TLS stream. Handshake
 * records are never held back by the capacity. A failed handshake fails {@code startTls}, sends the alert, and closes
 * this end with the error.
 *
 * <p><b>Closing.</b> {@link #close()} sends close_notify if TLS is on and closes both directions: this end's
 * {@code receive()} completes at once, the peer's completes once it has read what was already sent, and any further
 * send on either end fails with an {@link IllegalStateException} saying which end closed.
 *
 * <p><b>Threads.</b> There are none. Each step runs on the thread that caused it (a request, a send, a
 * {@code startTls}), serialised per connection: a call made from inside a signal (say, a send from {@code onNext})
 * runs right after that signal returns, on the same thread. Do not block inside a signal waiting for another thread
 * to use this connection.
 *
 * <pre>{@code
 * TestCertificates certificates = TestCertificates.create();
 * TransportPair pair = InMemoryTransport.pair(
 *         TlsConfig.client(certificates.clientContext(), "example.org"),
 *         TlsConfig.server(certificates.serverContext("example.org")));
 * StepVerifier.create(pair.client().startTls(TlsRole.CLIENT).and(pair.server().startTls(TlsRole.SERVER)))
 *         .verifyComplete();
 * }</pre>
 */
public final class InMemoryTransport implements Transport {

    private final String name;
    private final PipeConfig config;
    private final Optional<TlsConfig> tlsConfig;
    private final SerialExecutor executor;
    /** Set once by {@link #pair}, before the ends are published through the pair's final fields. */
    private InMemoryTransport peer;

    // The pipe from this end to the peer. Touched only on the executor, except the gauge.
    private final ArrayDeque<ByteBuffer> pipe = new ArrayDeque<>();
    private volatile int queuedBytes;
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private final ArrayDeque<Outgoing> heldDuringHandshake = new ArrayDeque<>();
    private final Set<Write> writes = new LinkedHashSet<>();
    private int coalesceRemaining;
    private List<ByteBuffer> coalesced = new ArrayList<>();

    // This end's reading side.
    private CoreSubscriber<? super ByteBuffer> receiver;
    private boolean receiveSubscribed;
    private boolean receiveDone;
    /** Set at once by cancel(), which may come from inside onNext, so that no further onNext follows it. */
    private volatile boolean receiveCancelled;
    private long demand;

    // Lifecycle and TLS.
    private boolean closed;
    private Throwable failure;
    private TlsCodec tls;
    private MonoSink<TlsInfo> handshake;
    private volatile Optional<TlsInfo> tlsInfo = Optional.empty();

    private InMemoryTransport(String name, PipeConfig config, Optional<TlsConfig> tlsConfig, SerialExecutor executor) {
        this.name = name;
        this.config = config;
        this.tlsConfig = tlsConfig;
        this.executor = executor;
    }

    /** Two connected ends without TLS, 64 KiB per direction, writes read as written. */
    public static TransportPair pair() {
        return pair(PipeConfig.defaults());
    }

    /** Two connected ends whose {@code startTls} uses {@code clientTls} and {@code serverTls}. */
    public static TransportPair pair(TlsConfig clientTls, TlsConfig serverTls) {
        return pair(PipeConfig.defaults().withClientTls(clientTls).withServerTls(serverTls));
    }

    /** Two connected ends as {@code config} says. */
    public static TransportPair pair(PipeConfig config) {
        SerialExecutor executor = new SerialExecutor();
        InMemoryTransport client = new InMemoryTransport("client", config, config.clientTls(), executor);
        InMemoryTransport server = new InMemoryTransport("server", config, config.serverTls(), executor);
        client.peer = server;
        server.peer = client;
        return new TransportPair(client, server);
    }

    /** {@code client} or {@code server}: which end of its {@link TransportPair} this is. */
    public String name() {
        return name;
    }

    /** The other end of this connection. */
    public InMemoryTransport peer() {
        return peer;
    }

    /**
     * Bytes this end has written that the peer has not read yet: what fills the pipe towards the peer, never more
     * than {@link PipeConfig#capacityBytes()} (unless one single write is larger). Safe to read from any thread.
     */
    public int queuedBytes() {
        return queuedBytes;
    }

    @Override
    public Flux<ByteBuffer> receive() {
        return Flux.from(subscriber -> executor.execute(() -> subscribe(Operators.toCoreSubscriber(subscriber))));
    }

    @Override
    public Mono<Void> send(Publisher<ByteBuffer> frames) {
        return Mono.create(sink -> frames.subscribe(new Write(sink)));
    }

    /**
     * Makes the next {@code writes} buffers this end sends arrive at the peer as ONE received buffer (one read), as
     * when two writes share a TCP segment. The earlier ones are held back (their sends complete, their bytes count
     * in {@link #queuedBytes()}) until the last one is written; after TLS the records of all of them form the one
     * read. Empty buffers do not count. Handshake records are not coalesced.
     *
     * <pre>{@code
     * server.coalesceNextWrites(2);
     * server.send(Mono.just(utf8("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")))
     *         .then(server.send(Mono.just(utf8("<message>injected</message>"))))
     *         .subscribe(); // the client reads both in one buffer
     * }</pre>
     *
     * @param writes how many writes to put into one read; at least 2
     */
    public void coalesceNextWrites(int writes) {
        if (writes < 2) {
            throw new IllegalArgumentException("coalescing takes at least 2 writes, not " + writes);
        }
        executor.execute(() -> coalesceRemaining = writes);
    }

    @Override
    public Mono<TlsInfo> startTls(TlsRole role) {
        return Mono.create(sink -> executor.execute(() -> beginTls(role, sink)));
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
        return tlsInfo;
    }

    @Override
    public Mono<Void> close() {
        return Mono.create(sink -> executor.execute(() -> {
            shutDown(null);
            sink.success();
        }));
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + name + ", " + queuedBytes + " bytes queued]";
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    private void subscribe(CoreSubscriber<? super ByteBuffer> subscriber) {
        if (receiveSubscribed) {
            Operators.error(subscriber, new IllegalStateException(
                    "receive() of in-memory transport " + name + " allows only one subscriber"));
            return;
        }
        receiveSubscribed = true;
        receiver = subscriber;
        subscriber.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                executor.execute(() -> requested(n));
            }

            @Override
            public void cancel() {
                receiveCancelled = true;
                executor.execute(() -> {
                    receiveDone = true;
                    receiver = null;
                });
            }
        });
        readable();
    }

    private void requested(long n) {
        if (receiveDone) {
            return;
        }
        if (n <= 0) {
            finishReceive(new IllegalArgumentException("§3.9: request must be positive, was " + n));
            return;
        }
        demand = Operators.addCap(demand, n);
        readable();
    }

    /** Something to read may have arrived (or the peer closed): feed the handshake or the subscriber. */
    private void readable() {
        if (closed) {
            finishReceive(failure);
        } else if (handshake != null) {
            advanceHandshake();
        } else {
            deliver();
        }
    }

    private void deliver() {
        while (receiver != null && !receiveDone && !receiveCancelled && demand > 0) {
            ByteBuffer next;
            try {
                next = nextRead();
            } catch (SSLException e) {
                shutDown(e);
                return;
            }
            if (next == null) {
                break;
            }
            demand--;
            receiver.onNext(next);
        }
        if (receiver != null && !receiveDone && !receiveCancelled && inputEnded()) {
            finishReceive(null);
        }
    }

    /** The next buffer for the subscriber: one chunk of the pipe, unwrapped if TLS is on; null if none yet. */
    private ByteBuffer nextRead() throws SSLException {
        if (tls == null) {
            return peer.takeChunk();
        }
        while (true) {
            tls.unwrapAvailable(this::sendRecords);
            if (tls.hasPlaintext()) {
                return tls.takePlaintext();
            }
            ByteBuffer chunk = tls.inboundClosed() ? null : peer.takeChunk();
            if (chunk == null) {
                return null;
            }
            tls.received(chunk);
        }
    }

    /** Whether nothing more can arrive: the peer closed and everything it sent has been read. */
    private boolean inputEnded() {
        if (tls != null && tls.hasPlaintext()) {
            return false;
        }
        return (tls != null && tls.inboundClosed()) || (peer.closed && peer.pipe.isEmpty());
    }

    private void finishReceive(Throwable error) {
        if (receiver == null || receiveDone) {
            return;
        }
        receiveDone = true;
        CoreSubscriber<? super ByteBuffer> subscriber = receiver;
        receiver = null;
        if (error == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(error);
        }
    }

    /** Called by the peer's reading side: the oldest chunk of this end's pipe, or null. Makes room for writes. */
    private ByteBuffer takeChunk() {
        ByteBuffer chunk = pipe.poll();
        if (chunk != null) {
            queuedBytes -= chunk.remaining();
            executor.execute(this::flush);
        }
        return chunk;
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /** One {@link #send} call: takes its buffers one at a time, each after the previous one is in the pipe. */
    private final class Write implements CoreSubscriber<ByteBuffer> {

        private final MonoSink<Void> sink;
        private Subscription frames;
        private int inOutbox;
        private boolean framesDone;
        private boolean finished;

        Write(MonoSink<Void> sink) {
            this.sink = sink;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            frames = subscription;
            sink.onCancel(() -> executor.execute(() -> {
                finished = true;
                writes.remove(this);
                frames.cancel();
            }));
            executor.execute(() -> {
                Optional<IllegalStateException> refusal = refusal();
                if (refusal.isPresent()) {
                    fail(refusal.get());
                } else {
                    writes.add(this);
                    frames.request(1);
                }
            });
        }

        @Override
        public void onNext(ByteBuffer frame) {
            // Copied now: the caller may reuse its buffer once the send completes, and must not see ours consumed.
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
            executor.execute(() -> write(this, copy));
        }

        @Override
        public void onError(Throwable error) {
            executor.execute(() -> fail(error));
        }

        @Override
        public void onComplete() {
            executor.execute(() -> {
                framesDone = true;
                completeIfDone();
            });
        }

        /** One of its buffers entered the pipe. */
        void accepted() {
            inOutbox--;
            if (!finished) {
                if (framesDone) {
                    completeIfDone();
                } else {
                    frames.request(1);
                }
            }
        }

        void fail(Throwable error) {
            if (!finished) {
                finished = true;
                writes.remove(this);
                frames.cancel();
                sink.error(error);
            }
        }

        private void completeIfDone() {
            if (!finished && framesDone && inOutbox == 0) {
                finished = true;
                writes.remove(this);
                sink.success();
            }
        }
    }

    /**
     * Bytes on their way into the pipe: a buffer of a {@link Write} (plaintext still to be wrapped if TLS was on
     * when it was sent), or TLS records of the handshake ({@code write} null).
     */
    private static final class Outgoing {
        ByteBuffer bytes;
        boolean toWrap;
        final Write write;

        Outgoing(ByteBuffer bytes, boolean toWrap, Write write) {
            this.bytes = bytes;
            this.toWrap = toWrap;
            this.write = write;
        }
    }

    private void write(Write write, ByteBuffer frame) {
        if (write.finished) {
            return;
        }
        Optional<IllegalStateException> refusal = refusal();
        if (refusal.isPresent()) {
            write.fail(refusal.get());
            return;
        }
        write.inOutbox++;
        if (!frame.hasRemaining()) {
            write.accepted(); // nothing to put on the wire
        } else if (handshake != null) {
            heldDuringHandshake.add(new Outgoing(frame, true, write)); // plaintext waits for the keys
        } else {
            outbox.add(new Outgoing(frame, tls != null, write));
            flush();
        }
    }

    private Optional<IllegalStateException> refusal() {
        if (closed) {
            return Optional.of(new IllegalStateException("in-memory transport " + name + " is closed"));
        }
        if (peer.closed) {
            return Optional.of(new IllegalStateException(
                    "in-memory transport " + name + ": the peer (" + peer.name + ") closed the connection"));
        }
        return Optional.empty();
    }

    /** Sends TLS records of this end's engine (handshake, alerts, post-handshake messages). */
    private void sendRecords(ByteBuffer records) {
        if (records.hasRemaining()) {
            outbox.add(new Outgoing(records, false, null));
            flush();
        }
    }

    /** Moves what fits from the outbox into the pipe, in order. */
    private void flush() {
        while (!outbox.isEmpty() && !closed && !peer.closed) {
            Outgoing head = outbox.peek();
            if (head.toWrap) {
                try {
                    head.bytes = tls.wrap(head.bytes);
                    head.toWrap = false;
                } catch (SSLException e) {
                    shutDown(e);
                    return;
                }
            }
            int size = head.bytes.remaining();
            boolean control = head.write == null;
            if (!control && queuedBytes > 0 && queuedBytes + size > config.capacityBytes()) {
                return; // the peer's reads make room and call flush again
            }
            outbox.poll();
            if (control || coalesceRemaining == 0) {
                enqueue(head.bytes);
            } else {
                coalesce(head.bytes, size);
            }
            if (head.write != null) {
                head.write.accepted();
            }
        }
    }

    private void coalesce(ByteBuffer bytes, int size) {
        coalesced.add(bytes);
        queuedBytes += size;
        if (--coalesceRemaining == 0) {
            releaseCoalesced();
        }
        config.wiretap().onRawBytes(this, bytes.asReadOnlyBuffer());
    }

    private void releaseCoalesced() {
        int size = coalesced.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer joined = ByteBuffer.allocate(size);
        coalesced.forEach(joined::put);
        coalesced = new ArrayList<>();
        queuedBytes -= size;
        coalesceRemaining = 0;
        putInPipe(joined.flip());
    }

    private void enqueue(ByteBuffer bytes) {
        putInPipe(bytes);
        config.wiretap().onRawBytes(this, bytes.asReadOnlyBuffer());
    }

    private void putInPipe(ByteBuffer bytes) {
        for (ByteBuffer piece : config.chunking().split(bytes.asReadOnlyBuffer())) {
            if (piece.hasRemaining()) {
                pipe.add(piece);
                queuedBytes += piece.remaining();
            }
        }
        executor.execute(peer::readable);
    }

    // ---- TLS ------------------------------------------------------------------------------------------------------

    private void beginTls(TlsRole role, MonoSink<TlsInfo> sink) {
        if (closed) {
            sink.error(new IllegalStateException("in-memory transport " + name + " is closed"));
            return;
        }
        if (tls != null) {
            sink.error(new IllegalStateException("TLS is already started on in-memory transport " + name));
            return;
        }
        if (tlsConfig.isEmpty()) {
            sink.error(new IllegalStateException("in-memory transport " + name
                    + " has no TlsConfig: pass one to InMemoryTransport.pair or PipeConfig"));
            return;
        }
        handshake = sink;
        try {
            tls = new TlsCodec(tlsConfig.get().newEngine(role), role);
        } catch (SSLException | RuntimeException e) {
            handshakeFailed(e);
            return;
        }
        advanceHandshake();
    }

    private void advanceHandshake() {
        try {
            while (!tls.advanceHandshake(this::sendRecords)) {
                ByteBuffer chunk = peer.takeChunk();
                if (chunk == null) {
                    if (peer.closed) {
                        throw new SSLHandshakeException("the peer (" + peer.name + ") closed the connection during"
                                + " the TLS handshake");
                    }
                    return; // the peer's next write calls readable() again
                }
                tls.received(chunk);
            }
        } catch (SSLException | RuntimeException e) {
            handshakeFailed(e);
            return;
        }
        TlsInfo info = tls.info();
        tlsInfo = Optional.of(info);
        MonoSink<TlsInfo> sink = handshake;
        handshake = null;
        outbox.addAll(heldDuringHandshake);
        heldDuringHandshake.clear();
        flush();
        sink.success(info);
        executor.execute(this::readable); // records after the handshake's last may already be here
    }

    private void handshakeFailed(Exception error) {
        if (tls != null && !peer.closed) {
            ByteBuffer alert = tls.pendingRecords();
            if (alert.hasRemaining()) {
                enqueue(alert); // ahead of anything waiting: the connection ends here
            }
        }
        shutDown(error);
    }

    // ---- closing ------------------------------------------------------------------------------------------------

    /** Closes this end: normally ({@code error} null) or because of {@code error}. */
    private void shutDown(Throwable error) {
        if (closed) {
            return;
        }
        if (error == null && tls != null && handshake == null && !peer.closed) {
            flush();
            ByteBuffer closeNotify = tls.closeNotify();
            if (closeNotify.hasRemaining()) {
                enqueue(closeNotify);
            }
        }
        if (!coalesced.isEmpty()) {
            releaseCoalesced(); // those sends completed: their bytes go out
        }
        closed = true;
        failure = error;
        IllegalStateException closedError = new IllegalStateException("in-memory transport " + name + " is closed",
                error);
        if (handshake != null) {
            MonoSink<TlsInfo> sink = handshake;
            handshake = null;
            sink.error(error != null ? error : new SSLException("closed during the TLS handshake", closedError));
        }
        for (Write write : List.copyOf(writes)) {
            write.fail(closedError);
        }
        outbox.clear();
        heldDuringHandshake.clear();
        // What the peer sent and this end did not read is lost, as on a socket closed with unread input.
        peer.pipe.clear();
        peer.queuedBytes = 0;
        finishReceive(error);
        executor.execute(peer::peerClosed);
    }

    /** The peer closed: what this end still wants to write cannot be read; reading ends after the pipe drains. */
    private void peerClosed() {
        IllegalStateException closedError = new IllegalStateException(
                "in-memory transport " + name + ": the peer (" + peer.name + ") closed the connection");
        for (Write write : List.copyOf(writes)) {
            write.fail(closedError);
        }
        outbox.clear();
        heldDuringHandshake.clear();
        readable();
    }
}
