package org.xmppreactive.im;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;
import org.xmppreactive.stanza.Show;
import reactor.core.publisher.Mono;

/**
 * The user's own availability (RFC 6121 §4): presence broadcast to every subscribed contact, and directed presence
 * to one entity.
 *
 * <pre>{@code
 * Availability me = Availability.of(session);
 * me.available().subscribe();                                   // initial presence (§4.2): now interested in presence
 * me.available(Show.AWAY, "At the ball", 5).subscribe();        // a change (§4.4)
 * me.to(Jid.parse("room@muc.example.com/juliet")).subscribe();  // directed presence (§4.6)
 * me.unavailable().subscribe();                                 // before closing the session (§4.5)
 * }</pre>
 *
 * <p>Each method builds the presence and sends it when subscribed; a priority outside −128..127 (§4.7.2.3) fails
 * the returned mono with an {@link IllegalArgumentException} and sends nothing.
 */
public final class Availability {

    private final XmppSession session;

    private Availability(XmppSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * Sends the user's presence over {@code session}.
     *
     * @param session the client session
     * @return the sender; it holds no state and subscribes to nothing
     */
    public static Availability of(XmppSession session) {
        return new Availability(session);
    }

    /**
     * Broadcasts plain availability: no show, no status, priority 0. The first one is the initial presence that
     * makes the server send the contacts' presence (§4.2).
     *
     * @return completes when sent
     */
    public Mono<Void> available() {
        return send(Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    /**
     * Broadcasts availability with a status text and priority, without a show (plainly online).
     *
     * @param status   the status text, without {@code xml:lang}
     * @param priority the resource's priority, −128..127; a negative one asks not to receive messages sent to the
     *                 bare JID (§4.7.2.3)
     * @return completes when sent
     */
    public Mono<Void> available(String status, int priority) {
        return send(Optional.empty(), Optional.empty(), Optional.of(status), priority);
    }

    /**
     * Broadcasts availability with a show, a status text and a priority.
     *
     * @param show     away, chat, dnd or xa (§4.7.2.1)
     * @param status   the status text, without {@code xml:lang}
     * @param priority the resource's priority, −128..127
     * @return completes when sent
     */
    public Mono<Void> available(Show show, String status, int priority) {
        return send(Optional.empty(), Optional.of(show), Optional.of(status), priority);
    }

    /**
     * Broadcasts unavailability (§4.5): the server tells the contacts and stops sending their presence.
     *
     * @return completes when sent
     */
    public Mono<Void> unavailable() {
        return sendUnavailable(Optional.empty(), Optional.empty());
    }

    /**
     * Broadcasts unavailability with a status text, such as "Gone home".
     *
     * @param status the status text
     * @return completes when sent
     */
    public Mono<Void> unavailable(String status) {
        return sendUnavailable(Optional.empty(), Optional.of(status));
    }

    /**
     * Sends plain availability to {@code to} only (directed presence, §4.6): to an entity outside the roster, or to a
     * chat room. {@code to} is used as given, full or bare.
     *
     * @param to the recipient
     * @return completes when sent
     */
    public Mono<Void> to(Jid to) {
        return send(Optional.of(to), Optional.empty(), Optional.empty(), 0);
    }

    /**
     * Sends availability with a show, status text and priority to {@code to} only (§4.6).
     *
     * @param to       the recipient, full or bare
     * @param show     the show
     * @param status   the status text
     * @param priority the priority, −128..127
     * @return completes when sent
     */
    public Mono<Void> to(Jid to, Show show, String status, int priority) {
        return send(Optional.of(to), Optional.of(show), Optional.of(status), priority);
    }

    /**
     * Ends directed presence to {@code to} (§4.6.3): sends it unavailable presence.
     *
     * @param to the recipient of the earlier directed presence
     * @return completes when sent
     */
    public Mono<Void> unavailableTo(Jid to) {
        return sendUnavailable(Optional.of(to), Optional.empty());
    }

    private Mono<Void> send(Optional<Jid> to, Optional<Show> show, Optional<String> status, int priority) {
        return Mono.defer(() -> {
            Presence.Builder presence = Presence.builder().priority(priority);
            to.ifPresent(presence::to);
            show.ifPresent(presence::show);
            status.ifPresent(presence::status);
            return session.send(presence.build());   // build() checks the priority
        });
    }

    private Mono<Void> sendUnavailable(Optional<Jid> to, Optional<String> status) {
        return Mono.defer(() -> {
            Presence.Builder presence = Presence.builder().type(PresenceType.UNAVAILABLE);
            to.ifPresent(presence::to);
            status.ifPresent(presence::status);
            return session.send(presence.build());
        });
    }
}
