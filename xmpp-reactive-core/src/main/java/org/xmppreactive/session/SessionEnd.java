package org.xmppreactive.session;

import java.util.Objects;
import java.util.Optional;

/**
 * How a session ended: closed by us, closed by the peer, or failed (a stream error either way, a lost connection,
 * a failed negotiation). {@link XmppSession#ended()} emits exactly one.
 *
 * <pre>{@code
 * session.ended().subscribe(end -> log.info("session over: {}", end));
 * }</pre>
 *
 * @param reason how it ended
 * @param error  the cause, present exactly when {@link #reason()} is {@link Reason#FAILED}
 */
public record SessionEnd(Reason reason, Optional<Throwable> error) {

    /** The three ways a session ends. */
    public enum Reason {
        /** {@link XmppSession#close()}: our {@code </stream:stream>}, then the peer's. */
        CLOSED_BY_US,
        /** The peer sent {@code </stream:stream>} and we answered in kind. */
        CLOSED_BY_PEER,
        /** A stream error (sent or received), a lost connection, or a failure of our own. */
        FAILED
    }

    /** Checks that an error comes exactly with {@link Reason#FAILED}. */
    public SessionEnd {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(error, "error");
        if (error.isPresent() != (reason == Reason.FAILED)) {
            throw new IllegalArgumentException("an error comes with FAILED and only with it");
        }
    }

    /** Ended by {@code error}. */
    public static SessionEnd failed(Throwable error) {
        return new SessionEnd(Reason.FAILED, Optional.of(error));
    }

    /** Ended cleanly, by whichever side {@code reason} says. */
    public static SessionEnd closed(Reason reason) {
        return new SessionEnd(reason, Optional.empty());
    }
}
