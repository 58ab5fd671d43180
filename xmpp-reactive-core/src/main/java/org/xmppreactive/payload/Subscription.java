package org.xmppreactive.payload;

import java.util.Optional;

/**
 * The {@code subscription} attribute of a roster item (RFC 6121 §2.1.2.5): the state of the presence subscriptions
 * between the user and the contact, or, in a roster set or push, the instruction to remove the item.
 *
 * <pre>{@code
 * Subscription.fromValue("both");    // Optional[BOTH]
 * Subscription.BOTH.value();         // "both"
 * Subscription.fromValue("pending"); // Optional.empty
 * }</pre>
 */
public enum Subscription {

    /** Neither the user nor the contact is subscribed to the other's presence; the default when absent. */
    NONE("none"),

    /** The user is subscribed to the contact's presence, but not the other way round. */
    TO("to"),

    /** The contact is subscribed to the user's presence, but not the other way round. */
    FROM("from"),

    /** Each is subscribed to the other's presence. */
    BOTH("both"),

    /**
     * Not a state: in a roster set, the request to remove the item; in a roster push, the news that it was removed.
     * RFC 6121 §2.1.2.5 has a client ignore it in a roster result.
     */
    REMOVE("remove");

    private final String value;

    Subscription(String value) {
        this.value = value;
    }

    /**
     * The attribute value, as written on the wire.
     *
     * @return {@code "none"}, {@code "to"}, {@code "from"}, {@code "both"} or {@code "remove"}
     */
    public String value() {
        return value;
    }

    /**
     * The subscription written as {@code value}, compared exactly (the attribute is case-sensitive).
     *
     * @param value the attribute value
     * @return the subscription, or empty if RFC 6121 defines no such value
     */
    public static Optional<Subscription> fromValue(String value) {
        for (Subscription subscription : values()) {
            if (subscription.value.equals(value)) {
                return Optional.of(subscription);
            }
        }
        return Optional.empty();
    }
}
