package org.xmppreactive.sasl;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.transport.TlsInfo;

/**
 * What the receiving entity knows when it offers and runs a mechanism.
 *
 * @param domain                  the XMPP domain of the stream (the accounts' domainpart)
 * @param credentials             where SCRAM keys are looked up
 * @param tls                     the TLS in force, if any
 * @param plusOffered             whether this stream offers any {@code -PLUS} mechanism; a SCRAM exchange whose GS2
 *                                flag is {@code y} then fails (RFC 5802 §6: downgrade detection)
 * @param plainWithoutTlsAllowed  whether PLAIN may be offered on an unencrypted stream (off by default; tests only)
 */
public record SaslServerContext(String domain, CredentialStore credentials, Optional<TlsInfo> tls,
                                boolean plusOffered, boolean plainWithoutTlsAllowed) {

    /** Checks the arguments. */
    public SaslServerContext {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tls, "tls");
    }
}
