package org.xmppreactive.stanza;

/**
 * Thrown inside this package while reading a stanza that breaks a rule; {@link StreamElements#decode} turns it
 * into an {@link InvalidStanza}, so it never reaches users.
 */
final class MalformedStanzaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StanzaErrorCondition condition;

    MalformedStanzaException(StanzaErrorCondition condition, String message) {
        super(message);
        this.condition = condition;
    }

    StanzaErrorCondition condition() {
        return condition;
    }
}
