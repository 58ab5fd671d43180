package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 2782 ordering of SRV answers, XEP-0368 mixing of direct TLS and STARTTLS, and RFC 6120's fallback. */
class SrvOrderingTest {

    private static final List<SrvRecord> NONE = List.of();
    private static final SrvRecord DOT = new SrvRecord(0, 0, 0, ".");

    @Test
    void lowerPriorityIsTriedFirstWhateverTheWeight() {
        List<ConnectTarget> targets = SrvOrdering.targets("example.com", NONE, List.of(
                new SrvRecord(20, 1000, 5222, "c.example.com."),
                new SrvRecord(5, 0, 5222, "a.example.com."),
                new SrvRecord(10, 1, 5222, "b.example.com.")), false, new SplittableRandom(1));

        assertThat(targets).extracting(ConnectTarget::host)
                .containsExactly("a.example.com", "b.example.com", "c.example.com");
    }

    @Test
    void weightsSetTheChanceOfBeingTriedFirst() {
        List<SrvRecord> records = List.of(new SrvRecord(0, 10, 5222, "ten."), new SrvRecord(0, 30, 5222, "thirty."),
                new SrvRecord(0, 60, 5222, "sixty."));
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> first = new HashMap<>();
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            first.merge(SrvOrdering.targets("example.com", NONE, records, false, random).get(0).host(), 1,
                    Integer::sum);
        }
        // RFC 2782 draws from 0..sum inclusive, so a weight w wins (w + [first]) / (sum + 1) of the time
        assertThat(first.get("ten") / (double) rounds).isCloseTo(11 / 101.0, within(0.015));
        assertThat(first.get("thirty") / (double) rounds).isCloseTo(30 / 101.0, within(0.015));
        assertThat(first.get("sixty") / (double) rounds).isCloseTo(60 / 101.0, within(0.015));
    }

    @Test
    void weightZeroAmongWeightedRecordsIsRarelyFirst() {
        List<SrvRecord> records = List.of(new SrvRecord(0, 100, 5222, "heavy."), new SrvRecord(0, 0, 5222, "zero."));
        SplittableRandom random = new SplittableRandom(7);
        int zeroFirst = 0;
        for (int i = 0; i < 10_000; i++) {
            if (SrvOrdering.targets("example.com", NONE, records, false, random).get(0).host().equals("zero")) {
                zeroFirst++;
            }
        }
        assertThat(zeroFirst / 10_000.0).isCloseTo(1 / 101.0, within(0.005));
    }

    @Test
    void allZeroWeightsKeepTheOrderOfTheAnswer() {
        List<SrvRecord> records = List.of(new SrvRecord(1, 0, 5222, "first."), new SrvRecord(1, 0, 5222, "second."),
                new SrvRecord(1, 0, 5222, "third."));

        assertThat(SrvOrdering.targets("example.com", NONE, records, false, new SplittableRandom(3)))
                .extracting(ConnectTarget::host).containsExactly("first", "second", "third");
    }

    @Test
    void sameSeedGivesTheSameOrder() {
        List<SrvRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new SrvRecord(i % 3, 10 + i, 5222, "host" + i + "."));
        }
        assertThat(SrvOrdering.targets("example.com", NONE, records, false, new SplittableRandom(99)))
                .isEqualTo(SrvOrdering.targets("example.com", NONE, records, false, new SplittableRandom(99)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void everyRecordIsTriedOnceInPriorityOrder(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SrvRecord> records = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(12); i++) {
            records.add(new SrvRecord(random.nextInt(4), random.nextInt(5) == 0 ? 0 : random.nextInt(100),
                    5222 + i, "host" + i + "."));
        }
        Collections.shuffle(records, new java.util.Random(seed));

        List<ConnectTarget> targets = SrvOrdering.targets("example.com", NONE, records, false, random);

        assertThat(targets).extracting(ConnectTarget::port)
                .containsExactlyInAnyOrderElementsOf(records.stream().map(SrvRecord::port).toList());
        List<Integer> priorities = targets.stream()
                .map(target -> records.stream().filter(r -> r.port() == target.port()).findFirst().orElseThrow())
                .map(SrvRecord::priority).toList();
        assertThat(priorities).isSorted();
    }

    @Test
    void directTlsAndStartTlsTargetsAreInterleavedByPriority() {
        List<ConnectTarget> targets = SrvOrdering.targets("example.com",
                List.of(new SrvRecord(5, 0, 5223, "tls1.example.com."), new SrvRecord(20, 0, 443, "tls2.example.com.")),
                List.of(new SrvRecord(10, 0, 5222, "plain.example.com.")), false, new SplittableRandom(0));

        assertThat(targets).containsExactly(new ConnectTarget("tls1.example.com", 5223, true),
                new ConnectTarget("plain.example.com", 5222, false), new ConnectTarget("tls2.example.com", 443, true));
    }

    @Test
    void directTlsAndStartTlsRecordsOfOnePriorityShareTheWeights() {
        List<SrvRecord> xmpps = List.of(new SrvRecord(0, 50, 5223, "tls."));
        List<SrvRecord> xmpp = List.of(new SrvRecord(0, 50, 5222, "plain."));
        SplittableRandom random = new SplittableRandom(5);
        int directFirst = 0;
        for (int i = 0; i < 10_000; i++) {
            if (SrvOrdering.targets("example.com", xmpps, xmpp, false, random).get(0).directTls()) {
                directFirst++;
            }
        }
        assertThat(directFirst / 10_000.0).isCloseTo(0.5, within(0.03));
    }

    @Test
    void withoutAnyRecordTheDomainIsTriedOnPort5222() {
        assertThat(SrvOrdering.targets("example.com", NONE, NONE, false, new SplittableRandom(0)))
                .containsExactly(new ConnectTarget("example.com", 5222, false));
    }

    @Test
    void directTlsOnlyFallsBackToPort5223AndIgnoresStartTlsRecords() {
        assertThat(SrvOrdering.targets("example.com", NONE, List.of(new SrvRecord(0, 0, 5222, "plain.")), true,
                new SplittableRandom(0))).containsExactly(new ConnectTarget("example.com", 5223, true));
    }

    @Test
    void dotTargetMeansTheServiceIsNotAvailable() {
        assertThat(SrvOrdering.targets("example.com", NONE, List.of(DOT), false, new SplittableRandom(0))).isEmpty();
        assertThat(SrvOrdering.targets("example.com", List.of(DOT), NONE, true, new SplittableRandom(0))).isEmpty();
        assertThat(SrvOrdering.targets("example.com", List.of(DOT), List.of(DOT), false, new SplittableRandom(0)))
                .isEmpty();
    }

    @Test
    void dotForDirectTlsOnlyLeavesStartTls() {
        assertThat(SrvOrdering.targets("example.com", List.of(DOT), List.of(new SrvRecord(0, 0, 5222, "plain.")), false,
                new SplittableRandom(0))).containsExactly(new ConnectTarget("plain", 5222, false));
        // no STARTTLS record at all: RFC 6120's fallback still applies
        assertThat(SrvOrdering.targets("example.com", List.of(DOT), NONE, false, new SplittableRandom(0)))
                .containsExactly(new ConnectTarget("example.com", 5222, false));
    }

    @Test
    void dotForStartTlsLeavesDirectTls() {
        assertThat(SrvOrdering.targets("example.com", List.of(new SrvRecord(0, 0, 5223, "tls.")), List.of(DOT), false,
                new SplittableRandom(0))).containsExactly(new ConnectTarget("tls", 5223, true));
    }

    @Test
    void absoluteTargetLosesItsTrailingDot() {
        assertThat(new SrvRecord(0, 0, 5222, "xmpp.example.com.").host()).isEqualTo("xmpp.example.com");
        assertThat(new SrvRecord(0, 0, 5222, "xmpp.example.com").host()).isEqualTo("xmpp.example.com");
    }
}
