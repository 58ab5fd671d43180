package org.xmppreactive.examples;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs jobs one at a time, in the order they were handed in, each to its end before the next starts.
 *
 * <p>The demo server runs every roster and presence job here, and a job ends when the stanzas it sends are written.
 * Deciding in order is not enough: two jobs on two threads may decide in one order and call the same session's
 * send in the other, and the session writes in the order of the calls. Bob's client could then see alice's
 * unavailable presence (her session ended) before her available one (his initial presence asked for it), and keep
 * her online forever. One job at a time, each waiting for its writes, rules that out; a demo can afford the
 * throughput.
 *
 * <pre>{@code
 * SerialQueue queue = new SerialQueue();
 * queue.run(() -> presence.route(session, stanza));   // completes when this job, and every one before it, is done
 * }</pre>
 */
final class SerialQueue {

    private final Sinks.Many<Mono<Void>> jobs = Sinks.many().unicast().onBackpressureBuffer();

    /** A queue that starts taking jobs at once. */
    SerialQueue() {
        jobs.asFlux()
                .concatMap(job -> job.onErrorResume(error -> Mono.empty()))   // a failed job does not stop the queue
                .subscribe();
    }

    /**
     * Queues {@code job}; it runs after every job queued before, whether or not the returned mono is subscribed.
     *
     * @param job makes the work, when its turn comes
     * @return completes when the job is done (or failed; its error is not passed on)
     */
    Mono<Void> run(Supplier<Mono<Void>> job) {
        Sinks.Empty<Void> done = Sinks.empty();
        Mono<Void> work = Mono.defer(job).doFinally(signal -> done.tryEmitEmpty());
        synchronized (jobs) {
            jobs.tryEmitNext(work);   // a unicast sink takes one emitter at a time
        }
        return done.asMono();
    }
}
