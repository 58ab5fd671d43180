package org.xmppreactive.im;

import java.util.Objects;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Presence;
import reactor.core.publisher.Mono;

/**
 * A contact asks to see the user's presence (RFC 6121 §3.1.3): an inbound {@code <presence type='subscribe'/>},
 * to {@link #approve()} or {@link #deny()}. Either answer goes to the contact's bare JID.
 *
 * <pre>{@code
 * subscriptions.requests()
 *         .flatMap(request -> trusted(request.contact()) ? request.approve() : request.deny())
 *         .subscribe();
 * }</pre>
 */
public final class SubscriptionRequest {

    private final Jid contact;
    private final Presence presence;
    private final Subscriptions subscriptions;

    SubscriptionRequest(Jid contact, Presence presence, Subscriptions subscriptions) {
        this.contact = Objects.requireNonNull(contact, "contact");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /**
     * Who asks: the bare JID of the request's sender (§3.1.3; servers stamp the bare JID, a full one is cut to it).
     *
     * @return the contact's bare JID
     */
    public Jid contact() {
        return contact;
    }

    /**
     * The request as received, with any status text or extension (a nickname, XEP-0172) the contact added.
     *
     * @return the presence stanza
     */
    public Presence presence() {
        return presence;
    }

    /**
     * Approves: sends {@code <presence type='subscribed' to='contact'/>} (§3.1.4). The server then adds or updates the
     * roster item and pushes it.
     *
     * @return completes when sent
     */
    public Mono<Void> approve() {
        return subscriptions.approve(contact);
    }

    /**
     * Denies: sends {@code <presence type='unsubscribed' to='contact'/>} (§3.1.4).
     *
     * @return completes when sent
     */
    public Mono<Void> deny() {
        return subscriptions.deny(contact);
    }

    /**
     * A short description for logs.
     *
     * @return the contact and the kind of request
     */
    @Override
    public String toString() {
        return "SubscriptionRequest[from " + contact + "]";
    }
}
