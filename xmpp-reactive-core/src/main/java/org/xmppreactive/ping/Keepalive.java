package org.xmppreactive.ping;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stream.StreamError;
import org.xmppreactive.stream.StreamErrorCondition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pings the server when the connection has been idle, and ends the session with the stream error
 * {@code connection-timeout} if a ping gets no answer within {@code timeout}: a dead connection is noticed even
 * when TCP is not (XEP-0199 §5).
 *
 * <p>Idle means that nothing at all arrived from the server ({@link XmppSession#bytesReceived()} did not grow)
 * during a whole {@code interval}. The check runs every {@code interval}, so a busy session is never pinged and an
 * idle one is pinged between one and two intervals after the last thing it received, then every interval while it
 * stays idle. Watching the byte count takes nothing from {@link XmppSession#stanzas()}, so the application's
 * backpressure is untouched.
 *
 * <pre>{@code
 * Keepalive.start(session, Duration.ofMinutes(1), Duration.ofSeconds(20))   // after a minute of silence, 20 s to answer
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
     *
     * @param session  the client session to keep alive
     * @param interval how long the connection may stay silent before a ping
     * @param timeout  how long the server has to answer a ping
     */
    public static Mono<Void> start(XmppSession session, Duration interval, Duration timeout) {
        Jid server = Jid.of(session.jid().domain());
        return Mono.defer(() -> {
            AtomicLong seen = new AtomicLong(session.bytesReceived());
            return Flux.interval(interval)
                    .takeUntilOther(session.ended())   // on the beat, so that a ping under way still reports its end
                    .onBackpressureDrop()
                    .filter(beat -> {
                        long received = session.bytesReceived();
                        return seen.getAndSet(received) == received;   // nothing arrived since the last beat
                    })
                    .concatMap(beat -> PingService.ping(session, server, timeout)
                            // the answer is not the server's own activity: the next beat starts from it
                            .doOnNext(rtt -> seen.set(session.bytesReceived()))
                            .onErrorResume(TimeoutException.class, e -> session.closeWith(
                                            StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT)
                                                    .withText("no answer to a ping within " + timeout))
                                    .then(Mono.error(new PingTimeoutException(server, timeout)))), 0)
                    .then();
        });
    }
}
