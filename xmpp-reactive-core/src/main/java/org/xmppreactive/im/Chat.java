package org.xmppreactive.im;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.Stanza;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A one-to-one chat with a contact (RFC 6121 §5.1): chat messages in one thread, sent to the contact's bare JID
 * until the contact answers from one of its resources, then to that resource ("locking in"), until the contact's
 * presence changes ("unlocking").
 *
 * <pre>{@code
 * Chat chat = Chat.with(session, Jid.parse("juliet@example.com"));
 * chat.messages().subscribe(m -> ui.show(m.body().orElse("")));   // what she says; the chat follows her meanwhile
 * chat.send("Art thou not Romeo?").subscribe();                   // to her bare JID, then to the resource that answered
 * }</pre>
 *
 * <p>The chat follows the contact while {@link #messages()} is subscribed: it locks in to the full JID of each
 * chat message from the contact, and unlocks, sending to the bare JID again, on any presence from the contact,
 * since a resource that comes, goes or changes may be the one to talk to now (the server then picks by priority,
 * RFC 6121 §8.5.2). It holds no subscription of its own, so it costs nothing while nobody listens, and any number
 * of chats can be open on one session.
 */
public final class Chat {

    private final XmppSession session;
    private final Jid contact;
    private final String thread;
    private volatile Jid lockedIn;

    private Chat(XmppSession session, Jid contact, String thread, Jid lockedIn) {
        this.session = Objects.requireNonNull(session, "session");
        this.contact = contact;
        this.thread = thread;
        this.lockedIn = lockedIn;
    }

    /**
     * Starts a chat with {@code contact} in a new thread; nothing is sent yet.
     *
     * @param session the client session
     * @param contact the contact; only its bare JID is used
     * @return the chat
     */
    public static Chat with(XmppSession session, Jid contact) {
        return new Chat(session, contact.bare(), UUID.randomUUID().toString(), null);
    }

    /**
     * Takes up the chat that {@code received} began: in its thread (or a new one if it has none), locked in to its
     * sender.
     *
     * @param session  the client session
     * @param received a chat message from the contact
     * @return the chat
     * @throws IllegalArgumentException if the message has no sender
     */
    public static Chat answering(XmppSession session, Message received) {
        Jid sender = received.from()
                .orElseThrow(() -> new IllegalArgumentException("a message without 'from' starts no chat"));
        return new Chat(session, sender.bare(), received.thread().orElseGet(() -> UUID.randomUUID().toString()),
                sender.resourcepart().isPresent() ? sender : null);
    }

    /** The contact's bare JID. */
    public Jid contact() {
        return contact;
    }

    /** The thread identifier every message of this chat carries (RFC 6121 §5.2.5). */
    public String thread() {
        return thread;
    }

    /** Where the next message goes: the resource the chat is locked in to, else the contact's bare JID. */
    public Jid address() {
        Jid resource = lockedIn;
        return resource != null ? resource : contact;
    }

    /**
     * Sends {@code body} as a chat message of this thread to {@link #address()}.
     *
     * @param body the text
     * @return completes when sent
     */
    public Mono<Void> send(String body) {
        return Mono.defer(() -> session.send(Message.builder().type(MessageType.CHAT).to(address()).thread(thread)
                .body(body).build()));
    }

    /**
     * The chat messages from the contact from now on, from any of its resources and in any thread (a contact's
     * client may start a new one). While this is subscribed, each of them locks the chat in to the resource it
     * came from, and each presence from the contact unlocks it. Like every subscriber of
     * {@link XmppSession#stanzas()}, it takes part in the session's backpressure.
     *
     * @return the contact's chat messages
     */
    public Flux<Message> messages() {
        return session.stanzas()
                .filter(stanza -> stanza.from().map(Jid::bare).equals(Optional.of(contact)))
                .doOnNext(this::follow)
                .ofType(Message.class)
                .filter(message -> message.type() == MessageType.CHAT);
    }

    private void follow(Stanza stanza) {
        if (stanza instanceof Presence) {
            lockedIn = null;
        } else if (stanza instanceof Message message && message.type() == MessageType.CHAT) {
            message.from().filter(from -> from.resourcepart().isPresent()).ifPresent(from -> lockedIn = from);
        }
    }
}
