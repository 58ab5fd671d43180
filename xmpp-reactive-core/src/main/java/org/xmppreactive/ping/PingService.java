package org.xmppreactive.ping;

import java.time.Duration;
import java.util.UUID;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.Ping;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * XEP-0199 on one session: answers every ping with an empty result (§4.2), and pings others.
 *
 * <pre>{@code
 * PingService pings = PingService.answer(session);        // from now on, pings are answered
 * pings.ping(Jid.parse("example.com"), Duration.ofSeconds(10)).subscribe(rtt -> log.info("rtt {}", rtt));
 * }</pre>
 */
public final class PingService {

    private final XmppSession session;
    private final Disposable answering;

    private PingService(XmppSession session) {
        this.session = session;
        this.answering = session.iqRequests(Ping.NAMESPACE, Ping.ELEMENT)
                .concatMap(ping -> session.send(ping.result()).onErrorResume(e -> Mono.empty()))
                .subscribe();
    }

    /** Answers pings on {@code session} until {@link #stop()} or the session's end. */
    public static PingService answer(XmppSession session) {
        return new PingService(session);
    }

    /**
     * Pings {@code entity} and emits the round-trip time. An error reply counts as an answer too (§4.3: the
     * entity is there, it just does not support ping); no answer within {@code timeout} fails with a
     * {@link java.util.concurrent.TimeoutException}.
     */
    public Mono<Duration> ping(Jid entity, Duration timeout) {
        return ping(session, entity, timeout);
    }

    /** {@link #ping(Jid, Duration)} on {@code session}, without answering pings. */
    public static Mono<Duration> ping(XmppSession session, Jid entity, Duration timeout) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            Iq request = Iq.get("ping-" + UUID.randomUUID(), Ping.codec().encode(new Ping())).withTo(entity);
            return session.iq(request, timeout)
                    .then()
                    .onErrorResume(org.xmppreactive.stanza.StanzaErrorException.class, e -> Mono.empty())
                    .then(Mono.fromSupplier(() -> Duration.ofNanos(System.nanoTime() - start)));
        });
    }

    /** Stops answering; pings are then answered {@code service-unavailable} by the session. */
    public void stop() {
        answering.dispose();
    }
}
