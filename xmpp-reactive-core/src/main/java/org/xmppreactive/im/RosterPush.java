package org.xmppreactive.im;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.PayloadException;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.IqType;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.xml.XmlElement;

/**
 * What a client makes of an inbound roster request (RFC 6121 §2.1.6): a push it applies and acknowledges, one it
 * refuses with an error, or one it ignores without a word. Pure: the verdict depends only on the request and the
 * account's JID.
 */
sealed interface RosterPush {

    /** The request judged. */
    Iq request();

    /** A valid push from our own server: apply {@link #change()}, then answer with an empty result. */
    record Accepted(Iq request, RosterChange change) implements RosterPush {
    }

    /** A request from our own server that is not a valid push: answer it with {@link #error()}, change nothing. */
    record Rejected(Iq request, StanzaError error) implements RosterPush {
    }

    /**
     * A push from someone other than our server: neither applied nor answered, so its sender learns nothing
     * (RFC 6121 §2.1.6; the CVE-2014-0364 and CVE-2015-8688 class of roster spoofing).
     */
    record Ignored(Iq request, String reason) implements RosterPush {
    }

    /**
     * Judges {@code request}, a roster query IQ that reached the account bound as {@code account}.
     *
     * <ol>
     *   <li>A request with a {@code from} other than the account's bare JID is {@link Ignored}, whatever it
     *       carries (§2.1.6: "the client MUST ignore the stanza"); a {@code get} is the one exception, answered
     *       {@code service-unavailable} as the session answers any request nobody serves.</li>
     *   <li>A {@code get} from the server is {@link Rejected} with {@code service-unavailable}: a client serves
     *       no roster.</li>
     *   <li>A query that cannot be read (an invalid JID, an unknown subscription value, an empty or repeated group)
     *       is {@link Rejected} with {@code bad-request}, naming the fault.</li>
     *   <li>A push with other than exactly one item is {@link Rejected} with {@code bad-request} (§2.1.6).</li>
     * </ol>
     *
     * @param request the IQ get or set whose payload is {@code <query xmlns='jabber:iq:roster'/>}
     * @param account the JID bound to the session, full or bare
     * @return the verdict
     */
    static RosterPush judge(Iq request, Jid account) {
        Objects.requireNonNull(request, "request");
        Jid bare = account.bare();
        Optional<Jid> from = request.from();
        if (request.type() == IqType.GET) {
            return new Rejected(request, StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE));
        }
        if (from.isPresent() && !from.get().equals(bare)) {
            // RFC 6121 §2.1.6: only the user's server may push, and it does so without 'from' or from the bare JID
            return new Ignored(request, "a roster push from " + from.get() + ", which is not " + bare);
        }
        XmlElement payload = request.payload().orElseThrow();
        RosterQuery query;
        try {
            query = RosterQuery.codec().decode(payload);
        } catch (PayloadException e) {
            return new Rejected(request, badRequest(e.getMessage()));
        }
        if (query.items().size() != 1) {
            return new Rejected(request, badRequest("a roster push carries exactly one item, this one has "
                    + query.items().size() + " (RFC 6121 §2.1.6)"));
        }
        return new Accepted(request, RosterChange.of(query.items().get(0), query.ver()));
    }

    private static StanzaError badRequest(String text) {
        return StanzaError.of(StanzaErrorCondition.BAD_REQUEST).withText(text);
    }
}
