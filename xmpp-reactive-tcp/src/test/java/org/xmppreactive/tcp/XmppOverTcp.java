package org.xmppreactive.tcp;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import reactor.core.publisher.Mono;

/**
 * An {@link XmppServer} for {@code example.com} (accounts alice and bob) behind a {@link TcpServerTransport} on
 * 127.0.0.1 and an ephemeral port, and clients for it: what the tests of this package share. The server's
 * negotiated sessions wait in {@link #nextServerSession()}.
 */
final class XmppOverTcp implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String DOMAIN = "example.com";

    final XmppServer xmpp;
    final Binding binding;
    private final BlockingQueue<XmppSession> serverSessions = new LinkedBlockingQueue<>();
    private final BlockingQueue<Throwable> serverFailures = new LinkedBlockingQueue<>();

    private XmppOverTcp(UnaryOperator<XmppServer.Builder> server, TcpServerTransport transport) {
        InMemoryCredentialStore accounts = new InMemoryCredentialStore()
                .add("alice", "alice-secret").add("bob", "bob-secret");
        this.xmpp = server.apply(XmppServer.builder(DOMAIN, accounts)).build();
        this.binding = transport.port(0).bind(connection -> xmpp.accept(connection)
                        .doOnNext(serverSessions::add)
                        .doOnError(serverFailures::add)
                        .flatMap(XmppSession::ended)
                        .onErrorResume(e -> Mono.empty())
                        .then())
                .block(WAIT);
    }

    /** The default server, offering STARTTLS with {@code serverContext}. */
    static XmppOverTcp startTls(SSLContext serverContext) {
        return new XmppOverTcp(UnaryOperator.identity(), TcpServerTransport.create().tls(serverContext));
    }

    /** The server {@code server} makes of the default builder, behind {@code transport}. */
    static XmppOverTcp of(UnaryOperator<XmppServer.Builder> server, TcpServerTransport transport) {
        return new XmppOverTcp(server, transport);
    }

    /** A client transport aimed at this server (the default trust, which knows no test CA). */
    TcpClientTransport clientTransport() {
        return TcpClientTransport.create().host("127.0.0.1").port(binding.port())
                .connectTimeout(Duration.ofSeconds(5));
    }

    /** Alice's client over {@code transport}. */
    static XmppClient.Builder alice(TcpClientTransport transport) {
        return XmppClient.builder().jid("alice@example.com/phone").password("alice-secret").connector(transport);
    }

    /** The next server-side session, waiting at most {@link #WAIT}. */
    XmppSession nextServerSession() throws InterruptedException {
        XmppSession session = serverSessions.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (session == null) {
            throw new AssertionError("no session was negotiated; server-side failures: " + serverFailures);
        }
        return session;
    }

    @Override
    public void close() {
        binding.close().block(WAIT);
    }
}
