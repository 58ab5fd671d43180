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
 * between two checks, one every {@code interval}. So a busy session is never pinged, and an idle one is pinged
 * between one and two intervals after the last thing it received. The answer to a ping is traffic too, so a
 * session that stays idle is pinged every second interval: choose {@code interval} as half the longest silence
 * you accept. Watching the byte count takes nothing from {@link XmppSession#stanzas()}.
 *
 * <p>Bytes count when the session reads them, and it reads only as fast as the application takes stanzas. While
 * the application holds the reading back ({@link XmppSession#isReadingHeldBack()}), silence says nothing about
 * the server and an answer could not be read: no ping is sent and the count starts afresh. A ping that gets no
 * answer in time ends the session only if nothing at all came from the server since it was sent: an answer can wait
 * behind what the server said, unread while the application holds the reading back. So an application that never
 * takes its stanzas turns the keepalive off.
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
     * The keepalive as a {@link Mono}: it runs while subscribed, completes when the session ends (also when it ends
     * during a ping), and fails with a {@link PingTimeoutException} after ending the session when the server stops
     * answering. Uses the parallel scheduler for its timers, so {@code StepVerifier.withVirtualTime} can drive it.
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
                        boolean silent = seen.getAndSet(received) == received;   // nothing arrived since the last beat
                        return silent && !session.isReadingHeldBack();
                    })
                    .concatMap(beat -> ping(session, server, timeout), 0)
                    .then();
        });
    }

    private static Mono<Duration> ping(XmppSession session, Jid server, Duration timeout) {
        return Mono.defer(() -> {
            long beforePing = session.bytesReceived();
            return PingService.ping(session, server, timeout)
                    // no answer, but the server spoke since the ping (the answer may wait behind what it said, while
                    // the application holds the reading back): it is alive
                    .onErrorResume(e -> e instanceof TimeoutException
                                    && (session.bytesReceived() != beforePing || session.isReadingHeldBack()),
                            e -> Mono.empty())
                    .onErrorResume(TimeoutException.class, e -> session.closeWith(
                                    StreamError.of(StreamErrorCondition.CONNECTION_TIMEOUT)
                                            .withText("no answer to a ping within " + timeout))
                            .then(Mono.error(new PingTimeoutException(server, timeout))))
                    // a ping cut short because the session ended is the end, not a failure
                    .onErrorResume(e -> !(e instanceof PingTimeoutException),
                            e -> session.ended().timeout(timeout, Mono.error(e)).then(Mono.<Duration>empty()));
        });
    }
}
