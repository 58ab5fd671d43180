package org.xmppreactive.stream;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.SaslMechanism;

/**
 * How the initiating entity negotiates: who it is, how it proves it, and what it insists on.
 *
 * @param jid                    the account; its resourcepart, if any, is the resource to request
 * @param password               the password, for SCRAM and PLAIN
 * @param authzid                an authorization identity, only to act as another entity
 * @param tlsPolicy              whether STARTTLS is required, taken when offered, or never tried
 * @param mechanisms             SASL mechanisms in order of preference; the first one the server offers and this
 *                               client can use is taken
 * @param plainWithoutTlsAllowed whether PLAIN may run without TLS (never by default)
 * @param minimumIterations      the lowest SCRAM iteration count accepted
 */
public record ClientNegotiationSettings(Jid jid, Optional<String> password, Optional<String> authzid,
                                        TlsPolicy tlsPolicy, List<SaslMechanism> mechanisms,
                                        boolean plainWithoutTlsAllowed, int minimumIterations) {

    /** Copies the list and checks the rest. */
    public ClientNegotiationSettings {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(authzid, "authzid");
        Objects.requireNonNull(tlsPolicy, "tlsPolicy");
        mechanisms = List.copyOf(mechanisms);
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("at least one SASL mechanism is needed");
        }
        if (minimumIterations < 1) {
            throw new IllegalArgumentException("minimumIterations must be at least 1: " + minimumIterations);
        }
    }
}
