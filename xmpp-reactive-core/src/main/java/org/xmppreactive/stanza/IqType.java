package org.xmppreactive.stanza;

import java.util.Locale;
import java.util.Optional;

/** The {@code type} of an IQ (RFC 6120 §8.2.3), which is required. */
public enum IqType {
    GET,
    SET,
    RESULT,
    ERROR;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** {@link #values()} once: each call of that copies the array. */
    private static final IqType[] VALUES = values();

    /** The attribute value as the RFC writes it. */
    public String value() {
        return value;
    }

    /** The constant for {@code value}, if it is one the RFC defines. */
    public static Optional<IqType> fromValue(String value) {
        for (IqType constant : VALUES) {
            if (constant.value().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
