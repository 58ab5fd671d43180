package org.xmppreactive.examples;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.sasl.CredentialStore;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.Stanza;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.tcp.Binding;
import org.xmppreactive.tcp.TcpServerTransport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A small in-process XMPP server on 127.0.0.1: the receiving role of xmpp-reactive behind the TCP transport, with
 * fixed rosters, routing messages and IQs between the sessions of its users and broadcasting presence to their
 * contacts. Enough for the demo and for tests; not a production server (no offline storage, no subscriptions).
 */
final class DemoServer {

    private final XmppServer server;
    private final Map<String, List<Jid>> contacts;
    private final Binding binding;

    private DemoServer(XmppServer server, Map<String, List<Jid>> contacts, Binding binding) {
        this.server = server;
        this.contacts = contacts;
        this.binding = binding;
    }

    /**
     * Starts a server for {@code domain} on 127.0.0.1 and an ephemeral port, STARTTLS required with {@code tls}.
     *
     * @param contacts each user's contacts (localpart to bare JIDs), all with subscription {@code both}
     */
    static Mono<DemoServer> start(String domain, CredentialStore accounts, SSLContext tls,
                                  Map<String, List<Jid>> contacts) {
        XmppServer server = XmppServer.builder(domain, accounts).build();
        DemoServer[] started = new DemoServer[1];
        return TcpServerTransport.create().host("127.0.0.1").port(0).tls(tls)
                .bind(transport -> server.accept(transport).flatMap(session -> started[0].serve(session)))
                .map(binding -> started[0] = new DemoServer(server, contacts, binding));
    }

    /** The port clients connect to. */
    int port() {
        return binding.port();
    }

    /** Stops listening and closes the connections. */
    Mono<Void> stop() {
        return binding.close();
    }

    private Mono<Void> serve(XmppSession session) {
        String user = session.jid().localpart().orElseThrow();
        session.iqRequests(RosterQuery.class)
                .flatMap(request -> session.send(request.result(RosterQuery.codec().encode(roster(user)))))
                .subscribe();
        session.stanzas()
                .concatMap(stanza -> route(session, stanza))
                .subscribe(null, error -> { });
        return session.ended().then();
    }

    private RosterQuery roster(String user) {
        return RosterQuery.of(contacts.getOrDefault(user, List.of()).stream()
                .map(jid -> RosterItem.of(jid).withSubscription(Subscription.BOTH))
                .toList());
    }

    private Mono<Void> route(XmppSession from, Stanza stanza) {
        if (stanza instanceof Presence presence && presence.to().isEmpty()) {
            // RFC 6121 §4.2.2: the server broadcasts to the contacts with a subscription to the user's presence
            return Flux.fromIterable(contacts.getOrDefault(from.jid().localpart().orElseThrow(), List.of()))
                    .flatMapIterable(server::sessions)
                    .concatMap(contact -> contact.send(presence))
                    .then();
        }
        Optional<Jid> to = stanza.to();
        if (to.isEmpty() || to.get().localpart().isEmpty()) {
            return answerUnavailable(from, stanza);
        }
        List<XmppSession> targets = to.get().resourcepart().isPresent()
                ? server.session(to.get()).map(List::of).orElseGet(() -> server.sessions(to.get()))
                : server.sessions(to.get());
        if (targets.isEmpty()) {
            return answerUnavailable(from, stanza);
        }
        if (stanza instanceof Message) {
            return Flux.fromIterable(targets).concatMap(target -> target.send(stanza)).then();
        }
        return targets.get(0).send(stanza);
    }

    // RFC 6121 §8.5.2: nobody to deliver to; an error is never answered with one
    private static Mono<Void> answerUnavailable(XmppSession from, Stanza stanza) {
        StanzaError error = StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        if (stanza.error().isPresent()) {
            return Mono.empty();
        }
        if (stanza instanceof Iq iq && iq.isRequest()) {
            return from.send(iq.error(error));
        }
        if (stanza instanceof Message message) {
            Message.Builder bounce = Message.builder().type(MessageType.ERROR).to(from.jid()).error(error);
            message.id().ifPresent(bounce::id);
            message.to().ifPresent(bounce::from);
            return from.send(bounce.build());
        }
        return Mono.empty();
    }
}
