package org.xmppreactive.sasl;

import java.util.Objects;
import java.util.Optional;

/**
 * Authentication failed: the receiving entity sent {@code <failure/>}, or the initiating entity refused what the
 * receiving entity sent (a wrong SCRAM server signature, a bad nonce). {@link #condition()} is the RFC 6120 §6.5
 * condition, {@link #text()} the peer's text if it gave one.
 */
public class SaslException extends RuntimeException {

    private final SaslFailureCondition condition;
    private final Optional<String> text;

    /** A failure with {@code condition}; {@code message} says what was wrong. */
    public SaslException(SaslFailureCondition condition, String message) {
        this(condition, message, Optional.empty());
    }

    /** A failure the peer reported with {@code condition} and {@code text}. */
    public SaslException(SaslFailureCondition condition, String message, Optional<String> text) {
        super(condition.elementName() + ": " + message);
        this.condition = Objects.requireNonNull(condition, "condition");
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The RFC 6120 §6.5 condition. */
    public SaslFailureCondition condition() {
        return condition;
    }

    /** The peer's descriptive text, if it sent one. */
    public Optional<String> text() {
        return text;
    }
}
