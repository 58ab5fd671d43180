package org.xmppreactive.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;
import org.xmppreactive.stanza.Show;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class PresenceTrackerTest {

    static final Jid ROMEO = Jid.parse("romeo@example.net");
    static final Jid ORCHARD = Jid.parse("romeo@example.net/orchard");
    static final Jid PHONE = Jid.parse("romeo@example.net/phone");
    static final Jid NURSE = Jid.parse("nurse@example.com/kitchen");

    final Sinks.Many<Presence> inbound = Sinks.many().unicast().onBackpressureBuffer();
    final PresenceTracker tracker = PresenceTracker.follow(inbound.asFlux());

    static Presence available(Jid from) {
        return Presence.builder().from(from).build();
    }

    static Presence of(Jid from, PresenceType type) {
        return Presence.builder().from(from).type(type).build();
    }

    void receive(Presence presence) {
        inbound.emitNext(presence, Sinks.EmitFailureHandler.FAIL_FAST);
    }

    @Test
    void anAvailableResourceIsTrackedUnderItsBareJid() {
        receive(Presence.builder().from(ORCHARD).show(Show.AWAY).status("In the orchard").build());

        ContactPresence romeo = tracker.contact(ROMEO).orElseThrow();
        assertThat(romeo.isAvailable()).isTrue();
        assertThat(romeo.resources()).containsOnlyKeys(ORCHARD);
        assertThat(romeo.resources().get(ORCHARD).status()).contains("In the orchard");
        assertThat(tracker.contact(ORCHARD)).contains(romeo);   // any JID of the contact finds it
        assertThat(tracker.snapshot()).containsOnlyKeys(ROMEO);
    }

    @Test
    void theLatestPresenceOfAResourceReplacesItsPrevious() {
        receive(Presence.builder().from(ORCHARD).show(Show.AWAY).build());
        receive(Presence.builder().from(ORCHARD).show(Show.DND).build());

        assertThat(tracker.contact(ROMEO).orElseThrow().resources().get(ORCHARD).show()).contains(Show.DND);
    }

    @Test
    void unavailableFromAFullJidRemovesOnlyThatResource() {
        receive(available(ORCHARD));
        receive(available(PHONE));
        receive(of(ORCHARD, PresenceType.UNAVAILABLE));

        assertThat(tracker.contact(ROMEO).orElseThrow().resources()).containsOnlyKeys(PHONE);
    }

    @Test
    void unavailableFromTheLastResourceMakesTheContactUnavailable() {
        receive(available(ORCHARD));
        receive(of(ORCHARD, PresenceType.UNAVAILABLE));

        assertThat(tracker.contact(ROMEO)).isEmpty();
        assertThat(tracker.snapshot()).isEmpty();
    }

    @Test
    void unavailableFromTheBareJidRemovesEveryResource() {
        receive(available(ORCHARD));
        receive(available(PHONE));
        receive(of(ROMEO, PresenceType.UNAVAILABLE));

        assertThat(tracker.contact(ROMEO)).isEmpty();
    }

    @Test
    void anErrorCountsAsUnavailableAndIsReportedAsAnError() {
        receive(available(ORCHARD));
        receive(available(NURSE));
        StepVerifier.create(tracker.changes().take(1))
                .then(() -> receive(Presence.builder().from(ROMEO)
                        .error(StanzaError.of(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND)).build()))
                .assertNext(change -> {
                    assertThat(change.isError()).isTrue();
                    assertThat(change.contact().isAvailable()).isFalse();
                })
                .verifyComplete();

        assertThat(tracker.snapshot()).containsOnlyKeys(NURSE.bare());
    }

    @Test
    void subscriptionStanzasProbesAndPresenceWithoutFromAreNotAvailability() {
        receive(available(ORCHARD));
        for (PresenceType type : List.of(PresenceType.SUBSCRIBE, PresenceType.SUBSCRIBED, PresenceType.UNSUBSCRIBE,
                PresenceType.UNSUBSCRIBED, PresenceType.PROBE)) {
            receive(of(ORCHARD, type));
        }
        receive(Presence.builder().type(PresenceType.UNAVAILABLE).build());

        assertThat(tracker.contact(ROMEO).orElseThrow().resources()).containsOnlyKeys(ORCHARD);
    }

    @Test
    void eachChangeCarriesThePresenceAndTheContactAfterIt() {
        StepVerifier.create(tracker.changes().take(2))
                .then(() -> {
                    receive(available(ORCHARD));
                    receive(of(ORCHARD, PresenceType.SUBSCRIBE));   // no change
                    receive(of(ORCHARD, PresenceType.UNAVAILABLE));
                })
                .assertNext(change -> {
                    assertThat(change.from()).isEqualTo(ORCHARD);
                    assertThat(change.contact().resources()).containsOnlyKeys(ORCHARD);
                })
                .assertNext(change -> {
                    assertThat(change.presence().type()).isEqualTo(PresenceType.UNAVAILABLE);
                    assertThat(change.contact().isAvailable()).isFalse();
                })
                .verifyComplete();
    }

    @Test
    void thePreferredResourceHasTheHighestPriorityAndAmongEqualsTheLatest() {
        receive(Presence.builder().from(ORCHARD).priority(5).show(Show.AWAY).build());
        receive(Presence.builder().from(PHONE).priority(1).build());
        assertThat(tracker.contact(ROMEO).orElseThrow().preferred().flatMap(Presence::from)).contains(ORCHARD);

        receive(Presence.builder().from(PHONE).priority(5).build());
        assertThat(tracker.contact(ROMEO).orElseThrow().preferred().flatMap(Presence::from)).contains(PHONE);
    }

    @Test
    void whenThePresencesEndEveryoneIsForgottenAndTheChangesComplete() {
        receive(available(ORCHARD));
        StepVerifier.create(tracker.changes())
                .then(() -> inbound.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST))
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(tracker.snapshot()).isEmpty();
        StepVerifier.create(tracker.changes()).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void afterStopTheTrackerKeepsWhatItKnewButFollowsNoMore() {
        receive(available(ORCHARD));

        tracker.stop();

        assertThat(inbound.currentSubscriberCount()).isZero();
        assertThat(tracker.contact(ROMEO)).isPresent();
        StepVerifier.create(tracker.changes()).expectComplete().verify(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 404, 6121, 90210})
    void anyRunOfPresencesLeavesExactlyTheResourcesLastSeenAvailable(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Jid> jids = List.of(ROMEO, ORCHARD, PHONE, NURSE, NURSE.bare());
        List<PresenceType> types = List.of(PresenceType.AVAILABLE, PresenceType.AVAILABLE, PresenceType.UNAVAILABLE,
                PresenceType.SUBSCRIBE, PresenceType.ERROR);
        Map<Jid, Set<Jid>> model = new HashMap<>();
        List<PresenceChange> seen = new ArrayList<>();
        tracker.changes().subscribe(seen::add);
        int tracked = 0;
        for (int i = 0; i < 400; i++) {
            Jid from = jids.get(random.nextInt(jids.size()));
            PresenceType type = types.get(random.nextInt(types.size()));
            Presence.Builder presence = Presence.builder().from(from).priority(random.nextInt(-128, 128));
            if (type == PresenceType.ERROR) {
                presence.error(StanzaError.of(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND));
            } else {
                presence.type(type);
            }
            receive(presence.build());

            Set<Jid> resources = model.computeIfAbsent(from.bare(), b -> new HashSet<>());
            if (type == PresenceType.AVAILABLE) {
                resources.add(from);
                tracked++;
            } else if (type != PresenceType.SUBSCRIBE) {
                if (from.isBare()) {
                    resources.clear();
                } else {
                    resources.remove(from);
                }
                tracked++;
            }
            model.values().removeIf(Set::isEmpty);

            Map<Jid, Set<Jid>> actual = new HashMap<>();
            tracker.snapshot().forEach((contact, presence2) -> actual.put(contact, presence2.resources().keySet()));
            assertThat(actual).isEqualTo(model);
        }
        assertThat(seen).hasSize(tracked);
    }
}
