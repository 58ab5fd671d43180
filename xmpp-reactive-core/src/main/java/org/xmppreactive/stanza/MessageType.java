package org.xmppreactive.stanza;

import java.util.Locale;
import java.util.Optional;

/** The {@code type} of a message (RFC 6121 §5.2.2). An absent or unknown value is read as {@link #NORMAL}. */
public enum MessageType {
    CHAT,
    ERROR,
    GROUPCHAT,
    HEADLINE,
    NORMAL;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** {@link #values()} once: each call of that copies the array. */
    private static final MessageType[] VALUES = values();

    /** The attribute value as the RFC writes it. */
    public String value() {
        return value;
    }

    /** The constant for {@code value}, if it is one the RFC defines. */
    public static Optional<MessageType> fromValue(String value) {
        for (MessageType constant : VALUES) {
            if (constant.value().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
