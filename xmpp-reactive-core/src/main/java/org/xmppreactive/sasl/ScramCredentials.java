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

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramCredentials that && hash == that.hash && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(storedKey, that.storedKey)
                && Arrays.equals(serverKey, that.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, iterations, Arrays.hashCode(salt), Arrays.hashCode(storedKey));
    }

    @Override
    public String toString() {
        return "ScramCredentials[" + hash + ", " + iterations + " iterations]";   // keys stay out of logs
    }
}
