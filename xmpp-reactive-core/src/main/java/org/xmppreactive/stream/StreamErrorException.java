package org.xmppreactive.stream;

import java.util.Objects;

/**
 * The stream cannot go on: the RFC 6120 stream error {@link #condition()} applies, and the message says what was
 * wrong in words a person can act on. Raised by the decoder for bad input from the peer, and (as negotiation
 * lands) for stream errors the peer sends.
 */
public class StreamErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StreamErrorCondition condition;

    /** An error with the given condition and explanation. */
    public StreamErrorException(StreamErrorCondition condition, String message) {
        this(condition, message, null);
    }

    /** An error with the given condition and explanation, caused by {@code cause}. */
    public StreamErrorException(StreamErrorCondition condition, String message, Throwable cause) {
        super(condition.elementName() + ": " + message, cause);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    /** The RFC 6120 §4.9.3 condition that names this error. */
    public StreamErrorCondition condition() {
        return condition;
    }
}
