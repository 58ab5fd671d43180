package org.xmppreactive.sasl;

import java.util.List;
import java.util.Optional;

/**
 * The mechanisms this library implements, in the orders a client prefers and a server offers them, and the
 * client's choice among what a server offers.
 *
 * <pre>{@code
 * SaslClientContext context = new SaslClientContext("juliet", Optional.of("r0m30myr0m30"), Optional.empty(),
 *         tls, offeredByServer, false, SaslClientContext.DEFAULT_MINIMUM_ITERATIONS);
 * Optional<SaslMechanism> mechanism = StandardMechanisms.choose(StandardMechanisms.clientPreference(), context);
 * // SCRAM-SHA-256-PLUS if the server offers it and the connection has binding data, ..., PLAIN over TLS last
 * }</pre>
 *
 * <p>EXTERNAL and ANONYMOUS are in neither default list: authenticating with a certificate, and allowing
 * anonymous sessions, are decisions a client or a deployment makes by adding {@link ExternalMechanism#EXTERNAL}
 * or {@link AnonymousMechanism#ANONYMOUS} to its own list.
 */
public final class StandardMechanisms {

    private static final List<SaslMechanism> PREFERENCE = List.of(
            ScramMechanism.SCRAM_SHA_512_PLUS, ScramMechanism.SCRAM_SHA_256_PLUS, ScramMechanism.SCRAM_SHA_1_PLUS,
            ScramMechanism.SCRAM_SHA_512, ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_1,
            PlainMechanism.PLAIN);

    private static final List<SaslMechanism> ALL = List.of(
            ScramMechanism.SCRAM_SHA_512_PLUS, ScramMechanism.SCRAM_SHA_256_PLUS, ScramMechanism.SCRAM_SHA_1_PLUS,
            ScramMechanism.SCRAM_SHA_512, ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_1,
            PlainMechanism.PLAIN, ExternalMechanism.EXTERNAL, AnonymousMechanism.ANONYMOUS);

    private StandardMechanisms() {
    }

    /**
     * What a client tries, best first: SCRAM with channel binding (SHA-512, SHA-256, SHA-1), SCRAM without, then
     * PLAIN, which {@link PlainMechanism#isUsableBy} allows only over TLS.
     *
     * @return the seven mechanisms, best first
     */
    public static List<SaslMechanism> clientPreference() {
        return PREFERENCE;
    }

    /**
     * What a server offers by default, in this order: the same mechanisms as {@link #clientPreference()}. Each is
     * advertised only where {@link SaslMechanism#isOfferableIn} allows (no {@code -PLUS} without binding data, no
     * PLAIN without TLS).
     *
     * @return the seven mechanisms, in the order to advertise them
     */
    public static List<SaslMechanism> serverOffer() {
        return PREFERENCE;
    }

    /**
     * Every mechanism this library implements, EXTERNAL and ANONYMOUS included.
     *
     * @return the nine mechanisms
     */
    public static List<SaslMechanism> all() {
        return ALL;
    }

    /**
     * The first mechanism of {@code preference} that the server offered ({@link
     * SaslClientContext#offeredMechanisms()}) and that is usable in {@code context}. The client's order decides,
     * not the server's: a server cannot talk a client into a weaker mechanism by listing it first.
     *
     * @param preference the mechanisms the client accepts, best first
     * @param context    what the client knows, including what the server offered
     * @return the mechanism, or empty if there is none in common
     */
    public static Optional<SaslMechanism> choose(List<SaslMechanism> preference, SaslClientContext context) {
        return preference.stream()
                .filter(mechanism -> context.offeredMechanisms().contains(mechanism.name()))
                .filter(mechanism -> mechanism.isUsableBy(context))
                .findFirst();
    }
}
