package org.xmppreactive.im;

import java.util.Objects;
import java.util.UUID;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence subscriptions (RFC 6121 §3): asking for a contact's presence, answering a contact who asks for ours,
 * and ending either direction. Every subscription stanza goes to the contact's <em>bare</em> JID (§3.1.1, §3.1.4,
 * §3.2.1, §3.3.1), whatever JID is passed in; the resulting roster changes arrive as pushes on {@link Roster}.
 *
 * <pre>{@code
 * Subscriptions subscriptions = Subscriptions.of(session);
 * subscriptions.subscribe(Jid.parse("romeo@example.net")).subscribe();    // §3.1: ask to see Romeo's presence
 * subscriptions.requests().flatMap(SubscriptionRequest::approve).subscribe();   // let everyone see ours
 * }</pre>
 */
public final class Subscriptions {

    /** The namespace of the stream feature by which a server offers subscription pre-approval (RFC 6121 §3.4). */
    public static final String PRE_APPROVAL_FEATURE_NAMESPACE = "urn:xmpp:features:pre-approval";

    /** The element name of the pre-approval stream feature. */
    public static final String PRE_APPROVAL_FEATURE_ELEMENT = "sub";

    private final XmppSession session;

    private Subscriptions(XmppSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * Subscription handling over {@code session}.
     *
     * @param session the client session
     * @return the subscriptions; they hold no state and subscribe to nothing until {@link #requests()} is
     */
    public static Subscriptions of(XmppSession session) {
        return new Subscriptions(session);
    }

    /**
     * The subscription requests contacts send from now on (§3.1.3), from the session's presences. A request
     * without {@code from} is left out, as there is no one to answer. Each subscriber sees every request; answer
     * each once. Completes when the session ends.
     *
     * @return the requests
     */
    public Flux<SubscriptionRequest> requests() {
        return session.presences()
                .filter(presence -> presence.type() == PresenceType.SUBSCRIBE && presence.from().isPresent())
                .map(presence -> new SubscriptionRequest(presence.from().get().bare(), presence, this));
    }

    /**
     * Asks to see {@code contact}'s presence (§3.1.1): {@code <presence type='subscribe'/>}. The server pushes the
     * roster item with {@code ask='subscribe'} until the contact answers.
     *
     * @param contact the contact; only its bare JID is used
     * @return completes when sent
     */
    public Mono<Void> subscribe(Jid contact) {
        return send(contact, PresenceType.SUBSCRIBE);
    }

    /**
     * Stops seeing {@code contact}'s presence (§3.3.1): {@code <presence type='unsubscribe'/>}.
     *
     * @param contact the contact; only its bare JID is used
     * @return completes when sent
     */
    public Mono<Void> unsubscribe(Jid contact) {
        return send(contact, PresenceType.UNSUBSCRIBE);
    }

    /**
     * Lets {@code contact} see the user's presence (§3.1.4): {@code <presence type='subscribed'/>}, the answer to
     * a pending request. To approve before any request, use {@link #preApprove(Jid)}.
     *
     * @param contact the contact; only its bare JID is used
     * @return completes when sent
     */
    public Mono<Void> approve(Jid contact) {
        return send(contact, PresenceType.SUBSCRIBED);
    }

    /**
     * Whether the server offers subscription pre-approval: its stream features included
     * {@code <sub xmlns='urn:xmpp:features:pre-approval'/>} (RFC 6121 §3.4.1).
     */
    public boolean preApprovalOffered() {
        return session.stream().hasFeature(PRE_APPROVAL_FEATURE_NAMESPACE, PRE_APPROVAL_FEATURE_ELEMENT);
    }

    /**
     * Approves a subscription request from {@code contact} before it comes (§3.4):
     * {@code <presence type='subscribed'/>} with no request pending. The server records it as {@code approved='true'}
     * on the roster item and answers the contact's later request itself. Withdrawn with {@link #cancel(Jid)}.
     *
     * @param contact the contact; only its bare JID is used
     * @return completes when sent; fails with {@link UnsupportedOperationException}, sending nothing, when the
     *     server does not offer pre-approval, for a client MUST NOT attempt it then (§3.4.1)
     */
    public Mono<Void> preApprove(Jid contact) {
        Objects.requireNonNull(contact, "contact");
        return Mono.defer(() -> preApprovalOffered() ? send(contact, PresenceType.SUBSCRIBED)
                : Mono.error(new UnsupportedOperationException("the server does not offer subscription "
                        + "pre-approval (RFC 6121 §3.4.1: no <sub xmlns='" + PRE_APPROVAL_FEATURE_NAMESPACE
                        + "'/> among its stream features)")));
    }

    /**
     * Refuses {@code contact}'s subscription request (§3.1.4): {@code <presence type='unsubscribed'/>}. The same
     * stanza as {@link #cancel(Jid)}.
     *
     * @param contact the contact; only its bare JID is used
     * @return completes when sent
     */
    public Mono<Void> deny(Jid contact) {
        return send(contact, PresenceType.UNSUBSCRIBED);
    }

    /**
     * Ends {@code contact}'s subscription to the user's presence (§3.2.1), or withdraws a pre-approval:
     * {@code <presence type='unsubscribed'/>}.
     *
     * @param contact the contact; only its bare JID is used
     * @return completes when sent
     */
    public Mono<Void> cancel(Jid contact) {
        return send(contact, PresenceType.UNSUBSCRIBED);
    }

    private Mono<Void> send(Jid contact, PresenceType type) {
        Objects.requireNonNull(contact, "contact");
        return Mono.defer(() -> session.send(Presence.builder()
                .to(contact.bare())            // RFC 6121 §3: subscription stanzas go to the bare JID
                .id("sub-" + UUID.randomUUID())
                .type(type)
                .build()));
    }
}
