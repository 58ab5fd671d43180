package org.xmppreactive.sasl;

import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The receiving entity's side of one SASL exchange. Steps are {@link Mono}s because checking credentials may
 * need an asynchronous {@link CredentialStore}. Not thread-safe; one exchange, in order.
 */
public interface SaslServer {

    /** Evaluates {@code <auth/>} with its initial response, if it carried one. */
    Mono<SaslServerStep> start(Optional<SaslData> initialResponse);

    /** Evaluates the initiating entity's {@code <response/>} to the last challenge. */
    Mono<SaslServerStep> respond(SaslData response);
}
