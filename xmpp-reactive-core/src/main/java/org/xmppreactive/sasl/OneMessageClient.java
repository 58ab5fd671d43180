package org.xmppreactive.sasl;

import java.util.Optional;

/**
 * The initiating side of a mechanism that is one message from the client and nothing back: PLAIN, EXTERNAL,
 * ANONYMOUS. It sends the message as the initial response, or in answer to an empty challenge if it was not sent
 * yet (RFC 4422 §5); any other challenge, and {@code <success/>} with additional data, are refused.
 */
final class OneMessageClient implements SaslClient {

    private final SaslData message;
    private boolean sent;
    private boolean completed;

    OneMessageClient(SaslData message) {
        this.message = message;
    }

    /** The message. */
    @Override
    public Optional<SaslData> initialResponse() {
        if (sent) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST, "the message was already sent");
        }
        sent = true;
        return Optional.of(message);
    }

    /** The message, if the challenge is the empty one that asks for it; otherwise a failure. */
    @Override
    public SaslData respond(SaslData challenge) {
        if (sent || !challenge.isEmpty()) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                    "a challenge in a mechanism that has none");
        }
        sent = true;
        return message;
    }

    /** Accepts {@code <success/>} without data once the message was sent. */
    @Override
    public void complete(Optional<SaslData> additionalData) {
        if (completed) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST, "success after the exchange ended");
        }
        if (!sent) {
            throw new SaslException(SaslFailureCondition.NOT_AUTHORIZED, "success before the message was sent");
        }
        if (additionalData.isPresent() && !additionalData.get().isEmpty()) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                    "additional data with success in a mechanism that has none");
        }
        completed = true;
    }
}
