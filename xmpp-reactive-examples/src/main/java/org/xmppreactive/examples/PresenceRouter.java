package org.xmppreactive.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;
import org.xmppreactive.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence on the demo server (RFC 6121 §3, §4):
 * <ul>
 *   <li>subscription stanzas go to the contact's bare JID, stamped with the sender's bare JID, and change both
 *       rosters through {@link DemoRosters} (§3);</li>
 *   <li>presence without {@code to} is broadcast to the available resources of the contacts subscribed to the user
 *       ({@code from} or {@code both}) and of the user itself, the sender of available presence included (§4.2.2,
 *       §4.4.2, §4.5.2);</li>
 *   <li>initial presence also brings the new resource the current presence of the contacts the user is subscribed
 *       to ({@code to} or {@code both}, §4.2.3) and of its other resources, and the subscription requests it has
 *       not answered (§3.1.3);</li>
 *   <li>directed presence goes to the resource it names, or to every available resource of a bare JID (§4.6,
 *       §8.5.2.1); probes from clients are dropped (§4.3).</li>
 * </ul>
 * The last broadcast presence of each available resource is kept, to share it with new subscribers and new
 * resources; when a session ends while available, its unavailable presence is broadcast for it (§4.5.2).
 * Directed presence is not remembered, so it is not withdrawn when the session ends (§4.6.3). Any localpart at the
 * server's domain counts as a user: the accounts are not consulted.
 *
 * <p>What to send is decided under one lock, so no two stanzas see the state half-changed (a request stored and
 * delivered to a resource that comes online at that moment, say, delivered twice); the sending follows, in the
 * decided order, and each method completes when its stanzas are written. That the sends of two calls do not
 * overtake each other is the caller's part: {@link StanzaRouter} makes the calls one at a time.
 */
final class PresenceRouter {

    /** An available resource and the last presence it broadcast. */
    private record Resource(XmppSession session, Presence presence) {
    }

    private final XmppServer server;
    private final DemoRosters rosters;
    private final RosterPushes pushes;
    private final Object lock = new Object();
    private final Map<Jid, Map<Jid, Resource>> available = new HashMap<>();

    PresenceRouter(XmppServer server, DemoRosters rosters, RosterPushes pushes) {
        this.server = server;
        this.rosters = rosters;
        this.pushes = pushes;
    }

    /**
     * Routes a presence stanza that {@code from} sent (its {@code from} already stamped with the full JID).
     *
     * @param from     the sender's session
     * @param presence the stanza
     * @return completes when everything it caused is sent
     */
    Mono<Void> route(XmppSession from, Presence presence) {
        List<Mono<Void>> sends;
        synchronized (lock) {
            sends = decide(from, presence);
        }
        return Flux.concat(sends).then();
    }

    /**
     * Carries out the steps of a roster change made outside a presence stanza, such as a roster remove (§2.5.2).
     *
     * @param steps what {@link DemoRosters} returned
     * @return completes when the steps' stanzas are sent
     */
    Mono<Void> carryOut(List<SubscriptionStep> steps) {
        List<Mono<Void>> sends;
        synchronized (lock) {
            sends = steps(steps);
        }
        return Flux.concat(sends).then();
    }

    /**
     * The session ended: if the resource was available, broadcasts unavailable presence for it (§4.5.2).
     *
     * @param session the session that ended
     * @return completes when sent
     */
    Mono<Void> ended(XmppSession session) {
        pushes.forget(session);
        return route(session, Presence.builder().type(PresenceType.UNAVAILABLE).from(session.jid()).build());
    }

    private List<Mono<Void>> decide(XmppSession from, Presence presence) {
        PresenceType type = presence.type();
        if (type == PresenceType.SUBSCRIBE || type == PresenceType.SUBSCRIBED || type == PresenceType.UNSUBSCRIBE
                || type == PresenceType.UNSUBSCRIBED) {
            Optional<Jid> contact = presence.to().map(Jid::bare).filter(this::isLocalAccount);
            if (contact.isEmpty()) {
                return List.of();   // a server of one domain, without server-to-server: nowhere to route it
            }
            // RFC 6121 §3.1.2, §3.2.2, §3.3.2: to the contact's bare JID, stamped with the user's bare JID
            return steps(rosters.subscription(addressed(presence, from.jid().bare(), contact.get())));
        }
        if (presence.to().isPresent()) {
            return directed(presence);
        }
        if (type == PresenceType.AVAILABLE) {
            return available(from, presence);
        }
        if (type == PresenceType.UNAVAILABLE) {
            return unavailable(from, presence);
        }
        return List.of();   // a probe or an error without 'to': nothing to do
    }

