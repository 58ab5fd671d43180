package org.xmppreactive.sasl;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.publisher.Mono;

/**
 * A {@link CredentialStore} in memory, for tests, examples and small embedded servers. It keeps SCRAM keys only,
 * never a password: {@link #add(String, String)} derives the keys for every {@link ScramHash} with a fresh random
 * 16-octet salt each and forgets the password.
 *
 * <pre>{@code
 * InMemoryCredentialStore accounts = new InMemoryCredentialStore()
 *         .add("juliet", "r0m30myr0m30")
 *         .add("romeo", "w4nd3r");
 * SaslServerContext context = new SaslServerContext("example.com", accounts, tls, true, false);
 * }</pre>
 *
 * <p>Usernames are JID localparts and are prepared as such ({@code "Juliet"} and {@code "juliet"} are one
 * account). The store is thread-safe and unbounded: it holds exactly the accounts its owner adds. Deriving keys
 * costs {@code iterations} HMACs per hash on the calling thread.
 */
public final class InMemoryCredentialStore implements CredentialStore {

    /** The iteration count {@link #add(String, String)} uses unless told otherwise: RFC 7677 §4's minimum. */
    public static final int DEFAULT_ITERATIONS = 4096;

    private static final int SALT_LENGTH = 16;

    private final int iterations;
    private final UnknownAccounts unknownAccounts;
    private final ConcurrentMap<String, Map<ScramHash, ScramCredentials>> accounts = new ConcurrentHashMap<>();

    /** An empty store whose {@link #add(String, String)} uses {@value #DEFAULT_ITERATIONS} iterations. */
    public InMemoryCredentialStore() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * An empty store whose {@link #add(String, String)} uses {@code iterations}.
     *
     * @param iterations the iteration count for keys derived from passwords
     * @throws IllegalArgumentException if {@code iterations} is below 1
     */
    public InMemoryCredentialStore(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        this.iterations = iterations;
        this.unknownAccounts = UnknownAccounts.of(UnknownAccounts.perProcess().saltKey(), iterations);
    }

    /**
     * Adds or replaces the account {@code username} with keys derived from {@code password} for every hash.
     *
     * @param username the account's username, a JID localpart
     * @param password the password, which is not kept
     * @return this store, to chain
     * @throws IllegalArgumentException if {@code username} is not a valid JID localpart or {@code password} not a
     *     valid PRECIS OpaqueString
     */
    public InMemoryCredentialStore add(String username, String password) {
        String localpart = Accounts.requireLocalpart(username);
        Map<ScramHash, ScramCredentials> keys = new EnumMap<>(ScramHash.class);
        for (ScramHash hash : ScramHash.values()) {
            keys.put(hash, ScramCredentials.derive(hash, password, SaslRandom.bytes(SALT_LENGTH), iterations));
        }
        accounts.put(localpart, Map.copyOf(keys));
        return this;
    }

    /**
     * Adds or replaces the account {@code username} with keys derived elsewhere, e.g. exported from another
     * server. Hashes without keys are not available to the account.
     *
     * @param username    the account's username, a JID localpart
     * @param credentials the keys, at most one set per hash
     * @return this store, to chain
     * @throws IllegalArgumentException if {@code username} is not a valid JID localpart, or two of
     *     {@code credentials} are for the same hash
     */
    public InMemoryCredentialStore add(String username, ScramCredentials... credentials) {
        String localpart = Accounts.requireLocalpart(username);
        Map<ScramHash, ScramCredentials> keys = new EnumMap<>(ScramHash.class);
        for (ScramCredentials c : credentials) {
            if (keys.put(c.hash(), c) != null) {
                throw new IllegalArgumentException("two sets of keys for " + c.hash());
            }
        }
        accounts.put(localpart, Map.copyOf(keys));
        return this;
    }

    /**
     * Removes the account {@code username}.
     *
     * @param username the account's username
     * @return whether there was such an account
     */
    public boolean remove(String username) {
        return Accounts.localpart(username).map(localpart -> accounts.remove(localpart) != null).orElse(false);
    }

    /**
     * The usernames of the accounts.
     *
     * @return a snapshot of the prepared localparts
     */
    public Set<String> usernames() {
        return Set.copyOf(accounts.keySet());
    }

    /**
     * A key drawn once per process, as this store lives no longer, and this store's iteration count, so that an
     * account that does not exist looks like one added here.
     */
    @Override
    public UnknownAccounts unknownAccounts() {
        return unknownAccounts;
    }

    /** {@inheritDoc} The username is prepared as a JID localpart first; one that cannot be one finds nothing. */
    @Override
    public Mono<ScramCredentials> lookup(String username, ScramHash hash) {
        return Mono.fromSupplier(() -> Accounts.localpart(username)
                .map(accounts::get)
                .flatMap(keys -> Optional.ofNullable(keys.get(hash)))
                .orElse(null));
    }
}
