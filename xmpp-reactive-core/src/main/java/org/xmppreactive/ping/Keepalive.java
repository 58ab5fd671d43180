package org.xmppreactive.ping;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stream.StreamError;
import org.xmppreactive.stream.StreamErrorCondition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pings the server every {@code interval}, and ends the session with the stream error {@code connection-timeout}
 * if a ping gets no answer within {@code timeout}: a dead connection is noticed even when TCP is not (XEP-0199
 * §5). It pings on a fixed beat rather than after inbound silence because watching inbound traffic would mean
 * subscribing to {@link XmppSession#stanzas()}, which would take stanzas the application has not asked for yet.
 *
 * <pre>{@code
 * Keepalive.start(session, Duration.ofMinutes(1), Duration.ofSeconds(20))   // every minute, 20 s to answer
 *          .subscribe(null, e -> log.warn("server stopped answering", e));
 * }</pre>
 */
public final class Keepalive {

    private Keepalive() {
    }

    /**
     * The keepalive as a {@link Mono}: it runs while subscribed, completes when the session ends, and fails with
     * a {@link PingTimeoutException} after ending the session when the server stops answering. Uses the parallel
     * scheduler for its timers, so {@code StepVerifier.withVirtualTime} can drive it.
     */
    public static Mono<Void> start(XmppSession session, Duration interval, Duration timeout) {
        Jid server = Jid.of(session.jid().domain());
        return Flux.interval(interval)
                .takeUntilOther(session.ended())   // on the beat, so that a ping under way still reports its end
                .onBackpressureDrop()
                .concatMap(beat -> PingService.ping(session, server, timeout)
                        .onErrorResume(TimeoutException.class, e -> session.closeWith(
                                        StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT)
                                                .withText("no answer to a ping within " + timeout))
                                .then(Mono.error(new PingTimeoutException(server, timeout)))))
                .then();
    }
}
