package org.xmppreactive.stream;

/**
 * Negotiation could not go on for a reason of policy or protocol that is neither a stream error from the peer nor
 * a SASL failure: the receiving entity did not offer STARTTLS where TLS is required, offered no mechanism this
 * client may use, refused resource binding, or closed the stream early. The message says which.
 */
public class NegotiationException extends RuntimeException {

    /** A failure described by {@code message}. */
    public NegotiationException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public NegotiationException(String message, Throwable cause) {
        super(message, cause);
    }
}
