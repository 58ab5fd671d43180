package org.xmppreactive.stanza;

import java.util.Locale;
import java.util.Optional;

/** The {@code <show/>} of an available presence (RFC 6121 §4.7.2.1); no show means plainly available. */
public enum Show {
    AWAY,
    CHAT,
    DND,
    XA;

    private final String value = name().toLowerCase(Locale.ROOT);

    /** {@link #values()} once: each call of that copies the array. */
    private static final Show[] VALUES = values();

    /** The element text as the RFC writes it. */
    public String value() {
        return value;
    }

    /** The constant for {@code value}, if it is one the RFC defines. */
    public static Optional<Show> fromValue(String value) {
        for (Show constant : VALUES) {
            if (constant.value().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
