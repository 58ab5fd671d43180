package org.xmppreactive.sasl;

/**
 * One SASL mechanism (RFC 4422), defined once for both roles: the initiating entity's side
 * ({@link #client}) and the receiving entity's side ({@link #server}). Each exchange gets fresh state from these
 * factories; a mechanism object itself is immutable and shared.
 *
 * <pre>{@code
 * SaslMechanism scram = ScramMechanism.SCRAM_SHA_256;
 * if (scram.isUsableBy(context)) {
 *     SaslClient exchange = scram.client(context);
 *     Optional<SaslData> first = exchange.initialResponse();
 * }
 * }</pre>
 */
public interface SaslMechanism {

    /** The registered name, e.g. {@code SCRAM-SHA-256-PLUS}. */
    String name();

    /**
     * Whether the initiating entity can use this mechanism in {@code context}: it has the credentials the
     * mechanism needs, the channel binding a {@code -PLUS} mechanism needs, and the policy allows it (PLAIN needs
     * TLS unless {@link SaslClientContext#plainWithoutTlsAllowed()}).
     */
    boolean isUsableBy(SaslClientContext context);

    /**
     * Starts the initiating entity's side of one exchange.
     *
     * @throws IllegalStateException if {@link #isUsableBy} is false for {@code context}
     */
    SaslClient client(SaslClientContext context);

    /**
     * Whether the receiving entity may offer this mechanism in {@code context} (a {@code -PLUS} mechanism needs
     * channel binding data, PLAIN needs TLS, EXTERNAL a client certificate).
     */
    boolean isOfferableIn(SaslServerContext context);

    /** Starts the receiving entity's side of one exchange. */
    SaslServer server(SaslServerContext context);
}
