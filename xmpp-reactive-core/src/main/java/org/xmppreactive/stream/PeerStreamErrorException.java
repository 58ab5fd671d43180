package org.xmppreactive.stream;

import java.util.Objects;

/**
 * The peer ended the stream with a stream error (RFC 6120 §4.9). {@link #condition()} is its condition and
 * {@link #error()} the whole element, with the peer's text.
 *
 * <pre>{@code
 * session.closed().onErrorResume(PeerStreamErrorException.class, e -> {
 *     if (e.condition() == StreamErrorCondition.CONFLICT) { ... }   // replaced by a newer login
 * });
 * }</pre>
 */
public class PeerStreamErrorException extends StreamErrorException {

    private final StreamError error;

    /** The peer sent {@code error}. */
    public PeerStreamErrorException(StreamError error) {
        super(error.condition(), "the peer ended the stream with <" + error.condition().elementName() + "/>"
                + error.text().map(text -> ": " + text).orElse(""));
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The stream error as the peer sent it. */
    public StreamError error() {
        return error;
    }
}
