package org.xmppreactive.examples;

import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.CredentialStore;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.tcp.Binding;
import org.xmppreactive.tcp.TcpServerTransport;
import reactor.core.publisher.Mono;

/**
 * A small in-process XMPP server on 127.0.0.1: the receiving role of xmpp-reactive behind the TCP transport, with
 * a {@link StanzaRouter} for its users. It keeps their rosters in memory and serves roster gets, sets and pushes,
 * handles presence subscriptions between them and broadcasts presence by the roster (RFC 6121), and routes
 * messages and IQs between their sessions. Enough for the demo and for tests; not a production server: one domain,
 * no server-to-server, no offline messages, nothing kept after it stops.
 *
 * <pre>{@code
 * DemoServer server = DemoServer.start("example.com", accounts, certificates.serverContext("example.com")).block();
 * TcpClientTransport.create().host("127.0.0.1").port(server.port());   // where clients connect
 * server.stop().block();
 * }</pre>
 */
final class DemoServer {

    private final Binding binding;

    private DemoServer(Binding binding) {
        this.binding = binding;
    }

    /**
     * Starts a server for {@code domain} on 127.0.0.1 and an ephemeral port, STARTTLS required with {@code tls}.
     * Every roster starts empty.
     *
     * @param domain   the XMPP domain
     * @param accounts the users and their credentials
     * @param tls      what STARTTLS uses: a certificate for {@code domain}
     * @return the server, once it listens
     */
    static Mono<DemoServer> start(String domain, CredentialStore accounts, SSLContext tls) {
        return start(domain, accounts, tls, Map.of());
    }

    /**
     * Starts a server as {@link #start(String, CredentialStore, SSLContext)} does, with rosters seeded: each user
     * (localpart) and each of its contacts are in each other's roster, subscribed both ways ({@code both}).
     *
     * @param domain   the XMPP domain
     * @param accounts the users and their credentials
     * @param tls      what STARTTLS uses: a certificate for {@code domain}
     * @param contacts each user's contacts, by localpart; their bare JIDs are used
     * @return the server, once it listens
     */
    static Mono<DemoServer> start(String domain, CredentialStore accounts, SSLContext tls,
                                  Map<String, List<Jid>> contacts) {
        XmppServer server = XmppServer.builder(domain, accounts).build();
        DemoRosters rosters = new DemoRosters();
        contacts.forEach((user, jids) -> jids.forEach(contact ->
                rosters.subscribeMutually(Jid.of(user, domain), contact.bare())));
        StanzaRouter router = new StanzaRouter(server, rosters);
        return TcpServerTransport.create().host("127.0.0.1").port(0).tls(tls)
                .bind(transport -> server.accept(transport).flatMap(router::serve))
                .map(DemoServer::new);
    }

    /** The port clients connect to. */
    int port() {
        return binding.port();
    }

    /** Stops listening and closes the connections. */
    Mono<Void> stop() {
        return binding.close();
    }
}
