package org.xmppreactive.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;

/** The message helpers: chat, reply (RFC 6121 §5.2.2, §5.2.5) and bodies by language (RFC 6120 §8.1.5). */
class MessageTest {

    private static final String NS = "jabber:client";
    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");
    private static final Jid ROMEO = Jid.parse("romeo@example.net/orchard");

    @Test
    void chatIsAChatMessageWithABody() {
        Message chat = Message.chat(JULIET, "Art thou not Romeo?");

        assertThat(chat.type()).isEqualTo(MessageType.CHAT);
        assertThat(chat.to()).contains(JULIET);
        assertThat(chat.body()).contains("Art thou not Romeo?");
        assertThat(Message.fromXml(chat.toXml(NS), NS)).isEqualTo(chat);
    }

    @Test
    void aReplyGoesToTheSenderWithTheSameTypeAndThread() {
        Message received = Message.builder().type(MessageType.CHAT).from(JULIET).to(ROMEO)
                .thread("e0ffe42b28561960c6b12b944a092794b9683a38").body("Art thou not Romeo?").build();

        Message reply = received.reply("Neither, fair saint.");

        assertThat(reply.to()).contains(JULIET);
        assertThat(reply.from()).isEmpty();
        assertThat(reply.type()).isEqualTo(MessageType.CHAT);
        assertThat(reply.thread()).isEqualTo(received.thread());
        assertThat(reply.body()).contains("Neither, fair saint.");
        assertThat(received.withTo(JULIET).withFrom(ROMEO)).isEqualTo(received.toBuilder().to(JULIET).from(ROMEO)
                .build());
    }

    @Test
    void aGroupchatReplyGoesToTheRoomNotToTheOccupant() {
        Message inRoom = Message.builder().type(MessageType.GROUPCHAT)
                .from(Jid.parse("coven@chat.shakespeare.lit/thirdwitch")).body("Harpier cries").build();

        assertThat(inRoom.reply("'tis time").to()).contains(Jid.parse("coven@chat.shakespeare.lit"));
    }

    @Test
    void errorsHeadlinesAndMessagesWithoutSenderAreNotRepliedTo() {
        Message error = Message.builder().type(MessageType.ERROR).from(JULIET)
                .error(StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE)).build();

        assertThatThrownBy(() -> error.reply("hello?")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("error");
        assertThatThrownBy(() -> Message.chat(JULIET, "x").reply("y")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from");
        Message headline = Message.builder().type(MessageType.HEADLINE).from(Jid.parse("example.com"))
                .body("The server goes down for maintenance at noon").build();
        assertThatThrownBy(() -> headline.reply("ok")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("headline");
    }

    @Test
    void aBodyIsFoundByItsLanguageOrByTheMessagesOwn() {
        Message message = Message.builder().lang("en").body("Wherefore art thou, Romeo?")
                .body("cs", "Proč jsi ty Romeo?").build();

        assertThat(message.body("cs")).contains("Proč jsi ty Romeo?");
        assertThat(message.body("en")).contains("Wherefore art thou, Romeo?");   // inherits the stanza's xml:lang
        assertThat(message.body("de")).isEmpty();
        assertThat(message.body("CS")).contains("Proč jsi ty Romeo?");                 // tags ignore case
        assertThat(message.body("EN")).contains("Wherefore art thou, Romeo?");
        assertThat(Message.builder().body("no language").build().body("en")).isEqualTo(Optional.empty());
    }
}
