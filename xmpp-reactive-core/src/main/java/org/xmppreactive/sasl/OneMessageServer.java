package org.xmppreactive.sasl;

import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The receiving side of a mechanism that is one message from the client: PLAIN, EXTERNAL, ANONYMOUS. The message
 * comes as the initial response, or after an empty challenge that asks for it (RFC 4422 §5); it is checked once,
 * and anything after that, or a second start, is {@code malformed-request}.
 */
final class OneMessageServer implements SaslServer {

    private final String mechanism;
    private final Optional<SaslServerStep.Failure> refusal;
    private final Function<SaslData, Mono<SaslServerStep>> check;
    private boolean started;
    private boolean done;

    /**
     * @param mechanism the mechanism's name, for messages
     * @param refusal   a failure to answer at once, whatever the client sends (e.g. PLAIN without TLS)
     * @param check     what the message proves
     */
    OneMessageServer(String mechanism, Optional<SaslServerStep.Failure> refusal,
                     Function<SaslData, Mono<SaslServerStep>> check) {
        this.mechanism = mechanism;
        this.refusal = refusal;
        this.check = check;
    }

    @Override
    public Mono<SaslServerStep> start(Optional<SaslData> initialResponse) {
        if (started) {
            return malformed("the exchange has already started");
        }
        started = true;
        if (refusal.isPresent()) {
            done = true;
            return Mono.just(refusal.get());
        }
        return initialResponse.map(this::checkOnce)
                .orElseGet(() -> Mono.just(new SaslServerStep.Challenge(SaslData.empty())));
    }

    @Override
    public Mono<SaslServerStep> respond(SaslData response) {
        if (!started || done) {
            done = true;
            return malformed(mechanism + " has a single message");
        }
        return checkOnce(response);
    }

    private Mono<SaslServerStep> checkOnce(SaslData message) {
        done = true;
        return check.apply(message);
    }

    private static Mono<SaslServerStep> malformed(String text) {
        return Mono.just(new SaslServerStep.Failure(SaslFailureCondition.MALFORMED_REQUEST, Optional.of(text)));
    }
}
