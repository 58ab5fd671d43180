package org.xmppreactive.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;

class RosterSnapshotTest {

    static final Jid ROMEO = Jid.parse("romeo@example.net");
    static final Jid NURSE = Jid.parse("nurse@example.com");

    @Test
    void aFullResultBecomesTheRosterWithItsVersion() {
        RosterItem romeo = RosterItem.of(ROMEO).withName("Romeo").withSubscription(Subscription.BOTH);

        RosterSnapshot roster = RosterSnapshot.of(RosterQuery.of(List.of(romeo)).withVer("ver11"));

        assertThat(roster.ver()).contains("ver11");
        assertThat(roster.item(ROMEO)).contains(romeo);
        assertThat(roster.itemList()).containsExactly(romeo);
    }

    @Test
    void anItemThatSaysRemoveInAResultIsLeftOut() {
        // RFC 6121 §2.1.2.5: a client ignores subscription='remove' in a roster result
        RosterSnapshot roster = RosterSnapshot.of(RosterQuery.of(List.of(RosterItem.of(ROMEO),
                RosterItem.remove(NURSE))));

        assertThat(roster.items()).containsOnlyKeys(ROMEO);
    }

    @Test
    void aPushReplacesTheItemInPlaceAndSetsTheVersion() {
        RosterSnapshot roster = RosterSnapshot.of(RosterQuery.of(List.of(RosterItem.of(ROMEO), RosterItem.of(NURSE)))
                .withVer("1"));

        RosterSnapshot after = roster.with(new RosterChange.Updated(RosterItem.of(ROMEO).withName("R"),
                Optional.of("2")));

        assertThat(after.ver()).contains("2");
        assertThat(after.itemList()).extracting(RosterItem::jid).containsExactly(ROMEO, NURSE);
        assertThat(after.item(ROMEO).flatMap(RosterItem::name)).contains("R");
    }

    @Test
    void aPushWithoutVersionKeepsTheVersion() {
        RosterSnapshot roster = new RosterSnapshot(Optional.of("7"), Map.of());

        assertThat(roster.with(new RosterChange.Updated(RosterItem.of(ROMEO), Optional.empty())).ver()).contains("7");
        assertThat(roster.with(new RosterChange.Removed(ROMEO, Optional.empty())).ver()).contains("7");
    }

    @Test
    void removingAnUnknownItemChangesOnlyTheVersion() {
        RosterSnapshot roster = new RosterSnapshot(Optional.of("7"), Map.of(NURSE, RosterItem.of(NURSE)));

        RosterSnapshot after = roster.with(new RosterChange.Removed(ROMEO, Optional.of("8")));

        assertThat(after).isEqualTo(new RosterSnapshot(Optional.of("8"), Map.of(NURSE, RosterItem.of(NURSE))));
    }

    @Test
    void snapshotsWithTheSameItemsInAnotherOrderAreEqual() {
        Map<Jid, RosterItem> one = new LinkedHashMap<>();
        one.put(ROMEO, RosterItem.of(ROMEO));
        one.put(NURSE, RosterItem.of(NURSE));
        Map<Jid, RosterItem> other = new LinkedHashMap<>();
        other.put(NURSE, RosterItem.of(NURSE));
        other.put(ROMEO, RosterItem.of(ROMEO));

        assertThat(new RosterSnapshot(Optional.of("v"), one)).isEqualTo(new RosterSnapshot(Optional.of("v"), other));
    }

    @Test
    void aSnapshotRefusesAMisfiledItemOrARemoval() {
        assertThatThrownBy(() -> new RosterSnapshot(Optional.empty(), Map.of(NURSE, RosterItem.of(ROMEO))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filed under");
        assertThatThrownBy(() -> new RosterSnapshot(Optional.empty(), Map.of(NURSE, RosterItem.remove(NURSE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remove");
    }

    @Test
    void theInMemoryStoreStartsEmptyAndKeepsWhatItIsGiven() {
        InMemoryRosterStore store = new InMemoryRosterStore();
        assertThat(store.load()).isEqualTo(RosterSnapshot.empty());

        RosterSnapshot roster = new RosterSnapshot(Optional.of("v1"), Map.of(ROMEO, RosterItem.of(ROMEO)));
        store.replace(roster);
        assertThat(store.load()).isEqualTo(roster);

        store.apply(new RosterChange.Removed(ROMEO, Optional.of("v2")));
        assertThat(store.load()).isEqualTo(new RosterSnapshot(Optional.of("v2"), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99, 2014, 6121})
    void anyRunOfPushesLeavesTheRosterAModelMapWouldHaveAndBothStoresAgree(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Jid> contacts = List.of(ROMEO, NURSE, Jid.parse("tybalt@example.com"), Jid.parse("benvolio@example.net"));
        Map<Jid, RosterItem> model = new LinkedHashMap<>();
        Optional<String> modelVer = Optional.empty();
        InMemoryRosterStore inMemory = new InMemoryRosterStore();
        RosterStore byDefault = new RosterStore() {
            private RosterSnapshot roster = RosterSnapshot.empty();

            @Override
            public RosterSnapshot load() {
                return roster;
            }

            @Override
            public void replace(RosterSnapshot roster) {
                this.roster = roster;
            }
        };
        for (int i = 0; i < 300; i++) {
            Jid jid = contacts.get(random.nextInt(contacts.size()));
            Optional<String> ver = random.nextBoolean() ? Optional.of(Integer.toHexString(random.nextInt())) :
                    Optional.empty();
            RosterChange change;
            if (random.nextInt(3) == 0) {
                change = new RosterChange.Removed(jid, ver);
                model.remove(jid);
            } else {
                RosterItem item = RosterItem.of(jid).withName("n" + random.nextInt(5))
                        .withSubscription(Subscription.values()[random.nextInt(4)]);
                change = new RosterChange.Updated(item, ver);
                model.put(jid, item);
            }
            if (ver.isPresent()) {
                modelVer = ver;
            }
            inMemory.apply(change);
            byDefault.apply(change);

            RosterSnapshot expected = new RosterSnapshot(modelVer, model);
            assertThat(inMemory.load()).isEqualTo(expected);
            assertThat(byDefault.load()).isEqualTo(expected);
        }
    }
}
