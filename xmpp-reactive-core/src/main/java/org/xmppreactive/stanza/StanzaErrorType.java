package org.xmppreactive.stanza;

import java.util.Optional;

/**
 * The {@code type} of a stanza error (RFC 6120 §8.3.2): what the sender of the failed stanza should do next.
 */
public enum StanzaErrorType {
    /** Retry after providing credentials. */
    AUTH("auth"),
    /** Do not retry: the error cannot be remedied. */
    CANCEL("cancel"),
    /** Proceed: the condition was only a warning. */
    CONTINUE("continue"),
    /** Retry after changing the data sent. */
    MODIFY("modify"),
    /** Retry after waiting: the error is temporary. */
    WAIT("wait");

    private final String attributeValue;

    StanzaErrorType(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The value of the {@code type} attribute as the RFC writes it, e.g. {@code cancel}. */
    public String attributeValue() {
        return attributeValue;
    }

    /** The type whose attribute value is {@code value}, if it is one of the five; matching is exact. */
    public static Optional<StanzaErrorType> fromAttributeValue(String value) {
        for (StanzaErrorType t : values()) {
            if (t.attributeValue.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return attributeValue;
    }
}
