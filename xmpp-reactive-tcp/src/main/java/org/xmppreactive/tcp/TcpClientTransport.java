package org.xmppreactive.tcp;

import io.netty.channel.ChannelOption;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.transport.Transport;
import org.xmppreactive.transport.TransportConnector;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpClient;

/**
 * Opens client connections over TCP with Reactor Netty: finds the server with DNS SRV, connects, and hands the
 * session a {@link Transport} that can start TLS in place (STARTTLS) or is TLS from the first byte (direct TLS,
 * XEP-0368). An immutable configuration: every setter returns a new instance, and nothing happens until the
 * {@link Mono} of {@link #connect} is subscribed.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()
 *         .jid("alice@example.com")
 *         .password("secret")
 *         .connector(TcpClientTransport.create())             // SRV, STARTTLS, system trust store
 *         .build();
 *
 * TcpClientTransport local = TcpClientTransport.create()
 *         .host("127.0.0.1").port(5222)                        // no SRV
 *         .trust(TrustOptions.caFile(Path.of("test-ca.pem")));
 * }</pre>
 *
 * <p>Finding the server (RFC 6120 §3.2.1, XEP-0368): without {@link #host}/{@link #port}, {@code connect(domain)}
 * looks up {@code _xmpps-client._tcp.<domain>} (direct TLS) and {@code _xmpp-client._tcp.<domain>} (STARTTLS),
 * orders both answers as one pool by priority and weight, and tries the targets in that order until one connects.
 * Without any SRV record it tries {@code <domain>:5222}; a record whose target is {@code "."} means the service is
 * not available there, and nothing is tried. With {@link #directTls directTls(true)} only the {@code _xmpps-client}
 * records are used, and the fallback is {@code <domain>:5223}.
 *
 * <p>Certificates are always checked against the XMPP domain (RFC 6125 DNS-ID, RFC 7590), which is also sent as
 * SNI: never against the SRV target or the address connected to. Only {@link TrustOptions#insecureTrustAll()} turns
 * the check off.
 */
public final class TcpClientTransport implements TransportConnector {

    /** How long connecting (TCP, and the handshake of direct TLS) may take by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<String> host;
    private final OptionalInt port;
    private final boolean directTls;
    private final Duration connectTimeout;
    private final TrustOptions trust;
    private final Optional<KeyManagerFactory> keyManager;
    private final List<String> protocols;
    private final SrvResolver resolver;

    private TcpClientTransport(Optional<String> host, OptionalInt port, boolean directTls, Duration connectTimeout,
                               TrustOptions trust, Optional<KeyManagerFactory> keyManager, List<String> protocols,
                               SrvResolver resolver) {
        this.host = host;
        this.port = port;
        this.directTls = directTls;
        this.connectTimeout = connectTimeout;
        this.trust = trust;
        this.keyManager = keyManager;
        this.protocols = protocols;
        this.resolver = resolver;
    }

    /**
     * The defaults: SRV lookup, STARTTLS, connect timeout 10 s, {@link TrustOptions#system()}, no client
     * certificate, TLS 1.3 and 1.2, the system's name servers.
     */
    public static TcpClientTransport create() {
        return new TcpClientTransport(Optional.empty(), OptionalInt.empty(), false, DEFAULT_CONNECT_TIMEOUT,
                TrustOptions.system(), Optional.empty(), TlsEngines.DEFAULT_PROTOCOLS, SrvResolver.system());
    }

