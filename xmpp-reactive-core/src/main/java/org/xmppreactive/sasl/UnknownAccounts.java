package org.xmppreactive.sasl;

import java.util.Arrays;

/**
 * What the SCRAM exchange announces for an account that does not exist, so that it looks like a real one and does
 * not tell which accounts exist: a salt derived from the username with {@code saltKey}, and {@code iterations}.
 *
 * <p>A store that keeps its accounts across restarts should keep the key too ({@link #of}): with a key drawn
 * afresh at each start ({@link #perProcess}), someone who asks for the same name before and after a restart sees
 * the salt of a missing account change while a real account's stays. And {@code iterations} should be what the
 * store's real accounts use.
 *
 * @param saltKey    the secret the invented salts are derived from, at least 16 bytes
 * @param iterations the iteration count announced, at least 1
 */
public record UnknownAccounts(byte[] saltKey, int iterations) {

    private static final UnknownAccounts PER_PROCESS = new UnknownAccounts(SaslRandom.bytes(32),
            InMemoryCredentialStore.DEFAULT_ITERATIONS);

    /**
     * Copies the key and checks both parts.
     *
     * @throws IllegalArgumentException if the key is shorter than 16 bytes or {@code iterations} is below 1
     */
    public UnknownAccounts {
        if (saltKey.length < 16) {
            throw new IllegalArgumentException("the salt key must be at least 16 bytes: " + saltKey.length);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        saltKey = saltKey.clone();
    }

    /** Fixed parameters: a key kept with the accounts, and the iteration count they use. */
    public static UnknownAccounts of(byte[] saltKey, int iterations) {
        return new UnknownAccounts(saltKey, iterations);
    }

    /**
     * A key drawn at random once per process and {@value InMemoryCredentialStore#DEFAULT_ITERATIONS} iterations:
     * right for a store that lives no longer than the process, such as {@link InMemoryCredentialStore}.
     */
    public static UnknownAccounts perProcess() {
        return PER_PROCESS;
    }

    /** A copy of the key. */
    @Override
    public byte[] saltKey() {
        return saltKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnknownAccounts that && iterations == that.iterations
                && Arrays.equals(saltKey, that.saltKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(saltKey) + iterations;
    }

    @Override
    public String toString() {
        return "UnknownAccounts[iterations=" + iterations + "]";   // never the key
    }
}
