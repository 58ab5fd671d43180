package org.xmppreactive.examples;

import java.util.List;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.Stanza;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the demo server does with the stanzas of each session, in the order they came (RFC 6120 §10, RFC 6121 §8):
 * roster requests are answered by {@link RosterRequests}, presence goes to {@link PresenceRouter}, and messages and
 * other IQs go to the session they are addressed to; what cannot be delivered is answered
 * {@code service-unavailable}. A client's answers to the server's roster pushes are consumed here. When the session
 * ends, its resource goes unavailable.
 *
 * <p>Roster and presence work, whichever session it comes from, runs one job at a time on a {@link SerialQueue}, so
 * every resource gets the pushes and presence in the order the server decided them.
 *
 * <pre>{@code
 * StanzaRouter router = new StanzaRouter(server, rosters);
 * tcpServer.bind(transport -> server.accept(transport).flatMap(router::serve));
 * }</pre>
 */
final class StanzaRouter {

    private final XmppServer server;
    private final SerialQueue inTurn = new SerialQueue();
    private final PresenceRouter presence;
    private final RosterRequests rosterRequests;

    /**
     * A router for the users of {@code server}, whose rosters are {@code rosters}.
     *
     * @param server  the server, which knows the live sessions
     * @param rosters the users' rosters
     */
    StanzaRouter(XmppServer server, DemoRosters rosters) {
        RosterPushes pushes = new RosterPushes();
        this.server = server;
        this.presence = new PresenceRouter(server, rosters, pushes);
        this.rosterRequests = new RosterRequests(rosters, pushes, presence);
    }

    /**
     * Routes what {@code session} sends until it ends, then broadcasts its unavailable presence if it was available.
     *
     * @param session a client's session, just accepted
     * @return completes once the session ended and its last stanzas are routed
     */
    Mono<Void> serve(XmppSession session) {
        return session.stanzas()
                .concatMap(stanza -> route(session, stanza).onErrorResume(error -> Mono.empty()))
                .onErrorResume(error -> Mono.empty())   // the connection failed: it ended all the same
                .then(Mono.defer(() -> inTurn.run(() -> presence.ended(session))));
    }

    private Mono<Void> route(XmppSession from, Stanza stanza) {
        if (stanza instanceof Presence presenceStanza) {
            return inTurn.run(() -> presence.route(from, presenceStanza));
        }
        if (stanza instanceof Iq iq && RosterRequests.isRosterRequest(from, iq)) {
            return inTurn.run(() -> rosterRequests.answer(from, iq));
        }
        if (stanza instanceof Iq iq && !iq.isRequest() && isToServer(from, iq)) {
            return Mono.empty();   // a result or error answering one of our roster pushes (§2.1.6): nothing to do
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

    // RFC 6120 §10.3.3: no 'to', or the account's own bare JID, is the server answering for the account
    private static boolean isToServer(XmppSession from, Iq iq) {
        return iq.to().map(to -> to.equals(from.jid().bare())).orElse(true);
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
