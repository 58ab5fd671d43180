package org.xmppreactive.sasl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.transport.TlsInfo;

/**
 * What the initiating entity knows when it picks and runs a mechanism.
 *
 * @param username                the authentication identity (the account's localpart); empty for EXTERNAL and
 *                                ANONYMOUS
 * @param password                the password, for SCRAM and PLAIN
 * @param authzid                 the authorization identity, only when acting for another entity (RFC 6120 §6.3.8)
 * @param tls                     the TLS in force, if any: its channel bindings feed {@code -PLUS}, its presence
 *                                allows PLAIN
 * @param offeredMechanisms       the mechanisms the receiving entity advertised; SCRAM sets the GS2 flag {@code y}
 *                                when it could bind but no {@code -PLUS} was offered
 * @param plainWithoutTlsAllowed  whether PLAIN may run over an unencrypted stream (off by default; tests only)
 * @param minimumIterations       the lowest SCRAM iteration count accepted from the receiving entity
 */
public record SaslClientContext(String username, Optional<String> password, Optional<String> authzid,
                                Optional<TlsInfo> tls, List<String> offeredMechanisms,
                                boolean plainWithoutTlsAllowed, int minimumIterations) {

    /** The iteration floor RFC 7677 §4 recommends. */
    public static final int DEFAULT_MINIMUM_ITERATIONS = 4096;

    /** Copies the list and checks the arguments. */
    public SaslClientContext {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(authzid, "authzid");
        Objects.requireNonNull(tls, "tls");
        offeredMechanisms = List.copyOf(offeredMechanisms);
        if (minimumIterations < 1) {
            throw new IllegalArgumentException("minimumIterations must be at least 1: " + minimumIterations);
        }
    }
}
