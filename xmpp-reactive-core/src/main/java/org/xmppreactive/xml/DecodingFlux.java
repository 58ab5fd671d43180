package org.xmppreactive.xml;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.reactivestreams.Subscription;
import org.xmppreactive.stream.StreamErrorException;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;

/**
 * The operator behind {@link XmppStreamDecoder#decode}: one decoder per subscription, decoding inside
 * {@code onNext} (the upstream may release the buffer when it returns), emitting under downstream demand, and
 * requesting one more buffer only when every event decoded so far has been delivered and more are wanted.
 */
final class DecodingFlux extends FluxOperator<ByteBuffer, StreamEvent> {

    private final DecoderLimits limits;

    DecodingFlux(Flux<ByteBuffer> source, DecoderLimits limits) {
        super(source);
        this.limits = limits;
    }

    @Override
    public void subscribe(CoreSubscriber<? super StreamEvent> actual) {
        source.subscribe(new DecodingSubscriber(actual, new XmppStreamDecoder(limits)));
    }

    static final class DecodingSubscriber implements CoreSubscriber<ByteBuffer>, Subscription {

        private final CoreSubscriber<? super StreamEvent> actual;
        private final XmppStreamDecoder decoder;
        // Filled by onNext with the events of one buffer at most; drained by whichever thread holds `wip`.
        private final Queue<StreamEvent> events = Queues.<StreamEvent>unboundedMultiproducer().get();
        private volatile long requested;
        private static final AtomicLongFieldUpdater<DecodingSubscriber> REQUESTED =
                AtomicLongFieldUpdater.newUpdater(DecodingSubscriber.class, "requested");
        private final AtomicInteger wip = new AtomicInteger();
        private Subscription upstream;
        private volatile boolean awaitingBuffer;   // a buffer was requested and has not arrived
        private volatile boolean done;
        private Throwable error;
        private volatile boolean cancelled;

        DecodingSubscriber(CoreSubscriber<? super StreamEvent> actual, XmppStreamDecoder decoder) {
            this.actual = actual;
            this.decoder = decoder;
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            if (done) {
                Operators.onNextDropped(buffer, actual.currentContext());
                return;
            }
            try {
                decoder.offer(buffer);
                while (decoder.hasNext()) {
                    events.offer(decoder.next());
                }
            } catch (StreamErrorException e) {
                upstream.cancel();
                error = e;
                done = true;
            }
            awaitingBuffer = false;
            drain();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                Operators.onErrorDropped(t, actual.currentContext());
                return;
            }
            error = t;
            done = true;
            drain();
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            done = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                Operators.addCap(REQUESTED, this, n);
                drain();
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                upstream.cancel();
                if (wip.getAndIncrement() == 0) {
                    events.clear();
                }
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                long demand = requested;
                long emitted = 0;
                while (emitted != demand) {
                    if (cancelled) {
                        events.clear();
                        return;
                    }
                    StreamEvent event = events.poll();
                    if (event == null) {
                        break;
                    }
                    actual.onNext(event);
                    emitted++;
                }
                if (emitted != 0) {
                    Operators.produced(REQUESTED, this, emitted);
                }
                if (cancelled) {
                    events.clear();
                    return;
                }
                if (events.isEmpty()) {
                    if (done) {
                        if (error != null) {
                            actual.onError(error);
                        } else {
                            actual.onComplete();
                        }
                        return;
                    }
                    if (requested > 0 && !awaitingBuffer) {
                        awaitingBuffer = true;
                        upstream.request(1);
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
