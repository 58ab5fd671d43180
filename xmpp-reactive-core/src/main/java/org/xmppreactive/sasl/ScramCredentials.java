package org.xmppreactive.sasl;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a receiving entity stores for one account and one SCRAM hash (RFC 5802 §3): never the password, only
 * the salt, the iteration count, and the keys derived from them.
 *
 * @param hash       the hash these keys were derived with
 * @param salt       the salt; copied in and out
 * @param iterations the iteration count of Hi()
 * @param storedKey  H(ClientKey); copied in and out
 * @param serverKey  HMAC(SaltedPassword, "Server Key"); copied in and out
 */
public record ScramCredentials(ScramHash hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    /** Copies the arrays and checks their lengths. */
    public ScramCredentials {
        Objects.requireNonNull(hash, "hash");
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        if (storedKey.length != hash.length() || serverKey.length != hash.length()) {
            throw new IllegalArgumentException("keys for " + hash + " are " + hash.length() + " bytes long");
        }
    }

    /**
     * Derives the keys a receiving entity stores for {@code password} (RFC 5802 §3):
     * {@code SaltedPassword := Hi(Normalize(password), salt, i)}, {@code StoredKey := H(HMAC(SaltedPassword,
     * "Client Key"))}, {@code ServerKey := HMAC(SaltedPassword, "Server Key")}. {@code Normalize} is the PRECIS
     * OpaqueString profile (RFC 8265 §4.2), which replaces SASLprep.
     *
     * <pre>{@code
     * byte[] salt = new byte[16];
     * new SecureRandom().nextBytes(salt);
     * ScramCredentials keys = ScramCredentials.derive(ScramHash.SHA_256, "pencil", salt, 4096);
     * }</pre>
     *
     * <p>This runs {@code iterations} HMACs on the calling thread: milliseconds at 4096, more at higher counts.
     *
     * @param hash       the hash to derive with
     * @param password   the password, before normalization
     * @param salt       the salt, usually 16 random octets
     * @param iterations the iteration count, at least 1 (RFC 7677 §4 recommends at least 4096)
     * @return the keys; the password itself is not kept
     * @throws IllegalArgumentException if {@code password} is not a valid OpaqueString (empty, or containing
     *     control characters) or {@code iterations} is below 1
     */
    public static ScramCredentials derive(ScramHash hash, String password, byte[] salt, int iterations) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        byte[] saltedPassword = ScramFunctions.saltedPassword(hash, password, salt, iterations);
        byte[] storedKey = ScramFunctions.h(hash, ScramFunctions.clientKey(hash, saltedPassword));
        byte[] serverKey = ScramFunctions.serverKey(hash, saltedPassword);
        return new ScramCredentials(hash, salt, iterations, storedKey, serverKey);
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** A copy of StoredKey. */
    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    /** A copy of ServerKey. */
    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** Equal if the hash, the iteration count, the salt and both keys are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ScramCredentials that && hash == that.hash && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(storedKey, that.storedKey)
                && Arrays.equals(serverKey, that.serverKey);
    }

    /** A hash of the hash, the iteration count, the salt and StoredKey. */
    @Override
    public int hashCode() {
        return Objects.hash(hash, iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey));
    }

    /** {@code ScramCredentials[SHA_256, 4096 iterations]}: never the salt or the keys. */
    @Override
    public String toString() {
        return "ScramCredentials[" + hash + ", " + iterations + " iterations]";   // keys stay out of logs
    }
}
