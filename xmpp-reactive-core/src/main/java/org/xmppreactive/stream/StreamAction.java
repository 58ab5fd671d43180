package org.xmppreactive.stream;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * One thing a negotiation asks the connection to do. A negotiation is a pure state machine: it takes what the
 * peer sent and answers with a list of actions, which the connection runs in order before it reads on.
 */
public sealed interface StreamAction {

    /** Send a stream header: a new stream generation starts on our side. */
    record OpenStream(StreamHeader header) implements StreamAction {
        /** Requires a header. */
        public OpenStream {
            Objects.requireNonNull(header, "header");
        }
    }

    /** Send one top-level element. */
    record Send(XmlElement element) implements StreamAction {
        /** Requires an element. */
        public Send {
            Objects.requireNonNull(element, "element");
        }
    }

    /**
     * Expect a new stream from the peer (RFC 6120 §5.4.3.3, §6.4.6): the parser starts over, and the bytes read
     * after the last element are handled as {@code pending} says.
     */
    record RestartStream(PendingBytes pending) implements StreamAction {
        /** Requires a policy. */
        public RestartStream {
            Objects.requireNonNull(pending, "pending");
        }
    }

    /** Upgrade the connection to TLS now; the negotiation hears back through {@code tlsEstablished}. */
    record StartTls() implements StreamAction {
    }

    /**
     * Wait for {@code next} (an asynchronous step such as a credential lookup) and run the actions it gives,
     * before reading on.
     */
    record Await(Mono<List<StreamAction>> next) implements StreamAction {
        /** Requires a step. */
        public Await {
            Objects.requireNonNull(next, "next");
        }
    }

    /** Negotiation is complete: stanzas may flow. */
    record Established(NegotiatedStream stream) implements StreamAction {
        /** Requires the outcome. */
        public Established {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * Negotiation failed: send {@code streamError} if present, close the stream, and end with {@code error}.
     */
    record Fail(RuntimeException error, Optional<StreamError> streamError) implements StreamAction {
        /** Requires both. */
        public Fail {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(streamError, "streamError");
        }

        /** Fails with {@code error} and sends the stream error it names. */
        public static Fail withStreamError(StreamErrorException error) {
            return new Fail(error, Optional.of(StreamError.of(error.condition()).withText(error.getMessage())));
        }

        /** Fails with {@code error} and sends no stream error (the peer already ended, or this is a local decision). */
        public static Fail quietly(RuntimeException error) {
            return new Fail(error, Optional.empty());
        }
    }

    /** What happens to the bytes that came after the element that restarts the stream, in the same read. */
    enum PendingBytes {
        /** They are the start of the new stream (after SASL success). */
        KEEP,
        /** Dropped unread (the receiving entity after {@code <starttls/>}: plaintext must never reach TLS). */
        DISCARD,
        /** Their presence is an attack: fail (the initiating entity after {@code <proceed/>}). */
        REJECT
    }
}
