package org.xmppreactive.sasl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.transport.ChannelBinding;
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
 * @param channelBindingTypes     the channel binding types the receiving entity advertised (XEP-0440), if it did;
 *                                a {@code -PLUS} mechanism is usable only with one of them that {@code tls} has
 */
public record SaslClientContext(String username, Optional<String> password, Optional<String> authzid,
                                Optional<TlsInfo> tls, List<String> offeredMechanisms,
                                boolean plainWithoutTlsAllowed, int minimumIterations,
                                Optional<List<String>> channelBindingTypes) {

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
        channelBindingTypes = channelBindingTypes.map(List::copyOf);
    }

    /** A context where the receiving entity advertised no channel binding types: {@code -PLUS} is not used. */
    public SaslClientContext(String username, Optional<String> password, Optional<String> authzid,
                             Optional<TlsInfo> tls, List<String> offeredMechanisms, boolean plainWithoutTlsAllowed,
                             int minimumIterations) {
        this(username, password, authzid, tls, offeredMechanisms, plainWithoutTlsAllowed, minimumIterations,
                Optional.empty());
    }

    /**
     * The channel binding to use for {@code -PLUS}: the first of the connection's (tls-exporter before
     * tls-server-end-point) that the receiving entity advertised.
     */
    public Optional<ChannelBinding> usableChannelBinding() {
        if (tls.isEmpty() || channelBindingTypes.isEmpty()) {
            return Optional.empty();
        }
        List<ChannelBinding> usable = tls.get().channelBindings().stream()
                .filter(binding -> channelBindingTypes.get().contains(binding.type()))
                .toList();
        // RFC 9266 makes tls-exporter the one for TLS 1.3; tls-server-end-point works everywhere
        return usable.stream().filter(binding -> binding.type().equals(ChannelBinding.TLS_EXPORTER)).findFirst()
                .or(() -> usable.stream().filter(b -> b.type().equals(ChannelBinding.TLS_SERVER_END_POINT)).findFirst())
                .or(() -> usable.stream().findFirst());
    }
}
