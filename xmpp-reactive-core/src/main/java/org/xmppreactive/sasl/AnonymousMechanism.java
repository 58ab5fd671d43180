package org.xmppreactive.sasl;

import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * ANONYMOUS (RFC 4505): no credentials; the receiving entity makes up a fresh account name for the session
 * (XEP-0175). The initiating entity's one message is an optional trace token, which this client leaves empty.
 *
 * <pre>{@code
 * SaslServerStep step = AnonymousMechanism.ANONYMOUS.server(context).start(Optional.of(SaslData.empty())).block();
 * // Success[username=3f9a0c1d2b4e5f60, additionalData=Optional.empty]
 * }</pre>
 *
 * <p>Neither in {@link StandardMechanisms#clientPreference()} nor in {@link StandardMechanisms#serverOffer()}:
 * anonymous access is something a deployment decides to allow.
 */
public final class AnonymousMechanism implements SaslMechanism {

    /** The ANONYMOUS mechanism. */
    public static final AnonymousMechanism ANONYMOUS = new AnonymousMechanism();

    /** RFC 4505 §3: {@code token = 1*255TCHAR}. */
    private static final int MAXIMUM_TRACE_LENGTH = 255;

    private AnonymousMechanism() {
    }

    /** {@code ANONYMOUS}. */
    @Override
    public String name() {
        return "ANONYMOUS";
    }

    /** Always usable: it needs nothing. */
    @Override
    public boolean isUsableBy(SaslClientContext context) {
        return true;
    }

    /** {@inheritDoc} The message is empty: no trace token. */
    @Override
    public SaslClient client(SaslClientContext context) {
        return new OneMessageClient(SaslData.empty());
    }

    /** Always offerable, where a deployment lists it. */
    @Override
    public boolean isOfferableIn(SaslServerContext context) {
        return true;
    }

    /**
     * {@inheritDoc} It succeeds with a fresh username of 16 random hex digits (64 bits, so that two sessions do
     * not collide); the trace token is checked for form and otherwise ignored.
     */
    @Override
    public SaslServer server(SaslServerContext context) {
        Objects.requireNonNull(context, "context");
        return new OneMessageServer(name(), Optional.empty(), AnonymousMechanism::accept);
    }

    /** {@code ANONYMOUS}. */
    @Override
    public String toString() {
        return name();
    }

    // RFC 4505 §3: the trace token is optional, UTF-8, at most 255 characters; the account is a fresh one
    private static Mono<SaslServerStep> accept(SaslData trace) {
        String token;
        try {
            token = Utf8.decode(trace, "trace token");
        } catch (SaslException e) {
            return malformed("the trace token is not UTF-8");
        }
        if (token.codePointCount(0, token.length()) > MAXIMUM_TRACE_LENGTH) {
            return malformed("the trace token is longer than 255 characters (RFC 4505 §3)");
        }
        return Mono.just(new SaslServerStep.Success(SaslRandom.hex(8), Optional.empty()));
    }

    private static Mono<SaslServerStep> malformed(String text) {
        return Mono.just(new SaslServerStep.Failure(SaslFailureCondition.MALFORMED_REQUEST, Optional.of(text)));
    }
}
