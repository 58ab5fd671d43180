package org.xmppreactive.session;

import java.time.Duration;
import java.util.Objects;
import org.xmppreactive.payload.PayloadRegistry;
import org.xmppreactive.xml.DecoderLimits;

/**
 * The limits and timeouts of one session, the same in both roles. Every bound here is a documented limit: what
 * happens when it is reached is said on each.
 *
 * @param decoderLimits    what the XML decoder accepts (element size, depth, ...)
 * @param iqTimeout        how long {@link XmppSession#iq} waits for the reply before failing with a
 *                         {@link java.util.concurrent.TimeoutException}
 * @param closeTimeout     how long {@link XmppSession#close()} waits for the peer's {@code </stream:stream>} before
 *                         closing the connection anyway
 * @param maxPendingIqs    requests awaiting a reply at once; one more fails at once with an
 *                         {@link IllegalStateException}
 * @param inboundBuffer    stanzas held for {@link XmppSession#stanzas()} while no subscriber asks for them; when it
 *                         is full the session stops reading from the connection (backpressure), it drops nothing
 * @param iqRequestBuffer  IQ requests held per {@link XmppSession#iqRequests} subscriber; one more is answered with
 *                         {@code resource-constraint} (type wait)
 * @param payloads         the payload codecs of this session
 */
public record SessionSettings(DecoderLimits decoderLimits, Duration iqTimeout, Duration closeTimeout,
                              int maxPendingIqs, int inboundBuffer, int iqRequestBuffer, PayloadRegistry payloads) {

    /** Checks every bound. */
    public SessionSettings {
        Objects.requireNonNull(decoderLimits, "decoderLimits");
        requirePositive(iqTimeout, "iqTimeout");
        requirePositive(closeTimeout, "closeTimeout");
        if (maxPendingIqs < 1 || inboundBuffer < 1 || iqRequestBuffer < 1) {
            throw new IllegalArgumentException("maxPendingIqs, inboundBuffer and iqRequestBuffer must be positive");
        }
        Objects.requireNonNull(payloads, "payloads");
    }

    /**
     * The defaults: the decoder's defaults, IQ timeout 30 s, close timeout 5 s, 1,024 pending IQs, 256 buffered
     * inbound stanzas, 64 buffered IQ requests per handler, and {@link PayloadRegistry#standard()}.
     */
    public static SessionSettings defaults() {
        return new SessionSettings(DecoderLimits.defaults(), Duration.ofSeconds(30), Duration.ofSeconds(5), 1024, 256,
                64, PayloadRegistry.standard());
    }

    /** These settings with {@code iqTimeout}. */
    public SessionSettings withIqTimeout(Duration iqTimeout) {
        return new SessionSettings(decoderLimits, iqTimeout, closeTimeout, maxPendingIqs, inboundBuffer,
                iqRequestBuffer, payloads);
    }

    /** These settings with {@code closeTimeout}. */
    public SessionSettings withCloseTimeout(Duration closeTimeout) {
        return new SessionSettings(decoderLimits, iqTimeout, closeTimeout, maxPendingIqs, inboundBuffer,
                iqRequestBuffer, payloads);
    }

    /** These settings with {@code decoderLimits}. */
    public SessionSettings withDecoderLimits(DecoderLimits decoderLimits) {
        return new SessionSettings(decoderLimits, iqTimeout, closeTimeout, maxPendingIqs, inboundBuffer,
                iqRequestBuffer, payloads);
    }

    /** These settings with {@code payloads}. */
    public SessionSettings withPayloads(PayloadRegistry payloads) {
        return new SessionSettings(decoderLimits, iqTimeout, closeTimeout, maxPendingIqs, inboundBuffer,
                iqRequestBuffer, payloads);
    }

    /** These settings with the three buffer bounds. */
    public SessionSettings withBuffers(int maxPendingIqs, int inboundBuffer, int iqRequestBuffer) {
        return new SessionSettings(decoderLimits, iqTimeout, closeTimeout, maxPendingIqs, inboundBuffer,
                iqRequestBuffer, payloads);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
