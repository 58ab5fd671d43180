package org.xmppreactive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The inbound outlet: bounded, shared, lossless, and never stuck. */
class InboundOutletTest {

    @Test
    void stanzasWaitForTheFirstSubscriberAndNoneIsLost() {
        InboundOutlet<Integer> outlet = new InboundOutlet<>(4);
        for (int i = 0; i < 4; i++) {
            StepVerifier.create(outlet.offer(i)).verifyComplete();   // room: taken at once
        }
        StepVerifier.create(outlet.offer(4)).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel()
                .verify();
        // a cancelled wait leaves the stanza held; the next subscriber gets everything in order
        StepVerifier.create(outlet.flux().take(5)).expectNext(0, 1, 2, 3, 4).verifyComplete();
    }

    @Test
    void theSlowestSubscriberSetsThePace() {
        InboundOutlet<Integer> outlet = new InboundOutlet<>(8);
        List<Integer> fast = new CopyOnWriteArrayList<>();
        outlet.flux().subscribe(fast::add);
        BaseSubscriber<Integer> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }
        };
        outlet.flux().subscribe(slow);

        IntStream.range(0, 3).forEach(i -> outlet.offer(i).subscribe());

        assertThat(fast).containsExactly(0);
        slow.request(2);
        assertThat(fast).containsExactly(0, 1, 2);
    }

    @Test
    void aLateSubscriberOfACompletedOutletGetsWhatIsQueuedThenCompletion() {
        InboundOutlet<Integer> outlet = new InboundOutlet<>(4);
        outlet.offer(7).subscribe();
        outlet.complete();

        StepVerifier.create(outlet.flux()).expectNext(7).verifyComplete();
    }

    // Regression: a waiting offer whose room was made before it registered stayed held for ever.
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 2})
    void aConcurrentConsumerNeverStallsTheProducer(int capacity) {
        for (int round = 0; round < 300; round++) {
            InboundOutlet<Integer> outlet = new InboundOutlet<>(capacity);
            int count = 200;
            StepVerifier consumer = StepVerifier.create(outlet.flux().publishOn(Schedulers.parallel(), 1).take(count))
                    .expectNextSequence(IntStream.range(0, count).boxed().toList())
                    .expectComplete()
                    .verifyLater();
            Flux.range(0, count).concatMap(outlet::offer).subscribeOn(Schedulers.boundedElastic()).subscribe();
            consumer.verify(Duration.ofSeconds(10));
        }
    }
}
