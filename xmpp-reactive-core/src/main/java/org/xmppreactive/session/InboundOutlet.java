package org.xmppreactive.session;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;

/**
 * Hands inbound stanzas to any number of subscribers with backpressure reaching the connection. Up to
 * {@code capacity} stanzas wait here, whether or not anyone subscribed; an item goes out only when every current
 * subscriber asked for one (the slowest sets the pace). {@link #offer} completes at once while there is room, and
 * otherwise only when room is made, so the connection reads nothing more meanwhile. Nothing is ever dropped.
 *
 * <p>Reactor's {@code publish()} was not enough here: with no subscriber connected it drops what arrives.
 */
final class InboundOutlet<T> {

    private final int capacity;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final List<Inner> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicInteger wip = new AtomicInteger();
    private T held;
    private MonoSink<Void> heldTaken;
    private boolean done;
    private Throwable error;

    InboundOutlet(int capacity) {
        this.capacity = capacity;
    }

    /** The stanzas, for any number of subscribers; each sees the stanzas that arrive while it is subscribed. */
    Flux<T> flux() {
        return Flux.from(subscriber -> {
            Inner inner = new Inner(Operators.toCoreSubscriber(subscriber));
            inner.actual.onSubscribe(inner);   // before it is listed: nothing reaches it before onSubscribe
            if (!inner.cancelled) {
                subscribers.add(inner);
            }
            drain();
        });
    }

    /**
     * Queues {@code item}; completes at once while the queue has room, else once it has. Called by one thread at a
     * time, and not again before the previous call's mono completed.
     */
    Mono<Void> offer(T item) {
        synchronized (this) {
            if (done) {
                return Mono.empty();
            }
            if (queue.size() < capacity) {
                queue.add(item);
                item = null;
            }
        }
        if (item == null) {
            drain();
            return Mono.empty();
        }
        T waiting = item;
        return Mono.create(taken -> {
            synchronized (this) {
                held = waiting;
                heldTaken = taken;
            }
            drain();
        });
    }

    /** Whether an offer is waiting for room: the reader is held back until a subscriber takes a stanza. */
    synchronized boolean isHolding() {
        return held != null;
    }

    /** Completes every subscriber once the queued stanzas are delivered. */
    void complete() {
        terminate(null);
    }

    /** Errors every subscriber with {@code cause} once the queued stanzas are delivered. */
    void error(Throwable cause) {
        terminate(cause);
    }

    private void terminate(Throwable cause) {
        MonoSink<Void> taken;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            error = cause;
            taken = heldTaken;
            held = null;
            heldTaken = null;
        }
        if (taken != null) {
            taken.success();
        }
        drain();
    }

    // One thread drains at a time; a call while another drains makes it loop once more (the usual WIP pattern).
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (true) {
                T next;
                List<Inner> targets;
                MonoSink<Void> taken = null;
                synchronized (this) {
                    if (held != null && queue.size() < capacity) {
                        // room was made since the offer waited: take the held stanza in and release the reader
                        queue.add(held);
                        taken = heldTaken;
                        held = null;
                        heldTaken = null;
                    }
                    targets = List.copyOf(subscribers);
                    if (queue.isEmpty() || targets.isEmpty()
                            || targets.stream().anyMatch(inner -> inner.requested.get() <= 0)) {
                        next = null;
                    } else {
                        next = queue.poll();
                    }
                }
                if (taken != null) {
                    taken.success();
                }
                if (next == null) {
                    break;
                }
                for (Inner inner : targets) {
                    inner.requested.decrementAndGet();
                    inner.actual.onNext(next);
                }
            }
            boolean finished;
            Throwable cause;
            synchronized (this) {
                finished = done && queue.isEmpty();
                cause = error;
            }
            if (finished) {
                for (Inner inner : subscribers) {
                    subscribers.remove(inner);
                    if (cause == null) {
                        inner.actual.onComplete();
                    } else {
                        inner.actual.onError(cause);
                    }
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private final class Inner implements Subscription {

        final CoreSubscriber<? super T> actual;
        final AtomicLong requested = new AtomicLong();
        volatile boolean cancelled;

        Inner(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
                drain();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            subscribers.remove(this);
            drain();
        }
    }
}
