package org.xmppreactive.sasl;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The randomness the mechanisms draw on: nonces, salts, anonymous usernames. One {@link SecureRandom}, which is
 * thread-safe, for the whole package.
 */
final class SaslRandom {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SaslRandom() {
    }

    /** {@code count} random octets. */
    static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * A SCRAM nonce: 24 random octets in base64, 32 printable characters without {@code ,} (RFC 5802 §5.1 asks
     * for a nonce that is unique and unpredictable; 192 bits is plenty).
     */
    static String nonce() {
        return Base64.getEncoder().encodeToString(bytes(24));
    }

    /** {@code count} random octets as lower-case hex. */
    static String hex(int count) {
        return HexFormat.of().formatHex(bytes(count));
    }
}
