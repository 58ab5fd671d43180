package org.xmppreactive.session;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Hands inbound stanzas to the application with backpressure reaching the connection: {@link #offer} completes
 * only once the stanza was taken, and the connection reads nothing more until then. The flux is shared by every
 * subscriber; while nobody asks, up to {@code buffer} stanzas wait in it, then the connection pauses.
 */
final class InboundOutlet<T> {

    private final Flux<T> shared;
    private FluxSink<T> sink;
    private T held;
    private MonoSink<Void> heldTaken;
    private boolean terminated;

    InboundOutlet(int buffer) {
        Flux<T> source = Flux.create(this::attach, FluxSink.OverflowStrategy.ERROR);
        // autoConnect(0) connects now: publish() then keeps up to 'buffer' items for subscribers yet to come
        this.shared = source.publish(buffer).autoConnect(0);
    }

    /** The stanzas, for any number of subscribers. */
    Flux<T> flux() {
        return shared;
    }

    /** Delivers {@code item}; completes when it was taken. Called by one thread at a time, never overlapping. */
    Mono<Void> offer(T item) {
        synchronized (this) {
            if (terminated) {
                return Mono.empty();
            }
            if (sink.requestedFromDownstream() > 0) {
                sink.next(item);
                return Mono.empty();
            }
        }
        return Mono.create(taken -> {
            synchronized (this) {
                held = item;
                heldTaken = taken;
            }
            deliverHeld();
        });
    }

    /** Completes the flux. */
    void complete() {
        terminate(null);
    }

    /** Errors the flux with {@code error}. */
    void error(Throwable error) {
        terminate(error);
    }

    private void attach(FluxSink<T> sink) {
        synchronized (this) {
            this.sink = sink;
        }
        sink.onRequest(n -> deliverHeld());
    }

    private void deliverHeld() {
        MonoSink<Void> taken;
        synchronized (this) {
            if (held == null || terminated || sink.requestedFromDownstream() == 0) {
                return;
            }
            sink.next(held);
            held = null;
            taken = heldTaken;
            heldTaken = null;
        }
        taken.success();
    }

    private void terminate(Throwable error) {
        MonoSink<Void> taken;
        synchronized (this) {
            if (terminated) {
                return;
            }
            terminated = true;
            taken = heldTaken;
            held = null;
            heldTaken = null;
            if (error == null) {
                sink.complete();
            } else {
                sink.error(error);
            }
        }
        if (taken != null) {
            taken.success();
        }
    }
}
