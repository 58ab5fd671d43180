package org.xmppreactive.tcp;

import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.reactivestreams.Publisher;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.transport.Transport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpServer;

/**
 * Accepts connections over TCP with Reactor Netty and hands each to a handler as a {@link Transport}: one call per
 * connection, which closes when the handler's publisher terminates. An immutable configuration: every setter
 * returns a new instance, and nothing is bound until the {@link Mono} of {@link #bind} is subscribed.
 *
 * <pre>{@code
 * XmppServer xmpp = XmppServer.builder("example.com", accounts).build();
 * Binding binding = TcpServerTransport.create()
 *         .port(5222)
 *         .tls(sslContext)                                    // what STARTTLS uses
 *         .bind(transport -> xmpp.accept(transport).flatMap(XmppSession::ended).then())
 *         .block();
 * }</pre>
 */
public final class TcpServerTransport {

    /** How long a TLS handshake (STARTTLS or direct) may take. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final OptionalInt port;
    private final Optional<SSLContext> tls;
    private final boolean clientAuth;
    private final boolean directTls;
    private final List<String> protocols;

    private TcpServerTransport(String host, OptionalInt port, Optional<SSLContext> tls, boolean clientAuth,
                               boolean directTls, List<String> protocols) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.clientAuth = clientAuth;
        this.directTls = directTls;
        this.protocols = protocols;
    }

    /**
     * The defaults: listens on 127.0.0.1, port 5222 (5223 with direct TLS), no TLS configured, no client
     * certificate asked for, TLS 1.3 and 1.2.
     */
    public static TcpServerTransport create() {
        return new TcpServerTransport("127.0.0.1", OptionalInt.empty(), Optional.empty(), false, false,
                TlsEngines.DEFAULT_PROTOCOLS);
    }

    /** The address to listen on, e.g. {@code 0.0.0.0} for every interface; 127.0.0.1 by default. */
    public TcpServerTransport host(String host) {
        Objects.requireNonNull(host, "host");
        return new TcpServerTransport(host, port, tls, clientAuth, directTls, protocols);
    }

    /**
     * The port to listen on; 0 for any free one ({@link Binding#port()} tells which). 5222 by default, 5223 with
     * direct TLS.
     *
     * @param port 0 to 65535
     */
    public TcpServerTransport port(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        return new TcpServerTransport(host, OptionalInt.of(port), tls, clientAuth, directTls, protocols);
    }

    /**
     * The server's TLS: its certificate and key, and the authorities it trusts for client certificates. STARTTLS
     * uses it, and direct TLS. Without it, a STARTTLS request fails the connection.
     */
    public TcpServerTransport tls(SSLContext context) {
        return new TcpServerTransport(host, port, Optional.of(Objects.requireNonNull(context, "context")),
                clientAuth, directTls, protocols);
    }

    /**
     * Whether the handshake asks the client for a certificate (for SASL EXTERNAL); a client without one still
     * connects. Off by default.
     */
    public TcpServerTransport clientAuth(boolean want) {
        return new TcpServerTransport(host, port, tls, want, directTls, protocols);
    }

    /**
     * Whether connections are TLS from the first byte (XEP-0368), with ALPN {@code xmpp-client}, instead of
     * plaintext until STARTTLS. Needs {@link #tls}. Off by default.
     */
    public TcpServerTransport directTls(boolean directTls) {
        return new TcpServerTransport(host, port, tls, clientAuth, directTls, protocols);
    }

    /**
     * The TLS protocol versions to accept: {@code "TLSv1.3"}, {@code "TLSv1.2"} or both (the default).
     *
     * @throws IllegalArgumentException for none, or for anything older
     */
    public TcpServerTransport protocols(String... protocols) {
        return new TcpServerTransport(host, port, tls, clientAuth, directTls, TlsEngines.checkProtocols(protocols));
    }

    /**
     * Listens, and calls {@code handler} once for each accepted connection with its transport (after the
     * handshake, with direct TLS); the connection closes when the handler's publisher terminates. Emits the
     * binding once listening; fails if the address cannot be bound, or with an {@link IllegalStateException} for
     * direct TLS without {@link #tls}.
     *
     * @param handler what to do with a connection, e.g. {@code t -> xmpp.accept(t).flatMap(XmppSession::ended).then()}
     */
    public Mono<Binding> bind(Function<? super Transport, ? extends Publisher<Void>> handler) {
        Objects.requireNonNull(handler, "handler");
        return Mono.defer(() -> {
            if (directTls && tls.isEmpty()) {
                return Mono.error(new IllegalStateException("direct TLS needs a TLS context: call tls(...)"));
            }
            Optional<TlsEngines> startTls = tls.map(context -> TlsEngines.server(context, clientAuth, protocols,
                    false, HANDSHAKE_TIMEOUT));
            Optional<TlsEngines> direct = directTls
                    ? tls.map(context -> TlsEngines.server(context, clientAuth, protocols, true, HANDSHAKE_TIMEOUT))
                    : Optional.empty();
            ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            return TcpServer.create()
                    .host(host)
                    .port(port.orElse(directTls ? SrvOrdering.DIRECT_TLS_PORT : SrvOrdering.CLIENT_PORT))
                    .childOption(ChannelOption.AUTO_READ, false)
                    .doOnChannelInit((observer, channel, address) -> {
                        connections.add(channel);
                        channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, SocketReader.NAME,
                                new SocketReader(channel));
                        direct.ifPresent(engines ->
                                channel.pipeline().addFirst(NettyPipeline.SslHandler, engines.newHandler()));
                    })
                    .handle((inbound, outbound) -> {
                        AtomicReference<Connection> connection = new AtomicReference<>();
                        inbound.withConnection(connection::set);
                        return NettyTransport.open(connection.get(), directTls ? Optional.empty() : startTls,
                                        directTls ? Optional.of(TlsRole.SERVER) : Optional.empty())
                                .flatMap(transport -> Flux.from(handler.apply(transport)).then());
                    })
                    .bind()
                    .map(server -> new Binding(server, connections));
        });
    }

    @Override
    public String toString() {
        return "TcpServerTransport[" + host + ":" + (port.isPresent() ? port.getAsInt() : "default") + ", "
                + (directTls ? "direct TLS" : tls.isPresent() ? "STARTTLS" : "no TLS")
                + (clientAuth ? ", client auth" : "")
                + ", " + protocols + "]";
    }
}
