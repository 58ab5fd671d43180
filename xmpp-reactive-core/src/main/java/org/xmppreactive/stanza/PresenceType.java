package org.xmppreactive.stanza;

import java.util.Locale;
import java.util.Optional;

/** The {@code type} of a presence (RFC 6121 §4.7.1). {@link #AVAILABLE} is the absence of the attribute. */
public enum PresenceType {
    AVAILABLE,
    ERROR,
    PROBE,
    SUBSCRIBE,
    SUBSCRIBED,
    UNAVAILABLE,
    UNSUBSCRIBE,
    UNSUBSCRIBED;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** {@link #values()} once: each call of that copies the array. */
    private static final PresenceType[] VALUES = values();

    /** The attribute value as the RFC writes it, or {@code ""} for {@link #AVAILABLE}, which has none. */
    public String value() {
        return this == AVAILABLE ? "" : value;
    }

    /** The constant for {@code value}, if it is one the RFC defines. */
    public static Optional<PresenceType> fromValue(String value) {
        for (PresenceType constant : VALUES) {
            if (constant.value().equals(value) && constant != AVAILABLE) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
