package org.xmppreactive.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * The functions SCRAM is written in (RFC 5802 §2.2): {@code HMAC}, {@code H}, {@code Hi} and {@code XOR}, plus
 * {@code Normalize} with the PRECIS OpaqueString profile (RFC 8265 §4.2), which replaces SASLprep (RFC 4013).
 */
final class ScramFunctions {

    private ScramFunctions() {
    }

    /** {@code Normalize(password)}: PRECIS OpaqueString, as RFC 8265 §4.2 and RFC 7677 §4 ask. */
    static String normalize(String password) {
        try {
            return PrecisProfiles.OPAQUE_STRING.enforce(password);
        } catch (IllegalArgumentException e) {
            // The profile's message names the offending code point, not the password.
            throw new IllegalArgumentException("the password is not a valid PRECIS OpaqueString: " + e.getMessage());
        }
    }

    /** {@code SaltedPassword := Hi(Normalize(password), salt, i)}. */
    static byte[] saltedPassword(ScramHash hash, String password, byte[] salt, int iterations) {
        return hi(hash, normalize(password).getBytes(StandardCharsets.UTF_8), salt, iterations);
    }

    /** {@code ClientKey := HMAC(SaltedPassword, "Client Key")}. */
    static byte[] clientKey(ScramHash hash, byte[] saltedPassword) {
        return hmac(hash, saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code ServerKey := HMAC(SaltedPassword, "Server Key")}. */
    static byte[] serverKey(ScramHash hash, byte[] saltedPassword) {
        return hmac(hash, saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code HMAC(key, str)}. */
    static byte[] hmac(ScramHash hash, byte[] key, byte[] data) {
        Mac mac = mac(hash, key);
        return mac.doFinal(data);
    }

    /** {@code HMAC(key, str)} of a UTF-8 string, as the AuthMessage is signed. */
    static byte[] hmac(ScramHash hash, byte[] key, String data) {
        return hmac(hash, key, data.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code H(str)}. */
    static byte[] h(ScramHash hash, byte[] data) {
        try {
            return MessageDigest.getInstance(hash.digestName()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + hash.digestName(), e);
        }
    }

    /**
     * {@code Hi(str, salt, i)}: PBKDF2 (RFC 2898) with HMAC as the PRF and one block of output. Written out rather
     * than taken from {@code SecretKeyFactory} because that one needs a {@code char[]} password and so cannot
     * reproduce a UTF-8 octet string exactly.
     */
    static byte[] hi(ScramHash hash, byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        Mac mac = mac(hash, password);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});   // U1 := HMAC(str, salt + INT(1))
        byte[] result = u.clone();
        try {
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** {@code XOR} of two octet strings of the same length. */
    static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("XOR of " + a.length + " and " + b.length + " octets");
        }
        byte[] result = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = (byte) (a[i] ^ b[i]);
        }
        return result;
    }

    private static Mac mac(ScramHash hash, byte[] key) {
        try {
            Mac mac = Mac.getInstance(hash.macName());
            // SecretKeySpec refuses an empty key; HMAC defines it as all zeros, which is what an empty key pads to.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.macName()));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + hash.macName(), e);
        }
    }
}
