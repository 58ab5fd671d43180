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
     * @param username a JID localpart, as the initiating entity sent it after SASLprep
     */
    Mono<ScramCredentials> lookup(String username, ScramHash hash);
}
