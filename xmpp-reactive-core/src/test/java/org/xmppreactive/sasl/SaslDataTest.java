package org.xmppreactive.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaslDataTest {

    @ParameterizedTest
    @CsvSource(value = {
        // RFC 4648 §10 test vectors
        "'', ''", "f, Zg==", "fo, Zm8=", "foo, Zm9v", "foob, Zm9vYg==", "fooba, Zm9vYmE=", "foobar, Zm9vYmFy"})
    void theRfc4648VectorsEncodeAndDecode(String text, String base64) {
        SaslData data = SaslData.ofUtf8(text);

        assertThat(data.toBase64()).isEqualTo(base64);
        assertThat(SaslData.fromBase64(base64)).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Zg", "Zm8", "Zm9vY",           // padding missing: RFC 6120 §6.4.2 requires RFC 4648 §4 as is
        "Zm9v!", "Zm9-", "Zm9_",        // outside the alphabet, including the URL-safe one
        "Zm 9v", "Zm9v\nYmFy", "Zm9v\t", // whitespace and line breaks inside
        "Zg=a", "=Zg=", "Z===", "====", "Zm=v", // misplaced padding
        "Zh==", "Zm9=",                 // non-canonical: unused bits before the padding not zero
        "Zm9v\u00e9mFy"                 // non-ASCII
    })
    void anythingButStrictBase64IsIncorrectEncoding(String base64) {
        assertThatThrownBy(() -> SaslData.fromBase64(base64))
                .isInstanceOfSatisfying(MalformedSaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.INCORRECT_ENCODING))
                .hasMessageStartingWith("incorrect-encoding: not valid base64");
    }

    @Test
    void theErrorMessageNeverRepeatsTheData() {
        // A PLAIN response sent without encoding would otherwise put the password in a log.
        assertThatThrownBy(() -> SaslData.fromBase64("secret!p4ss"))
                .hasMessageNotContaining("secret").hasMessageNotContaining("p4ss");
        assertThatThrownBy(() -> SaslData.fromBase64("c2VjcmV0IXA0c3M"))
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void equalityIsOverTheOctetsAndTheArrayIsCopiedInAndOut() {
        byte[] octets = {1, 2, 3};
        SaslData data = SaslData.of(octets);
        octets[0] = 9;
        data.bytes()[1] = 9;

        assertThat(data.bytes()).containsExactly(1, 2, 3);
        assertThat(data).isEqualTo(SaslData.of(new byte[] {1, 2, 3})).hasSameHashCodeAs(SaslData.of(new byte[] {1, 2, 3}));
        assertThat(data).isNotEqualTo(SaslData.of(new byte[] {1, 2}));
        assertThat(data.length()).isEqualTo(3);
        assertThat(SaslData.empty().isEmpty()).isTrue();
        assertThat(SaslData.of(new byte[0])).isEqualTo(SaslData.empty());
    }

    @Test
    void toStringShowsTheLengthButNeverTheContent() {
        SaslData credentials = SaslData.ofUtf8("\0juliet\0r0m30myr0m30");

        assertThat(credentials.toString()).isEqualTo("SaslData[20 octets]").doesNotContain("r0m30");
        assertThat(SaslAuth.of("PLAIN", credentials).toString()).doesNotContain("r0m30").doesNotContain("AGp1");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomOctetsSurviveBase64(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            byte[] octets = new byte[random.nextInt(70)];
            for (int j = 0; j < octets.length; j++) {
                octets[j] = (byte) random.nextInt(256);
            }
            SaslData data = SaslData.of(octets);

            assertThat(SaslData.fromBase64(data.toBase64())).isEqualTo(data);
            assertThat(data.toBase64().getBytes(UTF_8)).hasSize((octets.length + 2) / 3 * 4);
        }
    }
}
