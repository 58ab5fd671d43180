package org.xmppreactive.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ConversationsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static Message from(String contact, String body) {
        return Message.builder().from(Jid.parse(contact + "@example.com/" + body.hashCode())).body(body).build();
    }

    /** What the handlers did, in virtual time: which messages started and ended when, and how many ran at once. */
    static final class Log {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final List<String> ended = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Long> startedAt = Collections.synchronizedMap(new HashMap<>());
        final Set<String> runningContacts = Collections.synchronizedSet(new HashSet<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        final AtomicBoolean overlapInAContact = new AtomicBoolean();

        Function<Message, Mono<Void>> handler(Function<Message, Duration> duration) {
            return message -> Mono.defer(() -> {
                String body = message.body().orElseThrow();
                String contact = message.from().orElseThrow().bare().toString();
                started.add(body);
                startedAt.put(body, Schedulers.parallel().now(java.util.concurrent.TimeUnit.SECONDS));
                if (!runningContacts.add(contact)) {
                    overlapInAContact.set(true);
                }
                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                return Mono.delay(duration.apply(message)).then(Mono.fromRunnable(() -> {
                    runningContacts.remove(contact);
                    running.decrementAndGet();
                    ended.add(body);
                }));
            });
        }
    }

    @Test
    void messagesOfOneContactAreHandledInOrderOneAtATime() {
        Log log = new Log();
        List<Message> messages = List.of(from("romeo", "r1"), from("romeo", "r2"), from("romeo", "r3"));

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(Flux.fromIterable(messages),
                        log.handler(m -> Duration.ofSeconds(m.body().get().equals("r1") ? 10 : 1)), 8))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(12))
                .expectComplete().verify(WAIT);

        assertThat(log.ended).containsExactly("r1", "r2", "r3");
        assertThat(log.startedAt).containsEntry("r2", 10L).containsEntry("r3", 11L);
        assertThat(log.overlapInAContact).isFalse();
    }

    @Test
    void differentContactsAreHandledAtTheSameTime() {
        Log log = new Log();
        Flux<Message> messages = Flux.just(from("romeo", "r1"), from("nurse", "n1"), from("tybalt", "t1"));

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(messages, log.handler(m -> Duration.ofSeconds(10)),
                        3))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(9))
                .thenAwait(Duration.ofSeconds(1))
                .expectComplete().verify(WAIT);

        assertThat(log.mostRunning).hasValue(3);
    }

    @Test
    void aConversationTooManyWaitsForOneToCloseAndNothingIsDropped() {
        Log log = new Log();
        Flux<Message> messages = Flux.just(from("romeo", "r1"), from("nurse", "n1"), from("tybalt", "t1"),
                from("romeo", "r2"));

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(messages,
                        log.handler(m -> Duration.ofSeconds(m.body().get().equals("r1") ? 20 : 10)), 2))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(40))
                .expectComplete().verify(WAIT);

        assertThat(log.ended).containsExactlyInAnyOrder("r1", "n1", "t1", "r2");
        assertThat(log.startedAt).containsEntry("r1", 0L).containsEntry("n1", 0L)
                .containsEntry("t1", 10L)      // the third contact waited for the nurse's conversation to close
                .containsEntry("r2", 20L);     // and Romeo's second message behind it for Romeo's first
        assertThat(log.mostRunning).hasValue(2);
    }

    @Test
    void theSourceIsAskedForMoreOnlyWhenThereIsRoom() {
        Log log = new Log();
        AtomicLong requested = new AtomicLong();
        Flux<Message> messages = Flux.range(1, 5).map(i -> from("romeo", "r" + i)).doOnRequest(requested::addAndGet);

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(messages, log.handler(m -> Duration.ofSeconds(10)),
                        1))
                .expectSubscription()
                .then(() -> assertThat(requested).hasValue(2))   // one handled, one waiting: the bound
                .thenAwait(Duration.ofSeconds(10))
                .then(() -> assertThat(requested).hasValue(3))
                .thenAwait(Duration.ofSeconds(40))
                .expectComplete().verify(WAIT);

        assertThat(log.ended).containsExactly("r1", "r2", "r3", "r4", "r5");
    }

    @Test
    void contactsWhoGoQuietDoNotHoldTheSlotsOfASourceThatNeverEnds() {
        // groupBy + flatMap(maxConcurrency) hangs here: its groups never complete while the source lives
        Log log = new Log();
        Sinks.Many<Message> inbound = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(inbound.asFlux(),
                        log.handler(m -> Duration.ofSeconds(1)), 2))
                .expectSubscription()
                .then(() -> IntStream.range(0, 6).forEach(i -> inbound.tryEmitNext(from("c" + i, "m" + i))))
                .thenAwait(Duration.ofSeconds(3))
                .then(() -> assertThat(log.ended).hasSize(6))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void messagesWithoutFromFormOneConversation() {
        Log log = new Log();
        Message one = Message.builder().body("s1").build();
        Message two = Message.builder().body("s2").build();
        List<String> order = Collections.synchronizedList(new ArrayList<>());

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(Flux.just(one, two),
                        m -> Mono.delay(Duration.ofSeconds(m == one ? 5 : 1))
                                .then(Mono.fromRunnable(() -> order.add(m.body().get()))), 4))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(6))
                .expectComplete().verify(WAIT);

        assertThat(order).containsExactly("s1", "s2");
    }

    @Test
    void aHandlerErrorFailsTheWholeAndCancelsTheOtherHandlersAndTheSource() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        AtomicBoolean otherCancelled = new AtomicBoolean();
        Flux<Message> messages = Flux.concat(Flux.just(from("romeo", "slow"), from("nurse", "bad")), Flux.never())
                .cast(Message.class).doOnCancel(() -> sourceCancelled.set(true));

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(messages, m -> m.body().get().equals("bad")
                                ? Mono.delay(Duration.ofSeconds(1)).then(Mono.error(new IllegalStateException("bad")))
                                : Mono.delay(Duration.ofSeconds(60)).then().doOnCancel(() -> otherCancelled.set(true)),
                        4))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorMessage("bad")
                .verify(WAIT);

        assertThat(sourceCancelled).isTrue();
        assertThat(otherCancelled).isTrue();
    }

    @Test
    void aSourceErrorEndsItWithThatError() {
        StepVerifier.create(Conversations.byBareJid(Flux.concat(Flux.just(from("romeo", "r1")),
                        Flux.error(new IllegalStateException("connection lost"))), m -> Mono.empty(), 2))
                .expectErrorMessage("connection lost")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void cancellingCancelsTheSourceAndTheRunningHandlers() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        AtomicBoolean handlerStarted = new AtomicBoolean();
        AtomicBoolean handlerCancelled = new AtomicBoolean();
        Flux<Message> messages = Flux.concat(Flux.just(from("romeo", "r1")), Flux.<Message>never())
                .doOnCancel(() -> sourceCancelled.set(true));

        reactor.core.Disposable subscription = Conversations.byBareJid(messages, m -> Mono.<Void>never()
                .doOnSubscribe(s -> handlerStarted.set(true))
                .doOnCancel(() -> handlerCancelled.set(true)), 2).subscribe();
        assertThat(handlerStarted).isTrue();
        subscription.dispose();

        assertThat(sourceCancelled).isTrue();
        assertThat(handlerCancelled).isTrue();
    }

    @Test
    void handlersThatCompleteAtOnceOverALongSourceDoNotExhaustTheStack() {
        AtomicInteger handled = new AtomicInteger();
        Message romeo = from("romeo", "r");
        Message nurse = from("nurse", "n");
        Flux<Message> messages = Flux.range(0, 50_000).map(i -> i % 3 == 0 ? romeo : nurse);

        StepVerifier.create(Conversations.byBareJid(messages, m -> Mono.fromRunnable(handled::incrementAndGet), 2))
                .expectComplete().verify(WAIT);

        assertThat(handled).hasValue(50_000);
    }

    @Test
    void anEmptySourceCompletesAtOnce() {
        StepVerifier.create(Conversations.byBareJid(Flux.empty(), m -> Mono.empty(), 1)).expectComplete().verify(WAIT);
    }

    @Test
    void atLeastOneConversationMustBeAllowed() {
        assertThatThrownBy(() -> Conversations.byBareJid(Flux.empty(), m -> Mono.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void anyKeyCanMakeTheConversations() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());

        StepVerifier.withVirtualTime(() -> Conversations.by(Flux.just("a1", "b1", "a2"), s -> s.charAt(0),
                        s -> Mono.delay(Duration.ofSeconds(s.equals("a1") ? 5 : 1))
                                .then(Mono.fromRunnable(() -> order.add(s))), 2))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(6))
                .expectComplete().verify(WAIT);

        assertThat(order).containsExactly("b1", "a1", "a2");
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 11, 123, 6121, 777_777})
    void anyMixOfContactsAndDurationsKeepsOrderPerContactAndTheBound(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int max = random.nextInt(1, 5);
        List<String> contacts = List.of("romeo", "juliet", "nurse", "tybalt", "mercutio", "benvolio");
        List<Message> messages = new ArrayList<>();
        Map<String, List<String>> sentPerContact = new HashMap<>();
        Map<String, Duration> durations = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            String contact = contacts.get(random.nextInt(contacts.size()));
            String body = contact + "-" + i;
            messages.add(from(contact, body));
            sentPerContact.computeIfAbsent(contact + "@example.com", c -> new ArrayList<>()).add(body);
            durations.put(body, Duration.ofMillis(random.nextInt(0, 5000)));
        }
        Log log = new Log();

        StepVerifier.withVirtualTime(() -> Conversations.byBareJid(Flux.fromIterable(messages),
                        log.handler(m -> durations.get(m.body().get())), max))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectComplete().verify(WAIT);

        Map<String, List<String>> endedPerContact = new HashMap<>();
        for (String body : log.ended) {
            String contact = body.substring(0, body.indexOf('-')) + "@example.com";
            endedPerContact.computeIfAbsent(contact, c -> new ArrayList<>()).add(body);
        }
        assertThat(endedPerContact).isEqualTo(sentPerContact);
        assertThat(log.overlapInAContact).isFalse();
        assertThat(log.mostRunning.get()).isBetween(1, max);
        assertThat(Optional.of(log.running.get())).contains(0);
    }
}
