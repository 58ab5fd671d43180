package org.xmppreactive.examples;

import java.util.List;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.PayloadException;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.IqType;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * The server side of roster management (RFC 6121 §2): a roster get is answered with the whole roster (§2.1.3,
 * §2.1.4; without versioning, which the server does not advertise, so a {@code ver} is ignored, §2.6.1) and makes
 * the resource an interested one; a roster set adds or updates its one item (§2.3, §2.4) or removes it (§2.5),
 * pushes the change to the user's interested resources, then answers with an empty result.
 *
 * <pre>{@code
 * if (RosterRequests.isRosterRequest(session, iq)) {
 *     return rosterRequests.answer(session, iq);
 * }
 * }</pre>
 */
final class RosterRequests {

    private final DemoRosters rosters;
    private final RosterPushes pushes;
    private final PresenceRouter presence;

    RosterRequests(DemoRosters rosters, RosterPushes pushes, PresenceRouter presence) {
        this.rosters = rosters;
        this.pushes = pushes;
        this.presence = presence;
    }

    /**
     * Whether the server answers {@code iq} itself: a get or set of a roster query, addressed to no one or to the
     * user's own bare JID (§2.1.3, §2.1.5). A roster query addressed to anyone else is routed like any IQ.
     *
     * @param from the sender's session
     * @param iq   the IQ
     * @return true for a roster request to the server
     */
    static boolean isRosterRequest(XmppSession from, Iq iq) {
        return iq.isRequest()
                && iq.payload().filter(payload -> payload.is(RosterQuery.NAMESPACE, RosterQuery.ELEMENT)).isPresent()
                && iq.to().map(to -> to.equals(from.jid().bare())).orElse(true);
    }

    /**
     * Answers a roster request.
     *
     * @param from    the sender's session
     * @param request a request for which {@link #isRosterRequest} holds
     * @return completes when the pushes and the answer are sent
     */
    Mono<Void> answer(XmppSession from, Iq request) {
        return request.type() == IqType.GET ? get(from, request) : set(from, request);
    }

    private Mono<Void> get(XmppSession from, Iq request) {
        pushes.interested(from);   // before reading the roster, so no change falls between the result and the pushes
        RosterQuery roster = RosterQuery.of(rosters.roster(from.jid().bare()));
        return reply(from, request.result(RosterQuery.codec().encode(roster)));
    }

    private Mono<Void> set(XmppSession from, Iq request) {
        XmlElement query = request.payload().orElseThrow();
        List<XmlElement> items = query.children(RosterQuery.NAMESPACE, "item");
        if (items.size() != 1) {
            return refuse(from, request, StanzaErrorCondition.BAD_REQUEST,
                    "a roster set carries exactly one item, this one has " + items.size() + " (RFC 6121 §2.3.3)");
        }
        boolean emptyGroup = items.get(0).children(RosterQuery.NAMESPACE, "group").stream()
                .anyMatch(group -> group.text().isEmpty());
        if (emptyGroup) {
            return refuse(from, request, StanzaErrorCondition.NOT_ACCEPTABLE, "an empty group name; leave <group/> "
                    + "out to put the item in no group (RFC 6121 §2.3.3)");
        }
        RosterItem item;
        try {
            item = RosterQuery.codec().decode(query).items().get(0);
        } catch (PayloadException e) {
            return refuse(from, request, StanzaErrorCondition.BAD_REQUEST, e.getMessage());   // e.g. a repeated group
        }
        Jid user = from.jid().bare();
        if (item.subscription() == Subscription.REMOVE) {
            return remove(from, request, user, item.jid());
        }
        RosterItem stored = rosters.set(user, item);
        return pushes.push(user, stored).then(reply(from, request.result()));
    }

    private Mono<Void> remove(XmppSession from, Iq request, Jid user, Jid contact) {
        if (rosters.item(user, contact).isEmpty()) {
            return refuse(from, request, StanzaErrorCondition.ITEM_NOT_FOUND,
                    contact + " is not in the roster (RFC 6121 §2.5.3)");
        }
        return presence.carryOut(rosters.remove(user, contact)).then(reply(from, request.result()));
    }

    private static Mono<Void> refuse(XmppSession from, Iq request, StanzaErrorCondition condition, String text) {
        return reply(from, request.error(StanzaError.of(condition).withText(text)));
    }

    private static Mono<Void> reply(XmppSession to, Iq answer) {
        return to.send(answer).onErrorResume(error -> Mono.empty());   // the session is closing: nobody to answer
    }
}