    /**
     * Connects to {@code host} instead of looking up SRV records. The certificate is still checked against the
     * XMPP domain, not against {@code host}.
     *
     * @param host a host name or IP address
     */
    public TcpClientTransport host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        return new TcpClientTransport(Optional.of(host), port, directTls, connectTimeout, trust, keyManager,
                protocols, resolver);
    }

    /**
     * Connects to {@code port} instead of looking up SRV records (on {@link #host}, or else the domain). Without
     * it, an explicit host is connected to on 5222, or 5223 with direct TLS.
     *
     * @param port 1 to 65535
     */
    public TcpClientTransport port(int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
        return new TcpClientTransport(host, OptionalInt.of(port), directTls, connectTimeout, trust, keyManager,
                protocols, resolver);
    }

    /**
     * Whether TLS starts with the first byte (XEP-0368), with SNI the XMPP domain and ALPN {@code xmpp-client},
     * instead of with STARTTLS. Off by default; SRV targets of {@code _xmpps-client} use direct TLS either way.
     */
    public TcpClientTransport directTls(boolean directTls) {
        return new TcpClientTransport(host, port, directTls, connectTimeout, trust, keyManager, protocols,
                resolver);
    }

    /**
     * How long one attempt to connect may take: the TCP connection, and with direct TLS its handshake (a STARTTLS
     * handshake gets as long). 10 s by default.
     */
    public TcpClientTransport connectTimeout(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        return new TcpClientTransport(host, port, directTls, connectTimeout, trust, keyManager, protocols,
                resolver);
    }

    /** How the server's certificate is trusted; {@link TrustOptions#system()} by default. */
    public TcpClientTransport trust(TrustOptions trust) {
        return new TcpClientTransport(host, port, directTls, connectTimeout, Objects.requireNonNull(trust, "trust"),
                keyManager, protocols, resolver);
    }

    /** The client certificate to present when the server asks, e.g. for SASL EXTERNAL (XEP-0178). */
    public TcpClientTransport keyManager(KeyManagerFactory keyManager) {
        return new TcpClientTransport(host, port, directTls, connectTimeout, trust,
                Optional.of(Objects.requireNonNull(keyManager, "keyManager")), protocols, resolver);
    }

    /**
     * The TLS protocol versions to offer: {@code "TLSv1.3"}, {@code "TLSv1.2"} or both (the default).
     *
     * @throws IllegalArgumentException for none, or for anything older
     */
    public TcpClientTransport protocols(String... protocols) {
        return new TcpClientTransport(host, port, directTls, connectTimeout, trust, keyManager,
                TlsEngines.checkProtocols(protocols), resolver);
    }

    /**
     * Where SRV records come from; {@link SrvResolver#system()} by default. Not asked with {@link #host} or
     * {@link #port}.
     */
    public TcpClientTransport resolver(SrvResolver resolver) {
        return new TcpClientTransport(host, port, directTls, connectTimeout, trust, keyManager, protocols,
                Objects.requireNonNull(resolver, "resolver"));
    }

    /**
     * Connects to the XMPP service of {@code domain}: finds where it is (see the class description), tries each
     * place in order, and emits the transport of the first connection that opens (and, for direct TLS, whose
     * handshake succeeds). Fails with an {@link XmppConnectException} when none does.
     *
     * @param domain the XMPP domain, e.g. {@code example.com}
     */
    @Override
    public Mono<Transport> connect(String domain) {
        return Mono.defer(() -> {
            String asciiDomain = IDN.toASCII(Objects.requireNonNull(domain, "domain"), IDN.ALLOW_UNASSIGNED);
            SSLContext context = sslContext();
            return targets(asciiDomain).flatMap(targets -> tryInOrder(asciiDomain, targets, context));
        });
    }

    private Mono<List<ConnectTarget>> targets(String domain) {
        if (host.isPresent() || port.isPresent()) {
            int defaultPort = directTls ? SrvOrdering.DIRECT_TLS_PORT : SrvOrdering.CLIENT_PORT;
            return Mono.just(List.of(new ConnectTarget(host.orElse(domain), port.orElse(defaultPort), directTls)));
        }
        Mono<List<SrvRecord>> xmpps = lookup("_xmpps-client._tcp." + domain + ".");
        Mono<List<SrvRecord>> xmpp = directTls ? Mono.just(List.of()) : lookup("_xmpp-client._tcp." + domain + ".");
        return Mono.zip(xmpps, xmpp).map(answers -> SrvOrdering.targets(domain, answers.getT1(), answers.getT2(),
                directTls, ThreadLocalRandom.current()));
    }

    // RFC 6120 §3.2.1: a lookup that fails counts as finding nothing, which leads to the fallback.
    private Mono<List<SrvRecord>> lookup(String name) {
        return resolver.lookup(name)
                .timeout(connectTimeout, Mono.just(List.of()))
                .onErrorReturn(List.of())
                .defaultIfEmpty(List.of());
    }

    private Mono<Transport> tryInOrder(String domain, List<ConnectTarget> targets, SSLContext context) {
        if (targets.isEmpty()) {
            return Mono.error(new XmppConnectException(domain, "the SRV records of " + domain
                    + " say it offers no XMPP client service (target \".\")"));
        }
        List<String> attempts = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        return Flux.fromIterable(targets)
                .concatMap(target -> connect(domain, target, context).onErrorResume(error -> {
                    synchronized (errors) {
                        attempts.add(target + ": " + error);
                        errors.add(error);
                    }
                    return Mono.empty();
                }), 0)
                .next()
                .switchIfEmpty(Mono.defer(() -> {
                    synchronized (errors) {
                        return Mono.error(new XmppConnectException(domain, attempts, errors));
                    }
                }));
    }

    private Mono<Transport> connect(String domain, ConnectTarget target, SSLContext context) {
        TlsEngines engines = TlsEngines.client(context, domain, target.port(), trust.checksName(), protocols,
                target.directTls(), connectTimeout);
        return TcpClient.create()
                .remoteAddress(() -> InetSocketAddress.createUnresolved(target.host(), target.port()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.AUTO_READ, false)
                .doOnChannelInit((observer, channel, address) -> {
                    channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, SocketReader.NAME,
                            new SocketReader(channel));
                    if (target.directTls()) {
                        channel.pipeline().addFirst(NettyPipeline.SslHandler, engines.newHandler());
                    }
                })
                .connect()
                .flatMap(connection -> NettyTransport.open(connection,
                        target.directTls() ? Optional.empty() : Optional.of(engines),
                        target.directTls() ? Optional.of(TlsRole.CLIENT) : Optional.empty()));
    }

    private SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManager.map(KeyManagerFactory::getKeyManagers).orElse(null), trust.trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    @Override
    public String toString() {
        return "TcpClientTransport[" + host.map(h -> "host " + h + ", ").orElse("")
                + (port.isPresent() ? "port " + port.getAsInt() + ", " : "")
                + (directTls ? "direct TLS" : "STARTTLS") + ", " + trust + ", " + protocols + "]";
    }
}
