package org.xmppreactive.sasl;

import java.util.Objects;

/**
 * A SASL element from the peer breaks RFC 6120 §6 in a way that leaves nothing to read, and the receiving entity
 * should answer with a {@link SaslFailure} of {@link #condition()}: {@code incorrect-encoding} for data that is not
 * base64 (§6.4.2, §6.5.5), {@code invalid-mechanism} for an {@code <auth/>} without a valid mechanism name (§6.5.7).
 *
 * <pre>{@code
 * try {
 *     SaslAuth auth = SaslAuth.fromXml(element);
 *     ...
 * } catch (MalformedSaslException e) {
 *     encoder.encode(SaslFailure.of(e.condition()).toXml("jabber:client"));
 * }
 * }</pre>
 *
 * <p>The message says what was wrong but never repeats the data: SASL data carries credentials.
 */
public class MalformedSaslException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final SaslFailureCondition condition;

    /** An exception whose answer is {@code condition}, explained by {@code message}. */
    public MalformedSaslException(SaslFailureCondition condition, String message) {
        super(condition.elementName() + ": " + message);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    /** The SASL failure condition the receiving entity answers this with. */
    public SaslFailureCondition condition() {
        return condition;
    }
}
