package org.xmppreactive.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parse, print, parse again on seeded random strings: a JID's canonical form parses to an equal JID with the same
 * parts (preparation is idempotent), and an input that is rejected is rejected the same way every time and only
 * ever with an {@link InvalidJidException}.
 */
class JidRoundTripTest {

    private static final int STRINGS_PER_SEED = 1_500;

    /** Pools the random strings draw from, one pool per character. */
    private static final String[] POOLS = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "@@@///...--_",
        "\"&':<> \t\u0000\u007f\\",
        "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÉÑÖÜ\u00a0\u00ad",
        "\u0301\u0308\u0327\u200c\u200d",
        "ＡＢＣａｂｃ１２＠／．\u3000\u3002\uff61",
        "中文字例えテスト日本語한국어",
        "\ud83d\ude00\ud83c\udf89\ud83d\udc4d",
        "ΣσςπΑβ",
        "\u0627\u0644\u05d0\u05d1\u0661",
        "\u2163\u265a\ufb01\u2126\u212a",
        "\ud800\udc00\udfff",
    };

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theCanonicalFormOfAnyParsedJidParsesToAnEqualJid(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int valid = 0;
        for (int n = 0; n < STRINGS_PER_SEED; n++) {
            String input = randomJid(random);
            Jid jid;
            try {
                jid = Jid.parse(input);
            } catch (InvalidJidException e) {
                assertThatThrownBy(() -> Jid.parse(input)).as("second parse of %s", input)
                        .isInstanceOfSatisfying(InvalidJidException.class, again -> {
                            assertThat(again.part()).isEqualTo(e.part());
                            assertThat(again).hasMessage(e.getMessage());
                        });
                continue;
            }
            valid++;
            String canonical = jid.toString();
            Jid again = Jid.parse(canonical);
            assertThat(again).as("round trip of %s", input).isEqualTo(jid);
            assertThat(again.toString()).isEqualTo(canonical);
            assertThat(again.localpart()).isEqualTo(jid.localpart());
            assertThat(again.domain()).isEqualTo(jid.domain());
            assertThat(again.resourcepart()).isEqualTo(jid.resourcepart());
            assertThat(rebuilt(jid)).as("the factories on the parts of %s", input).isEqualTo(jid);
            assertThat(Jid.parse(jid.bare().toString())).isEqualTo(jid.bare());
        }
        assertThat(valid).as("enough random strings are valid JIDs to mean something").isGreaterThan(100);
    }

    private static Jid rebuilt(Jid jid) {
        Jid bare = jid.localpart().map(l -> Jid.of(l, jid.domain())).orElseGet(() -> Jid.of(jid.domain()));
        return jid.resourcepart().map(bare::withResource).orElse(bare);
    }

    /** Mostly JID-shaped strings (an optional localpart, a domain, an optional resource), sometimes anything. */
    private static String randomJid(SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            return randomText(random, 0, 20);
        }
        StringBuilder s = new StringBuilder();
        if (random.nextBoolean()) {
            s.append(randomText(random, 1, 10)).append('@');
        }
        s.append(randomText(random, 1, 6));
        if (random.nextBoolean()) {
            s.append('.').append(randomText(random, 1, 4));
        }
        if (random.nextBoolean()) {
            s.append('/').append(randomText(random, 1, 10));
        }
        return s.toString();
    }

    /** Letters and digits four times in five, otherwise a character from a random pool. */
    private static String randomText(SplittableRandom random, int minLength, int maxLength) {
        int length = random.nextInt(minLength, maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            String pool = random.nextInt(5) == 0 ? POOLS[random.nextInt(POOLS.length)] : POOLS[0];
            int at = random.nextInt(pool.length());
            char c = pool.charAt(at);
            // Keep surrogate pairs whole, except from the last pool, which is there for lone surrogates.
            if (Character.isHighSurrogate(c) && pool != POOLS[POOLS.length - 1] && at + 1 < pool.length()) {
                s.append(c).append(pool.charAt(at + 1));
            } else if (Character.isLowSurrogate(c) && pool != POOLS[POOLS.length - 1]) {
                s.append(pool.charAt(at - 1)).append(c);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
