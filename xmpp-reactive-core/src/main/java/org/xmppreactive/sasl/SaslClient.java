package org.xmppreactive.sasl;

import java.util.Optional;

/**
 * The initiating entity's side of one SASL exchange: it answers challenges and checks the outcome. Not
 * thread-safe; one exchange, in order.
 */
public interface SaslClient {

    /** The initial response to send in {@code <auth/>}, or empty to wait for the first challenge. */
    Optional<SaslData> initialResponse();

    /**
     * The response to the receiving entity's {@code challenge}.
     *
     * @throws SaslException if the challenge is malformed or fails a check (e.g. a SCRAM nonce that does not
     *     extend ours, an iteration count below the minimum)
     */
    SaslData respond(SaslData challenge);

    /**
     * Checks {@code <success/>} and its additional data. SCRAM verifies the server signature here; a mechanism
     * that expects nothing accepts empty data.
     *
     * @throws SaslException if the receiving entity did not prove what the mechanism requires
     */
    void complete(Optional<SaslData> additionalData);
}
