package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xmppreactive.im.Chat;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppServer;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stream.TlsPolicy;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * RFC 6121 §5.1 on a live session pair: alice's {@link Chat} with juliet, whose resources the server side plays.
 * What alice sends is read where the server receives it.
 */
class ChatTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Jid JULIET = Jid.parse("juliet@example.com");
    private static final Jid BALCONY = Jid.parse("juliet@example.com/balcony");
    private static final Jid CHAMBER = Jid.parse("juliet@example.com/chamber");

    private final TransportPair pair = InMemoryTransport.pair();
    private XmppSession alice;
    private XmppSession server;

    private void connect() {
        XmppServer xmppServer = XmppServer.builder("example.com", new InMemoryCredentialStore().add("alice", "secret"))
                .startTls(false, false).allowPlainWithoutTls().build();
        XmppClient client = XmppClient.builder().jid("alice@example.com/garden").password("secret")
                .tlsPolicy(TlsPolicy.DISABLED).allowPlainWithoutTls()
                .connector(domain -> Mono.just(pair.client())).build();
        Tuple2<XmppSession, XmppSession> sessions = Mono.zip(client.login(), xmppServer.accept(pair.server()))
                .block(WAIT);
        alice = sessions.getT1();
        server = sessions.getT2();
    }

    /** Sends {@code body} on {@code chat} and returns the message as the server received it. */
    private Message sentOn(Chat chat, String body) {
        Mono<Message> received = server.messages().next().cache();
        received.subscribe();
        chat.send(body).block(WAIT);
        return received.block(WAIT);
    }

    /** Alice's side of {@code chat}, subscribed to its messages from now on: the chat follows juliet meanwhile. */
    private static BlockingQueue<Message> listen(Chat chat) {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        chat.messages().subscribe(received::add);
        return received;
    }

    /** Has juliet's {@code resource} say {@code body}; returns once the chat delivered it. */
    private void julietSays(BlockingQueue<Message> chat, Jid resource, String thread, String body)
            throws InterruptedException {
        server.send(Message.builder().type(MessageType.CHAT).from(resource).to(alice.jid()).thread(thread).body(body)
                .build()).block(WAIT);
        Message delivered = chat.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.body()).contains(body);
    }

    /**
     * Sends {@code stanza} to alice; returns once her session read it. The chat's subscriber came first and the
     * session hands each stanza to its subscribers in the order they subscribed, so the chat has seen it too.
     */
    private void toAlice(org.xmppreactive.stanza.Stanza stanza) {
        Mono<org.xmppreactive.stanza.Stanza> read = alice.stanzas().next().cache();
        read.subscribe();
        server.send(stanza).block(WAIT);
        read.block(WAIT);
    }

    @Test
    void theChatGoesToTheBareJidLocksInToTheResourceThatAnswersAndUnlocksOnPresence() throws Exception {
        connect();
        Chat chat = Chat.with(alice, BALCONY);
        BlockingQueue<Message> fromJuliet = listen(chat);

        Message first = sentOn(chat, "Art thou not Romeo?");
        assertThat(first.to()).contains(JULIET);
        assertThat(first.type()).isEqualTo(MessageType.CHAT);
        assertThat(first.thread()).contains(chat.thread());

        julietSays(fromJuliet, BALCONY, chat.thread(), "Neither, fair saint");
        assertThat(sentOn(chat, "What's in a name?").to()).contains(BALCONY);

        julietSays(fromJuliet, CHAMBER, chat.thread(), "I moved");   // another resource answers: lock in to it
        assertThat(chat.address()).isEqualTo(CHAMBER);

        toAlice(Presence.builder().from(Jid.parse("nurse@example.com/hall")).to(alice.jid()).build());
        assertThat(chat.address()).as("someone else's presence").isEqualTo(CHAMBER);

        toAlice(Presence.builder().from(BALCONY).to(alice.jid()).status("away from the balcony").build());
        Message afterPresence = sentOn(chat, "Where art thou?");
        assertThat(afterPresence.to()).contains(JULIET);
        assertThat(afterPresence.thread()).contains(chat.thread());
    }

    @Test
    void answeringAMessageTakesUpItsThreadLockedInToItsSender() {
        connect();
        Message received = Message.builder().type(MessageType.CHAT).from(BALCONY).thread("t-42").body("Romeo?").build();

        Chat chat = Chat.answering(alice, received);
        Message reply = sentOn(chat, "Here");

        assertThat(reply.to()).contains(BALCONY);
        assertThat(reply.thread()).contains("t-42");
        assertThat(chat.contact()).isEqualTo(JULIET);
        assertThatThrownBy(() -> Chat.answering(alice, Message.chat(JULIET, "no sender")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherPeoplesMessagesAndOtherTypesNeitherReachTheChatNorLockIt() throws Exception {
        connect();
        Chat chat = Chat.with(alice, JULIET);
        BlockingQueue<Message> fromJuliet = listen(chat);

        toAlice(Message.builder().type(MessageType.CHAT).from(Jid.parse("tybalt@example.com/sword"))
                .to(alice.jid()).body("draw").build());
        toAlice(Message.builder().type(MessageType.HEADLINE).from(CHAMBER).to(alice.jid()).body("news").build());
        assertThat(chat.address()).isEqualTo(JULIET);
        assertThat(fromJuliet).isEmpty();

        julietSays(fromJuliet, BALCONY, chat.thread(), "it is I");
        assertThat(chat.address()).isEqualTo(BALCONY);
    }

    @Test
    void withNobodyListeningTheChatNeitherLocksNorUnlocks() {
        connect();
        Chat chat = Chat.answering(alice, Message.builder().type(MessageType.CHAT).from(BALCONY).body("hi").build());

        toAlice(Presence.builder().from(BALCONY).to(alice.jid()).status("gone").build());

        assertThat(chat.address()).isEqualTo(BALCONY);   // it holds no subscription of its own
    }
}
