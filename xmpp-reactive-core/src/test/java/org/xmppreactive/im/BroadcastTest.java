package org.xmppreactive.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The changes() fan-out: every subscriber gets every value, a slow one up to its bound, past it a typed error. */
class BroadcastTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aSlowSubscriberWithinItsBoundMissesNothing() {
        Broadcast<Integer> broadcast = new Broadcast<>();

        StepVerifier.create(broadcast.flux(3), 0)
                .then(() -> IntStream.rangeClosed(1, 3).forEach(broadcast::emit))
                .thenRequest(2)
                .expectNext(1, 2)
                .then(() -> broadcast.emit(4))
                .thenRequest(5)
                .expectNext(3, 4)
                .then(broadcast::complete)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void oneChangeMoreThanTheBoundEndsOnlyThatSubscriberWithChangesOverflow() {
        Broadcast<Integer> broadcast = new Broadcast<>();
        var fast = broadcast.flux(3).collectList().cache();
        fast.subscribe();

        StepVerifier.create(broadcast.flux(3), 0)
                .then(() -> IntStream.rangeClosed(1, 4).forEach(broadcast::emit))
                .thenRequest(10)
                .expectNext(1, 2, 3)   // what was buffered within the bound is still delivered, then the error
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChangesOverflowException.class)
                        .hasMessageContaining("more than 3 changes behind; subscribe again, then take snapshot()")
                        .satisfies(overflow -> assertThat(((ChangesOverflowException) overflow).maxBehind()).isEqualTo(3)))
                .verify(WAIT);
        broadcast.emit(5);
        broadcast.complete();
        assertThat(fast.block(WAIT)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aSubscriberAfterCompletionCompletesAtOnceAndTheBoundMustBePositive() {
        Broadcast<Integer> broadcast = new Broadcast<>();
        broadcast.complete();

        StepVerifier.create(broadcast.flux(1)).expectComplete().verify(WAIT);
        assertThatThrownBy(() -> broadcast.flux(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
