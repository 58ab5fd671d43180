package org.xmppreactive.jid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * Parts whose PRECIS mappings would change nothing skip to the code point check; on seeded random non-ASCII strings
 * that gives exactly what the library's full {@code enforce} gives, value for value and rejection for rejection.
 */
class PrecisShortcutTest {

    private static final String[] POOLS = {
        "abcxyzABCXYZ019",
        "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÉÑÖÜ\u00a0\u00ad",
        "\u0301\u0308\u0327\u0345\u0313\u200c\u200d",
        "ＡＢＣａｂｃ１２＠／．\u3000\u3002\uff61\uff9e\uffe0",
        "中文字例えテスト日本語한국어\u1100\u1161\u11a8",
        "\ud83d\ude00\ud83c\udf89\ud83d\udc4d\ud83e\udd16",
        "ΣσςπΑβİıẞ",
        "\u0627\u0644\u05d0\u05d1\u0661\u06f1",
        "\u2163\u265a\ufb01\u2126\u212a\u2000\u2028\u3000",
        "\ud800\udfff\u0000\u0007\u007f\u0085",
        " -_.!~",
    };

    private static String viaLibrary(UnaryOperator<String> enforce, String s) {
        try {
            return enforce.apply(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String ours(UnaryOperator<String> enforce, String s) {
        try {
            return enforce.apply(s);
        } catch (InvalidJidException e) {
            return null;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24})
    void skippingMappingsThatChangeNothingGivesWhatTheLibraryGives(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 3_000; n++) {
            String s = randomString(random);
            String localpart = viaLibrary(PrecisProfiles.USERNAME_CASE_MAPPED::enforce, s);
            if (localpart != null && localpart.chars().anyMatch(c -> "\"&'/:<>@ ".indexOf(c) >= 0)) {
                localpart = null;
            }
            assertThat(ours(l -> Localpart.enforceWithPrecis(l, l), s)).as("localpart %s", s).isEqualTo(localpart);
            assertThat(ours(r -> Resourcepart.enforceWithPrecis(r, r), s)).as("resourcepart %s", s)
                    .isEqualTo(viaLibrary(PrecisProfiles.OPAQUE_STRING::enforce, s));
        }
    }

    private static String randomString(SplittableRandom random) {
        int length = random.nextInt(1, 9);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            String pool = POOLS[random.nextInt(POOLS.length)];
            int at = random.nextInt(pool.length());
            char c = pool.charAt(at);
            boolean lone = pool == POOLS[9];
            if (!lone && Character.isHighSurrogate(c)) {
                s.append(c).append(pool.charAt(at + 1));
            } else if (!lone && Character.isLowSurrogate(c)) {
                s.append(pool.charAt(at - 1)).append(c);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
