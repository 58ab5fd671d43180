package org.xmppreactive.stanza;

import java.util.Objects;

/**
 * A request failed with a stanza error: the peer (or a server on the way) answered with
 * {@code <error/>}, available whole as {@link #error()}. This is how a {@code Mono} for an IQ reply fails when
 * the reply is of type {@code error}.
 *
 * <pre>{@code
 * session.iq(request)
 *        .onErrorResume(StanzaErrorException.class, e ->
 *                e.error().condition() == StanzaErrorCondition.ITEM_NOT_FOUND ? Mono.empty() : Mono.error(e));
 * }</pre>
 */
public class StanzaErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StanzaError error;

    /**
     * An exception for {@code error}; its message is the condition, the type and the text if any, e.g.
     * {@code item-not-found (cancel): no such room}.
     */
    public StanzaErrorException(StanzaError error) {
        super(message(Objects.requireNonNull(error, "error")));
        this.error = error;
    }

    /** The stanza error, as received. */
    public StanzaError error() {
        return error;
    }

    private static String message(StanzaError error) {
        StringBuilder message = new StringBuilder(error.condition().elementName())
                .append(" (").append(error.type().attributeValue()).append(')');
        error.alternateAddress().ifPresent(a -> message.append(" -> ").append(a));
        error.text().ifPresent(t -> message.append(": ").append(t));
        return message.toString();
    }
}