    private List<Mono<Void>> available(XmppSession from, Presence presence) {
        Jid resource = from.jid();
        Jid user = resource.bare();
        Resource previous = resources(user).put(resource, new Resource(from, presence));
        boolean initial = previous == null || previous.session() != from;
        List<Mono<Void>> sends = broadcast(resource, presence);
        if (initial) {
            // §4.2.3: the server probes the contacts the user is subscribed to; they are ours, so we answer for them
            for (Jid contact : rosters.subscriptions(user)) {
                for (Resource theirs : resources(contact).values()) {
                    sends.add(send(from, addressed(theirs.presence(), theirs.session().jid(), resource)));
                }
            }
            for (Resource own : resources(user).values()) {
                if (own.session() != from) {
                    sends.add(send(from, addressed(own.presence(), own.session().jid(), resource)));
                }
            }
            for (Presence request : rosters.pendingRequests(user)) {
                sends.add(send(from, request));   // §3.1.3: kept until answered, delivered at each initial presence
            }
        }
        return sends;
    }

    private List<Mono<Void>> unavailable(XmppSession from, Presence presence) {
        Jid resource = from.jid();
        Map<Jid, Resource> resources = resources(resource.bare());
        Resource current = resources.get(resource);
        if (current == null || current.session() != from) {
            return List.of();   // it was not available: there is nothing to take back
        }
        resources.remove(resource);
        return broadcast(resource, presence);
    }

    // §4.2.2, §4.4.2, §4.5.2: to every available resource of the subscribers, and of the user (to itself as well)
    private List<Mono<Void>> broadcast(Jid resource, Presence presence) {
        Jid user = resource.bare();
        List<Mono<Void>> sends = new ArrayList<>();
        for (Jid contact : rosters.subscribers(user)) {
            for (Resource theirs : resources(contact).values()) {
                sends.add(send(theirs.session(), addressed(presence, resource, contact)));
            }
        }
        for (Resource own : resources(user).values()) {
            sends.add(send(own.session(), addressed(presence, resource, user)));
        }
        return sends;
    }

    private List<Mono<Void>> directed(Presence presence) {
        Jid to = presence.to().orElseThrow();
        if (presence.type() == PresenceType.PROBE || !isLocalAccount(to)) {
            return List.of();
        }
        if (to.isBare()) {
            return resources(to).values().stream().map(resource -> send(resource.session(), presence)).toList();
        }
        return server.session(to).map(session -> List.of(send(session, presence))).orElse(List.of());
    }

    private List<Mono<Void>> steps(List<SubscriptionStep> steps) {
        List<Mono<Void>> sends = new ArrayList<>();
        for (SubscriptionStep step : steps) {
            if (step instanceof SubscriptionStep.Push push) {
                for (XmppSession resource : pushes.interested(push.user())) {
                    sends.add(pushes.push(resource, push.item()));
                }
            } else if (step instanceof SubscriptionStep.Deliver deliver) {
                Jid to = deliver.stanza().to().orElseThrow();
                List<XmppSession> recipients = deliver.recipients() == SubscriptionStep.Recipients.INTERESTED
                        ? pushes.interested(to)
                        : resources(to).values().stream().map(Resource::session).toList();
                for (XmppSession recipient : recipients) {
                    sends.add(send(recipient, deliver.stanza()));
                }
            } else if (step instanceof SubscriptionStep.SharePresence share) {
                for (Resource theirs : resources(share.contact()).values()) {
                    sends.addAll(toAvailable(share.user(),
                            addressed(theirs.presence(), theirs.session().jid(), share.user())));
                }
            } else if (step instanceof SubscriptionStep.WithdrawPresence withdraw) {
                for (Resource theirs : resources(withdraw.contact()).values()) {
                    sends.addAll(toAvailable(withdraw.user(), Presence.builder().type(PresenceType.UNAVAILABLE)
                            .from(theirs.session().jid()).to(withdraw.user()).build()));
                }
            }
        }
        return sends;
    }

    private List<Mono<Void>> toAvailable(Jid user, Presence presence) {
        return resources(user).values().stream().map(resource -> send(resource.session(), presence)).toList();
    }

    private Map<Jid, Resource> resources(Jid user) {
        return available.computeIfAbsent(user, u -> new LinkedHashMap<>());
    }

    private boolean isLocalAccount(Jid jid) {
        return jid.localpart().isPresent() && jid.domain().equals(server.domain());
    }

    private static Mono<Void> send(XmppSession session, Stanza stanza) {
        return session.send(stanza).onErrorResume(error -> Mono.empty());   // that session is closing: skip it
    }

    /** {@code presence} from {@code from} to {@code to}, as the server delivers it. */
    private static Presence addressed(Presence presence, Jid from, Jid to) {
        return presence.withFrom(from).withTo(to);
    }
}
