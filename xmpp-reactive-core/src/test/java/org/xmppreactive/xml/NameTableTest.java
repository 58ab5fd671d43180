package org.xmppreactive.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameTableTest {

    @Test
    void theSameBytesGiveTheSameNameAndOthersADifferentOne() {
        NameTable table = new NameTable();
        byte[] bytes = "<message xmlns:p='u' p:id='1'>".getBytes(UTF_8);

        NameTable.Name message = table.name(bytes, 1, 8);
        NameTable.Name again = table.name("message".getBytes(UTF_8), 0, 7);
        NameTable.Name prefixed = table.name(bytes, 21, 25);

        assertThat(again).isSameAs(message);
        assertThat(message.localName).isEqualTo("message");
        assertThat(message.prefix).isEmpty();
        assertThat(prefixed.prefix).isSameAs("p");             // interned: prefixes compare by identity
        assertThat(prefixed.localName).isEqualTo("id");
    }

    /**
     * Names that differ only in the bytes a weak multiplicative hash never carries down to the bucket index (the
     * last two of each eight-byte block) must still spread over the buckets.
     */
    @Test
    void namesThatDifferOnlyInTheHighBytesOfABlockDoNotShareOneBucket() {
        NameTable table = new NameTable();
        List<String> names = new ArrayList<>();
        for (char x = 'a'; x <= 'z'; x++) {
            for (char y = 'a'; y <= 't'; y++) {
                names.add("aaaaaa" + x + y + "bbbbbbbb");
            }
        }
        for (String name : names) {
            byte[] bytes = name.getBytes(UTF_8);
            table.name(bytes, 0, bytes.length);
        }

        assertThat(table.size()).isEqualTo(names.size());
        assertThat(table.longestChain()).isLessThan(12);
    }

    @Test
    void shortValuesAreSharedAndNeverConfusedWithOthersOfTheSameBytesPrefix() {
        NameTable table = new NameTable();
        byte[] bytes = "chat chatty chat cha".getBytes(UTF_8);

        String chat = table.value(bytes, 0, 4);
        String chatty = table.value(bytes, 5, 11);
        String chatAgain = table.value(bytes, 12, 16);
        String cha = table.value(bytes, 17, 20);

        assertThat(chat).isEqualTo("chat");
        assertThat(chatty).isEqualTo("chatty");
        assertThat(chatAgain).isSameAs(chat);
        assertThat(cha).isEqualTo("cha");
    }
}
