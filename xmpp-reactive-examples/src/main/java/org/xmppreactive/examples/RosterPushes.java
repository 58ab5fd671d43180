package org.xmppreactive.examples;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Roster pushes (RFC 6121 §2.1.6) and the resources they go to: a user's <em>interested resources</em>, those that
 * asked for the roster in this session. A push is an IQ set addressed to the resource, without {@code from} (so the
 * client knows it comes from its own server), with the one changed item.
 *
 * <pre>{@code
 * pushes.interested(session);                       // on its roster get
 * pushes.push(alice, RosterItem.of(bob)).subscribe();   // to every interested resource of alice
 * }</pre>
 *
 * <p>Thread-safe.
 */
final class RosterPushes {

    private final Map<Jid, Map<Jid, XmppSession>> interested = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * Makes {@code resource} an interested resource of its user: it is sent every push from now on.
     *
     * @param resource the session that asked for the roster
     */
    synchronized void interested(XmppSession resource) {
        Jid jid = resource.jid();
        interested.computeIfAbsent(jid.bare(), user -> new LinkedHashMap<>()).put(jid, resource);
    }

    /**
     * Forgets {@code resource}, whose session ended; a newer session bound to the same full JID stays.
     *
     * @param resource the session that ended
     */
    synchronized void forget(XmppSession resource) {
        Map<Jid, XmppSession> resources = interested.get(resource.jid().bare());
        if (resources != null) {
            resources.remove(resource.jid(), resource);
        }
    }

    /**
     * The interested resources of {@code user}.
     *
     * @param user a bare JID
     * @return their sessions, in the order they asked for the roster
     */
    synchronized List<XmppSession> interested(Jid user) {
        return List.copyOf(interested.getOrDefault(user, Map.of()).values());
    }

    /**
     * Pushes {@code item} to every interested resource of {@code user}, one after the other.
     *
     * @param user whose roster changed, a bare JID
     * @param item the item as it is now, or with subscription {@code remove}
     * @return completes when every push is sent
     */
    Mono<Void> push(Jid user, RosterItem item) {
        return Flux.defer(() -> Flux.fromIterable(interested(user)))
                .concatMap(resource -> push(resource, item))
                .then();
    }

    /**
     * Pushes {@code item} to one resource. Nothing waits for the client's answer, a result (or an error if it
     * refused the push): {@link StanzaRouter} consumes it when it comes, and a client that does not answer holds up
     * no one.
     *
     * @param resource the interested resource
     * @param item     the item
     * @return completes when the push is written; a session that is closing is skipped
     */
    Mono<Void> push(XmppSession resource, RosterItem item) {
        Iq push = Iq.set("push-" + ids.incrementAndGet(), RosterQuery.codec().encode(RosterQuery.of(item)))
                .withTo(resource.jid());
        return resource.send(push).onErrorResume(error -> Mono.empty());
    }
}
