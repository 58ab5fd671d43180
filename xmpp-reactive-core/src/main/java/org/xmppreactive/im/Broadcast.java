package org.xmppreactive.im;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Hands each value to every current subscriber, each with a bounded buffer of its own: a slow subscriber delays
 * only itself and misses nothing, and a subscriber sees the values emitted while it is subscribed. One that falls
 * further behind than its bound is ended with {@link ChangesOverflowException}. Used for the {@code changes()} of
 * the roster and the presence tracker, whose values are few and must not be lost. A subscriber with demand and
 * without {@code publishOn} runs on the emitting thread, which is the session's reading thread: slow work there
 * holds up the session.
 *
 * @param <T> the values
 */
final class Broadcast<T> {

    private final List<FluxSink<T>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean completed;

    /**
     * The values from now on; completes when {@link #complete()} is called (at once if it was), and fails with
     * {@link ChangesOverflowException} when more than {@code maxBehind} values wait for the subscriber's demand.
     */
    Flux<T> flux(int maxBehind) {
        if (maxBehind < 1) {
            throw new IllegalArgumentException("maxBehind must be at least 1: " + maxBehind);
        }
        return Flux.<T>create(sink -> {
                    subscribers.add(sink);
                    sink.onDispose(() -> subscribers.remove(sink));
                    if (completed) {
                        subscribers.remove(sink);
                        sink.complete();
                    }
                }, FluxSink.OverflowStrategy.IGNORE)   // the bounded buffer below holds what waits for demand
                .onBackpressureBuffer(maxBehind, dropped -> { }, BufferOverflowStrategy.ERROR)
                .onErrorMap(Exceptions::isOverflow, e -> new ChangesOverflowException(maxBehind));
    }

    /** Hands {@code value} to every subscriber. Called by one thread at a time. */
    void emit(T value) {
        for (FluxSink<T> sink : subscribers) {
            sink.next(value);
        }
    }

    /** Completes every subscriber, and every later one at once. */
    void complete() {
        completed = true;
        for (FluxSink<T> sink : subscribers) {
            sink.complete();
        }
    }
}
