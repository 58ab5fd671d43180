package org.xmppreactive.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScramCredentialsTest {

    @ParameterizedTest
    @CsvSource({
        // RFC 6070 §2: PBKDF2-HMAC-SHA1, one block, which is SCRAM's Hi() for SHA-1
        "password, salt, 1, 0c60c80f961f0e71f3a9b524af6012062fe037a6",
        "password, salt, 2, ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
        "password, salt, 4096, 4b007901b765489abead49d926f721d065a429c1"})
    void hiReproducesTheRfc6070Vectors(String password, String salt, int iterations, String hex) {
        assertThat(ScramFunctions.hi(ScramHash.SHA_1, password.getBytes(UTF_8), salt.getBytes(UTF_8), iterations))
                .isEqualTo(HexFormat.of().parseHex(hex));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void hiAgreesWithTheJdkPbkdf2ForAsciiPasswords(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        for (ScramHash hash : ScramHash.values()) {
            char[] password = new char[1 + random.nextInt(30)];
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) (0x21 + random.nextInt(0x5e));
            }
            byte[] salt = new byte[1 + random.nextInt(32)];
            random.nextBytes(salt);
            int iterations = 1 + random.nextInt(300);
            byte[] jdk = SecretKeyFactory.getInstance("PBKDF2With" + hash.macName())
                    .generateSecret(new PBEKeySpec(password, salt, iterations, hash.length() * 8)).getEncoded();

            assertThat(ScramFunctions.hi(hash, new String(password).getBytes(UTF_8), salt, iterations))
                    .as("%s, %d iterations", hash, iterations).isEqualTo(jdk);
        }
    }

    @Test
    void deriveProducesKeysOfTheHashLengthAndKeepsTheParameters() {
        for (ScramHash hash : ScramHash.values()) {
            ScramCredentials keys = ScramCredentials.derive(hash, "pencil", new byte[] {1, 2, 3}, 7);

            assertThat(keys.hash()).isEqualTo(hash);
            assertThat(keys.salt()).containsExactly(1, 2, 3);
            assertThat(keys.iterations()).isEqualTo(7);
            assertThat(keys.storedKey()).hasSize(hash.length());
            assertThat(keys.serverKey()).hasSize(hash.length()).isNotEqualTo(keys.storedKey());
        }
    }

    @Test
    void deriveIsStoredKeyAndServerKeyOfRfc5802() {
        byte[] salt = {9, 8, 7};
        byte[] salted = ScramFunctions.hi(ScramHash.SHA_256, "pencil".getBytes(UTF_8), salt, 10);
        byte[] clientKey = ScramFunctions.hmac(ScramHash.SHA_256, salted, "Client Key".getBytes(UTF_8));

        ScramCredentials keys = ScramCredentials.derive(ScramHash.SHA_256, "pencil", salt, 10);

        assertThat(keys.storedKey()).isEqualTo(ScramFunctions.h(ScramHash.SHA_256, clientKey));
        assertThat(keys.serverKey())
                .isEqualTo(ScramFunctions.hmac(ScramHash.SHA_256, salted, "Server Key".getBytes(UTF_8)));
    }

    @Test
    void thePasswordIsNormalizedWithOpaqueString() {
        byte[] salt = {1};
        // RFC 8265 §4.2.1: non-ASCII spaces map to U+0020; NFC composes e + U+0301 into U+00E9.
        assertThat(ScramCredentials.derive(ScramHash.SHA_1, "pen\u2002cil", salt, 1))
                .isEqualTo(ScramCredentials.derive(ScramHash.SHA_1, "pen cil", salt, 1));
        assertThat(ScramCredentials.derive(ScramHash.SHA_1, "caf\u0065\u0301", salt, 1))
                .isEqualTo(ScramCredentials.derive(ScramHash.SHA_1, "caf\u00e9", salt, 1));
        assertThat(ScramCredentials.derive(ScramHash.SHA_1, "Pencil", salt, 1))
                .isNotEqualTo(ScramCredentials.derive(ScramHash.SHA_1, "pencil", salt, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s3cr\u0000t", "s3cr\u0007t"})
    void aPasswordThatIsNotAnOpaqueStringIsRefusedWithoutRepeatingIt(String password) {
        assertThatThrownBy(() -> ScramCredentials.derive(ScramHash.SHA_256, password, new byte[] {1}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OpaqueString")
                .hasMessageNotContaining("s3cr");
    }

    @Test
    void anIterationCountBelowOneIsRefused() {
        assertThatThrownBy(() -> ScramCredentials.derive(ScramHash.SHA_256, "pencil", new byte[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNeitherSaltNorKeys() {
        ScramCredentials keys = ScramCredentials.derive(ScramHash.SHA_256, "pencil", new byte[] {1}, 3);

        assertThat(keys).hasToString("ScramCredentials[SHA_256, 3 iterations]");
    }

    @Test
    void theArraysAreCopiedInAndOut() {
        byte[] salt = {1, 2};
        ScramCredentials keys = ScramCredentials.derive(ScramHash.SHA_1, "pencil", salt, 1);
        salt[0] = 9;
        keys.storedKey()[0] ^= 1;
        keys.salt()[1] = 9;

        assertThat(keys).isEqualTo(ScramCredentials.derive(ScramHash.SHA_1, "pencil", new byte[] {1, 2}, 1));
    }
}
