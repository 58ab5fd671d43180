package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaslNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user|user", "a=b|a=3Db", "a,b|a=2Cb", "=,|=3D=2C", "==|=3D=3D", "=2C|=3D2C", "juliet@example.com|juliet@example.com"})
    void equalsAndCommaAreEscapedAndNothingElse(String name, String saslname) {
        assertThat(SaslName.escape(name)).isEqualTo(saslname);
        assertThat(SaslName.unescape(saslname, "username")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "a=", "a=2", "a=2c", "a=3d", "a=41", "a,b", ""})
    void aBrokenSaslnameIsMalformed(String saslname) {
        assertThatThrownBy(() -> SaslName.unescape(saslname, "username"))
                .isInstanceOfSatisfying(SaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.MALFORMED_REQUEST))
                .hasMessageContaining("username");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomNamesSurviveEscaping(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab=,3D2C\u00e9\u4e2d";
        for (int i = 0; i < 200; i++) {
            StringBuilder name = new StringBuilder();
            for (int j = 1 + random.nextInt(16); j > 0; j--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String escaped = SaslName.escape(name.toString());

            assertThat(escaped).doesNotContain(",");
            assertThat(SaslName.unescape(escaped, "username")).isEqualTo(name.toString());
        }
    }
}
