package org.xmppreactive.im;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Message;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Handles messages one conversation at a time: the messages of one contact in the order they arrived, one after
 * the other; those of different contacts at the same time; and at most a given number of conversations open.
 *
 * <pre>{@code
 * Conversations.byBareJid(session.messages(), message -> bot.answer(message), 64)
 *         .subscribe();   // each contact gets its answers in order; 64 contacts are served at once
 * }</pre>
 *
 * <p>A conversation is open from its first message until its last queued message has been handled; then it
 * closes, and the next message from that contact opens it again. The operator asks its source for one message at a
 * time, and only when it has room for it:
 * <ul>
 *   <li>at most {@code maxOpenConversations} handlers run at once, one per open conversation;</li>
 *   <li>at most {@code maxOpenConversations} further messages wait in memory, queued behind their conversation's
 *       running handler (or, for one of them, waiting for a conversation to close);</li>
 *   <li>a message that would open one conversation too many waits until a conversation closes, and the source is
 *       not asked for more meanwhile (messages behind it wait in the source, in order).</li>
 * </ul>
 * So when the bound is reached the operator applies backpressure; it never drops a message. Over
 * {@link org.xmppreactive.session.XmppSession#messages()}, that backpressure reaches the connection, which stops
 * reading until a handler finishes. Unlike {@code groupBy} followed by a bounded {@code flatMap}, a contact who goes
 * quiet does not hold one of the slots for ever, so the operator cannot deadlock on many contacts.
 */
public final class Conversations {

    private Conversations() {
    }

    /**
     * Handles {@code messages} in conversations keyed by the sender's bare JID. Messages without {@code from} (from
     * the user's own server) form one conversation of their own.
     *
     * @param messages             the messages, such as {@code session.messages()}; subscribed once
     * @param handler              handles one message; the next message of the same contact waits for the
     *                             returned mono to complete
     * @param maxOpenConversations how many conversations may be open at once, at least 1
     * @return completes when {@code messages} completed and every message was handled; fails with the first error
     *     of the source or of a handler, cancelling the rest (a handler that should not stop everything catches its
     *     own errors, {@code onErrorResume}); cancelling it cancels the source and the running handlers
     * @throws IllegalArgumentException if {@code maxOpenConversations} is less than 1
     */
    public static Mono<Void> byBareJid(Flux<Message> messages, Function<Message, Mono<Void>> handler,
            int maxOpenConversations) {
        return by(messages, Conversations::bareJidOf, handler, maxOpenConversations);
    }

    /**
     * Handles {@code items} in conversations keyed by {@code key}, with the ordering and bounds described above:
     * the general form of {@link #byBareJid}, for another key (the full JID, the {@code <thread/>}) or other items.
     *
     * @param items                the items; subscribed once
     * @param key                  the conversation of an item, never null; keys are compared with {@code equals}
     * @param handler              handles one item
     * @param maxOpenConversations how many conversations may be open at once, at least 1
     * @param <T>                  the items
     * @param <K>                  the conversation keys
     * @return completes when every item was handled; errors and cancellation as for {@link #byBareJid}
     * @throws IllegalArgumentException if {@code maxOpenConversations} is less than 1
     */
    public static <T, K> Mono<Void> by(Flux<T> items, Function<? super T, ? extends K> key,
            Function<? super T, ? extends Mono<Void>> handler, int maxOpenConversations) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(handler, "handler");
        if (maxOpenConversations < 1) {
            throw new IllegalArgumentException("maxOpenConversations must be at least 1, not " + maxOpenConversations);
        }
        return Mono.create(sink -> new Coordinator<T, K>(key, handler, maxOpenConversations, sink).start(items));
    }

    /**
     * The state of one subscription. Every decision is taken in {@link #drain()}, by one thread at a time (the
     * usual work-in-progress loop), so a handler that completes at once or a source that emits on request cannot
     * recurse without bound.
     */
    private static final class Coordinator<T, K> {

        private record Arrived<T, K>(K key, T item) {
        }

        private final Function<? super T, ? extends K> key;
        private final Function<? super T, ? extends Mono<Void>> handler;
        private final int max;
        private final MonoSink<Void> sink;
        private final Upstream upstream = new Upstream();
        private final Disposable.Composite running = Disposables.composite();
        private final AtomicInteger wip = new AtomicInteger();

        // guarded by this
        private final ArrayDeque<Arrived<T, K>> arrived = new ArrayDeque<>();
        private final Map<K, ArrayDeque<T>> open = new HashMap<>();
        private final ArrayDeque<K> finished = new ArrayDeque<>();
        private int waiting;
        private boolean requested;
        private boolean upstreamDone;
        private Throwable error;
        private boolean terminated;

        Coordinator(Function<? super T, ? extends K> key, Function<? super T, ? extends Mono<Void>> handler, int max,
                MonoSink<Void> sink) {
            this.key = key;
            this.handler = handler;
            this.max = max;
            this.sink = sink;
        }

        void start(Flux<T> items) {
            sink.onDispose(this::cancel);
            items.subscribe(upstream);
            drain();
        }

        private void onItem(T item) {
            K conversation;
            try {
                conversation = Objects.requireNonNull(key.apply(item), "the conversation key of an item is null");
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            synchronized (this) {
                requested = false;
                arrived.add(new Arrived<>(conversation, item));
            }
            drain();
        }

        private void onHandled(K conversation) {
            synchronized (this) {
                finished.add(conversation);
            }
            drain();
        }

        private void onUpstreamDone() {
            synchronized (this) {
                upstreamDone = true;
            }
            drain();
        }

        private void fail(Throwable e) {
            synchronized (this) {
                if (error == null) {
                    error = e;
                }
            }
            drain();
        }

        private void cancel() {
            synchronized (this) {
                terminated = true;
                arrived.clear();
                open.clear();
                finished.clear();
            }
            upstream.dispose();
            running.dispose();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                List<Arrived<T, K>> toStart = new ArrayList<>();
                boolean requestOne = false;
                boolean complete = false;
                Throwable failure = null;
                synchronized (this) {
                    if (terminated) {
                        return;
                    }
                    if (error != null) {
                        failure = error;
                        terminated = true;
                    } else {
                        K conversation;
                        while ((conversation = finished.poll()) != null) {
                            ArrayDeque<T> queue = open.get(conversation);
                            T next = queue.poll();
                            if (next != null) {
                                waiting--;
                                toStart.add(new Arrived<>(conversation, next));
                            } else {
                                open.remove(conversation);   // nothing more queued: the conversation closes
                            }
                        }
                        while (!arrived.isEmpty()) {
                            Arrived<T, K> next = arrived.peek();
                            ArrayDeque<T> queue = open.get(next.key());
                            if (queue != null) {
                                queue.add(next.item());
                                waiting++;
                            } else if (open.size() < max) {
                                open.put(next.key(), new ArrayDeque<>());
                                toStart.add(next);
                            } else {
                                break;   // one conversation too many: wait for one to close
                            }
                            arrived.poll();
                        }
                        if (arrived.isEmpty() && !requested && !upstreamDone && waiting < max) {
                            requested = true;
                            requestOne = true;
                        }
                        if (upstreamDone && arrived.isEmpty() && open.isEmpty()) {
                            complete = true;
                            terminated = true;
                        }
                    }
                }
                if (failure != null) {
                    upstream.dispose();
                    running.dispose();
                    sink.error(failure);
                    return;
                }
                for (Arrived<T, K> next : toStart) {
                    handle(next.key(), next.item());
                }
                if (requestOne) {
                    upstream.request(1);
                }
                if (complete) {
                    sink.success();
                    return;
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void handle(K conversation, T item) {
            Mono<Void> handling;
            try {
                handling = Objects.requireNonNull(handler.apply(item), "the handler returned null");
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            Handler subscriber = new Handler(conversation);
            running.add(subscriber);
            handling.subscribe(subscriber);
        }

        /** The source of items: asked for one at a time. */
        private final class Upstream extends BaseSubscriber<T> {

            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // drain() asks when there is room
            }

            @Override
            protected void hookOnNext(T item) {
                onItem(item);
            }

            @Override
            protected void hookOnComplete() {
                onUpstreamDone();
            }

            @Override
            protected void hookOnError(Throwable throwable) {
                fail(throwable);
            }
        }

        /** One running handler of one conversation. */
        private final class Handler extends BaseSubscriber<Void> {

            private final K conversation;

            Handler(K conversation) {
                this.conversation = conversation;
            }

            @Override
            protected void hookOnComplete() {
                running.remove(this);
                onHandled(conversation);
            }

            @Override
            protected void hookOnError(Throwable throwable) {
                running.remove(this);
                fail(throwable);
            }
        }
    }

    /** The conversation key of {@link #byBareJid}: the sender's bare JID, or empty for the user's own server. */
    static Optional<Jid> bareJidOf(Message message) {
        return message.from().map(Jid::bare);
    }
}
