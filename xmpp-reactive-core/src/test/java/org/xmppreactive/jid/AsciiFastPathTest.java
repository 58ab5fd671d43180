package org.xmppreactive.jid;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.IDNA;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * The ASCII fast paths give exactly what the full PRECIS and UTS #46 processing gives: every single ASCII
 * character and seeded random ASCII strings go both ways and must agree on the result or on rejection, and
 * whatever a fast path calls canonical must come back unchanged from the full processing.
 */
class AsciiFastPathTest {

    private static final IDNA REFERENCE_IDNA = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);

    private static final String FORBIDDEN_IN_LOCALPART = "\"&'/:<>@";

    /** RFC 7622 §3.3: UsernameCaseMapped straight from the library, then the forbidden characters. */
    private static String referenceLocalpart(String s) {
        if (s.isEmpty()) {
            return null;
        }
        String prepared;
        try {
            prepared = PrecisProfiles.USERNAME_CASE_MAPPED.enforce(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return prepared.chars().anyMatch(c -> FORBIDDEN_IN_LOCALPART.indexOf(c) >= 0) ? null : prepared;
    }

    /** RFC 7622 §3.4: OpaqueString straight from the library. */
    private static String referenceResourcepart(String s) {
        try {
            return s.isEmpty() ? null : PrecisProfiles.OPAQUE_STRING.enforce(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** RFC 7622 §3.2: strip one trailing dot, then UTS #46 to Unicode; no error, no empty label left. */
    private static String referenceDomainpart(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (name.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        REFERENCE_IDNA.nameToUnicode(name, out, info);
        return info.hasErrors() || out.toString().endsWith(".") ? null : out.toString();
    }

    private static String ours(UnaryOperator<String> enforce, String s) {
        try {
            return enforce.apply(s);
        } catch (InvalidJidException e) {
            return null;
        }
    }

    @Test
    void everySingleAsciiCharacterIsTreatedAsPrecisAndIdnaTreatIt() {
        for (char c = 0; c < 0x80; c++) {
            String s = "a" + c + "b";
            assertThat(ours(l -> Localpart.enforce(l, l), s)).as("localpart %s", s).isEqualTo(referenceLocalpart(s));
            assertThat(ours(r -> Resourcepart.enforce(r, r), s)).as("resourcepart %s", s)
                    .isEqualTo(referenceResourcepart(s));
            assertThat(ours(d -> Domainpart.enforce(d, d), s)).as("domainpart %s", s)
                    .isEqualTo(referenceDomainpart(s));
            String alone = String.valueOf(c);
            assertThat(ours(l -> Localpart.enforce(l, l), alone)).isEqualTo(referenceLocalpart(alone));
            assertThat(ours(r -> Resourcepart.enforce(r, r), alone)).isEqualTo(referenceResourcepart(alone));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void randomAsciiPartsAreTreatedAsPrecisAndIdnaTreatThem(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String ldh = "abcxyzABCXYZ0189-.";
        for (int n = 0; n < 3_000; n++) {
            String any = randomString(random, random.nextInt(0x20, 0x7f), 0x20, 0x7f);
            String domainish = randomFrom(random, ldh);

            assertThat(ours(l -> Localpart.enforce(l, l), any)).as("localpart %s", any)
                    .isEqualTo(referenceLocalpart(any));
            assertThat(ours(r -> Resourcepart.enforce(r, r), any)).as("resourcepart %s", any)
                    .isEqualTo(referenceResourcepart(any));
            assertThat(ours(d -> Domainpart.enforce(d, d), domainish)).as("domainpart %s", domainish)
                    .isEqualTo(referenceDomainpart(domainish));

            if (Localpart.isPlainAscii(any, 0, any.length(), false)) {
                assertThat(referenceLocalpart(any)).isEqualTo(any);
            }
            if (Localpart.isPlainAscii(any, 0, any.length(), true)) {
                assertThat(referenceLocalpart(any)).isEqualTo(any.toLowerCase(java.util.Locale.ROOT));
            }
            if (Resourcepart.isCanonical(any, 0, any.length())) {
                assertThat(referenceResourcepart(any)).isEqualTo(any);
            }
            if (Domainpart.isPlainAscii(domainish, 0, domainish.length(), false)) {
                assertThat(referenceDomainpart(domainish)).isEqualTo(domainish);
            }
            if (Domainpart.isPlainAscii(domainish, 0, domainish.length(), true)) {
                assertThat(referenceDomainpart(domainish)).isEqualTo(domainish.toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private static String randomString(SplittableRandom random, int bias, int from, int to) {
        int length = random.nextInt(1, 12);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // Half the characters repeat one biased choice so that runs of a rare character show up too.
            s.append((char) (random.nextBoolean() ? bias : random.nextInt(from, to)));
        }
        return s.toString();
    }

    private static String randomFrom(SplittableRandom random, String alphabet) {
        int length = random.nextInt(1, 12);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
