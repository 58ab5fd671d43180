package org.xmppreactive.sasl;

import reactor.core.publisher.Mono;

/**
 * Where the receiving entity finds an account's SCRAM keys (RFC 5802 §3: salt, iteration count, StoredKey,
 * ServerKey). A store keeps no plaintext password: PLAIN is checked by deriving the keys from the offered password
 * with the stored salt and comparing. Lookups are asynchronous so that a store may sit on a database.
 */
public interface CredentialStore {

    /**
     * The keys of {@code username} for {@code hash}; empty if there is no such account or no keys for that hash.
     *
     * <p>The mechanisms of this package pass the username prepared as a JID localpart (RFC 7622 §3.3), e.g.
     * {@code juliet} for {@code Juliet}. They turn an error of the returned {@link Mono} into a
     * {@code temporary-auth-failure}.
     *
     * @param username a JID localpart, in canonical form
     * @param hash     the SCRAM hash whose keys are wanted
     * @return the keys, or an empty {@link Mono}
     */
    Mono<ScramCredentials> lookup(String username, ScramHash hash);

    /**
     * What SCRAM announces for a username this store does not have, so that the exchange does not tell which
     * accounts exist. By default a key drawn once per process and
     * {@value InMemoryCredentialStore#DEFAULT_ITERATIONS} iterations; a store that outlives the process, or whose
     * accounts use another iteration count, should return its own ({@link UnknownAccounts#of}).
     *
     * @return the parameters for accounts that do not exist
     */
    default UnknownAccounts unknownAccounts() {
        return UnknownAccounts.perProcess();
    }
}
