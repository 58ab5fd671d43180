package org.xmppreactive.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import org.reactivestreams.Publisher;
import org.xmppreactive.stream.NegotiationException;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.transport.Transport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

/**
 * The {@link Transport} over one Reactor Netty {@link Connection}. Inbound bytes come from the {@link SocketReader}
 * at the end of the pipeline, so demand on {@link #receive()} is what reads the socket; every outbound frame is one
 * {@code writeAndFlush} queued on the event loop, so writes go out in the order of the calls; STARTTLS puts a Netty
 * {@link SslHandler} first in the live pipeline.
 *
 * <p>STARTTLS does not use Reactor Netty's {@code SslProvider.addSslHandler}: its read handler fires
 * {@code channelActive} again after the handshake, and Reactor Netty then binds a second set of channel operations
 * (reactor-netty#1541).
 */
final class NettyTransport implements Transport {

    private final Connection connection;
    private final SocketReader reader;
    private final Optional<TlsEngines> startTls;
    private final AtomicBoolean tlsStarted = new AtomicBoolean();
    private volatile TlsInfo tlsInfo;

    private NettyTransport(Connection connection, SocketReader reader, Optional<TlsEngines> startTls,
                           Optional<TlsInfo> tlsInfo) {
        this.connection = connection;
        this.reader = reader;
        this.startTls = startTls;
        this.tlsInfo = tlsInfo.orElse(null);
        tlsInfo.ifPresent(info -> tlsStarted.set(true));
    }

    /**
     * The transport of {@code connection}, whose pipeline has a {@link SocketReader}; with {@code directTls}, once
     * the handshake of the {@link SslHandler} already at the head of the pipeline has completed.
     *
     * @param startTls  how STARTTLS makes its handler, if this end may start TLS later
     * @param directTls the role of the handshake already under way, for direct TLS
     */
    static Mono<NettyTransport> open(Connection connection, Optional<TlsEngines> startTls,
                                     Optional<TlsRole> directTls) {
        SocketReader reader = connection.channel().pipeline().get(SocketReader.class);
        if (directTls.isEmpty()) {
            return Mono.just(new NettyTransport(connection, reader, startTls, Optional.empty()));
        }
        SslHandler handler = connection.channel().pipeline().get(SslHandler.class);
        return Mono.<TlsInfo>create(sink -> {
                    sink.onCancel(connection::dispose);
                    awaitHandshake(connection, handler, directTls.get(), sink);
                    connection.channel().read(); // the handshake's first read; the SslHandler issues the rest
                })
                .map(info -> new NettyTransport(connection, reader, Optional.empty(), Optional.of(info)));
    }

    @Override
    public Flux<ByteBuffer> receive() {
        return reader.flux();
    }

    @Override
    public Mono<Void> send(Publisher<ByteBuffer> frames) {
        // The frames are wrapped, not copied: the caller hands them over until they are written. Each goes through
        // the event loop's queue like any other write, once the one before it is written.
        if (frames instanceof Mono<ByteBuffer> single) {
            return single.flatMap(this::writeAndFlush);   // one frame, the session's usual case
        }
        return Flux.from(frames).concatMap(this::writeAndFlush).then();
    }

    // Always through the event loop's queue: Netty writes at once when called on the loop and queues otherwise, so
    // a write from the loop would overtake one another thread had queued just before it.
    private Mono<Void> writeAndFlush(ByteBuffer frame) {
        Channel channel = connection.channel();
        return Mono.create(sink -> {
            if (!channel.isRegistered()) {
                sink.error(new ClosedChannelException());   // closed and gone from its event loop
                return;
            }
            channel.eventLoop().execute(() -> write(channel, frame, sink));
        });
    }

    // On the event loop.
    private static void write(Channel channel, ByteBuffer frame, MonoSink<Void> sink) {
        if (!channel.isActive()) {
            // a write to a channel closed in the meantime may never complete its promise once TLS is torn down
            sink.error(new ClosedChannelException());
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(written -> {
            if (written.isSuccess()) {
                sink.success();
            } else {
                sink.error(written.cause());
            }
        });
    }

    /** The thread that does this connection's I/O, in the order tasks are handed to it; tests use it to order writes. */
    Executor eventLoop() {
        return connection.channel().eventLoop();
    }

    @Override
    public Mono<TlsInfo> startTls(TlsRole role) {
        return Mono.defer(() -> {
            if (startTls.isEmpty()) {
                return Mono.error(new IllegalStateException(tlsInfo != null
                        ? "TLS is already on: this connection started with direct TLS"
                        : "this transport has no TLS configuration (TcpServerTransport.tls(...))"));
            }
            if (startTls.get().role() != role) {
                return Mono.error(new IllegalStateException("this transport does TLS as " + startTls.get().role()
                        + ", not as " + role));
            }
            if (!tlsStarted.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("TLS was already started on this connection"));
            }
            Channel channel = connection.channel();
            return Mono.<TlsInfo>create(sink -> channel.eventLoop().execute(() -> install(channel, role, sink)))
                    .doOnNext(info -> tlsInfo = info);
        });
    }

    // On the event loop, between two reads: nothing can arrive in between.
    private void install(Channel channel, TlsRole role, MonoSink<TlsInfo> sink) {
        if (!channel.isActive()) {
            sink.error(new ClosedChannelException());
            return;
        }
        long early = reader.queuedBytes();
        if (early > 0) {
            // Read before TLS, not yet handed out: plaintext that must not be mistaken for what TLS protects.
            connection.dispose();
            sink.error(new NegotiationException(early + " bytes arrived in the clear before TLS was started; "
                    + "they are refused"));
            return;
        }
        SslHandler handler = startTls.get().newHandler();
        channel.pipeline().addFirst(NettyPipeline.SslHandler, handler);
        awaitHandshake(connection, handler, role, sink);
        // The handshake must go on whether or not receive() has demand: this read starts it, the SslHandler issues
        // the next ones itself while auto-read is off (SslHandler.readIfNeeded).
        channel.read();
    }

    private static void awaitHandshake(Connection connection, SslHandler handler, TlsRole role,
                                       MonoSink<TlsInfo> sink) {
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                sink.success(TlsInfo.from(handler.engine().getSession(), role));
            } else {
                connection.dispose();
                sink.error(TlsEngines.unwrap(done.cause()));
            }
        });
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
        return Optional.ofNullable(tlsInfo);
    }

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            connection.dispose();
            return connection.onDispose();
        });
    }

    /** The TLS session in force, if any: for checks beyond {@link TlsInfo}, such as SNI and ALPN. */
    Optional<SSLSession> sslSession() {
        return Optional.ofNullable(connection.channel().pipeline().get(SslHandler.class))
                .filter(handler -> handler.handshakeFuture().isSuccess())
                .map(handler -> handler.engine().getSession());
    }

    /** The application protocol ALPN settled on, if TLS is on and ALPN was used. */
    Optional<String> applicationProtocol() {
        // the JDK engine's own answer: Netty's SslHandler.applicationProtocol() knows only Netty's engine wrappers
        return Optional.ofNullable(connection.channel().pipeline().get(SslHandler.class))
                .map(handler -> handler.engine().getApplicationProtocol())
                .filter(protocol -> !protocol.isEmpty());
    }

    /** The bytes read from the connection so far, decrypted: what demand let in. */
    long bytesRead() {
        return reader.bytesRead();
    }

    @Override
    public String toString() {
        return "NettyTransport[" + connection.channel() + (tlsInfo != null ? ", " + tlsInfo.protocol() : "") + "]";
    }
}
