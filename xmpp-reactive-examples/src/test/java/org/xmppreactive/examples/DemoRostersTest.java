package org.xmppreactive.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.examples.SubscriptionStep.Deliver;
import org.xmppreactive.examples.SubscriptionStep.Push;
import org.xmppreactive.examples.SubscriptionStep.Recipients;
import org.xmppreactive.examples.SubscriptionStep.SharePresence;
import org.xmppreactive.examples.SubscriptionStep.WithdrawPresence;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.PresenceType;

/** The demo server's rosters and the subscription state machine of RFC 6121 §3 and Appendix A. */
class DemoRostersTest {

    private static final Jid ALICE = Jid.parse("alice@example.com");
    private static final Jid BOB = Jid.parse("bob@example.com");
    private static final Jid CAROL = Jid.parse("carol@example.com");

    private final DemoRosters rosters = new DemoRosters();

    private static Presence stanza(PresenceType type, Jid from, Jid to) {
        return Presence.builder().type(type).from(from).to(to).build();
    }

    private RosterItem item(Jid user, Jid contact) {
        return rosters.item(user, contact).orElseThrow();
    }

    // ---- roster get and set (§2)

    @Test
    void aRosterStartsEmpty() {
        assertThat(rosters.roster(ALICE)).isEmpty();
        assertThat(rosters.item(ALICE, BOB)).isEmpty();
    }

    @Test
    void aRosterSetAddsTheItemWithItsNameAndGroupsAndSubscriptionNone() {
        RosterItem stored = rosters.set(ALICE, RosterItem.of(BOB).withName("Bob").withGroups("Friends"));

        assertThat(stored).isEqualTo(RosterItem.of(BOB).withName("Bob").withGroups("Friends"));
        assertThat(rosters.roster(ALICE)).containsExactly(stored);
        assertThat(rosters.roster(BOB)).as("the contact's roster is not touched").isEmpty();
    }

    @Test
    void aRosterSetIgnoresTheClientsSubscriptionAskAndApproved() {
        RosterItem stored = rosters.set(ALICE, RosterItem.of(BOB).withSubscription(Subscription.BOTH)
                .withAskSubscribe(true).withApproved(true));

        assertThat(stored).isEqualTo(RosterItem.of(BOB));
        assertThat(rosters.subscriptions(ALICE)).isEmpty();
    }

    @Test
    void aRosterSetUpdatesNameAndGroupsAndKeepsTheSubscription() {
        rosters.subscribeMutually(ALICE, BOB);

        RosterItem stored = rosters.set(ALICE, RosterItem.of(BOB).withName("Bobby").withGroups("Work", "Chess"));

        assertThat(stored).isEqualTo(RosterItem.of(BOB).withName("Bobby").withGroups("Work", "Chess")
                .withSubscription(Subscription.BOTH));
        assertThat(rosters.set(ALICE, RosterItem.of(BOB)).name()).as("a set without a name clears it").isEmpty();
    }

    @Test
    void aRosterSetThatRemovesIsRefused() {
        assertThatThrownBy(() -> rosters.set(ALICE, RosterItem.remove(BOB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§2.5");
    }

    @Test
    void removingAnItemThatIsNotThereDoesNothing() {
        assertThat(rosters.remove(ALICE, BOB)).isEmpty();
    }

    @Test
    void removingAnItemWithoutSubscriptionsOnlyPushesTheRemoval() {
        rosters.set(ALICE, RosterItem.of(BOB).withName("Bob"));

        assertThat(rosters.remove(ALICE, BOB)).containsExactly(new Push(ALICE, RosterItem.remove(BOB)));
        assertThat(rosters.roster(ALICE)).isEmpty();
    }

    // ---- subscription requests (§3.1)

    @Test
    void subscribeAddsPendingOutForTheUserAndDeliversTheRequestToTheContactsAvailableResources() {
        Presence request = stanza(PresenceType.SUBSCRIBE, ALICE, BOB);

        List<SubscriptionStep> steps = rosters.subscription(request);

        RosterItem asking = RosterItem.of(BOB).withAskSubscribe(true);
        assertThat(steps).containsExactly(new Push(ALICE, asking), new Deliver(request, Recipients.AVAILABLE));
        assertThat(item(ALICE, BOB)).isEqualTo(asking);
        assertThat(rosters.roster(BOB)).as("§3.1.3: no item for the user until the contact approves").isEmpty();
        assertThat(rosters.pendingRequests(BOB)).containsExactly(request);
    }

    @Test
    void subscribeKeepsTheItemsNameAndGroups() {
        rosters.set(ALICE, RosterItem.of(BOB).withName("Bob").withGroups("Friends"));

        rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB));

        assertThat(item(ALICE, BOB)).isEqualTo(RosterItem.of(BOB).withName("Bob").withGroups("Friends")
                .withAskSubscribe(true));
    }

    @Test
    void aSecondSubscribeWhilePendingChangesNothing() {
        rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB));

        assertThat(rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB))).isEmpty();
        assertThat(rosters.pendingRequests(BOB)).hasSize(1);
    }

    @Test
    void subscribeToAContactAlreadySeenChangesNothing() {
        rosters.subscribeMutually(ALICE, BOB);

        assertThat(rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB))).isEmpty();
        assertThat(rosters.pendingRequests(BOB)).isEmpty();
    }

    @Test
    void approvingUpdatesBothSidesAndDeliversTheApprovalBeforeTheUsersPush() {
        rosters.set(ALICE, RosterItem.of(BOB).withName("Bob"));
        rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB));
        Presence approval = stanza(PresenceType.SUBSCRIBED, BOB, ALICE);

        List<SubscriptionStep> steps = rosters.subscription(approval);

        RosterItem bobsItem = RosterItem.of(ALICE).withSubscription(Subscription.FROM);
        RosterItem alicesItem = RosterItem.of(BOB).withName("Bob").withSubscription(Subscription.TO);
        assertThat(steps).containsExactly(new Push(BOB, bobsItem), new Deliver(approval, Recipients.INTERESTED),
                new Push(ALICE, alicesItem), new SharePresence(BOB, ALICE));
        assertThat(rosters.roster(BOB)).containsExactly(bobsItem);
        assertThat(item(ALICE, BOB)).isEqualTo(alicesItem);
        assertThat(rosters.pendingRequests(BOB)).isEmpty();
    }

    @Test
    void approvingWithoutARequestChangesNothingAsPreApprovalIsNotOffered() {
        assertThat(rosters.subscription(stanza(PresenceType.SUBSCRIBED, BOB, ALICE))).isEmpty();
        assertThat(rosters.roster(BOB)).isEmpty();
        assertThat(rosters.roster(ALICE)).isEmpty();
    }

    @Test
    void subscribingBothWaysEndsBothOnBothSides() {
        rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB));
        rosters.subscription(stanza(PresenceType.SUBSCRIBED, BOB, ALICE));
        Presence back = stanza(PresenceType.SUBSCRIBE, BOB, ALICE);
        assertThat(rosters.subscription(back)).containsExactly(
                new Push(BOB, RosterItem.of(ALICE).withSubscription(Subscription.FROM).withAskSubscribe(true)),
                new Deliver(back, Recipients.AVAILABLE));

        rosters.subscription(stanza(PresenceType.SUBSCRIBED, ALICE, BOB));

        assertThat(item(ALICE, BOB).subscription()).isEqualTo(Subscription.BOTH);
        assertThat(item(BOB, ALICE).subscription()).isEqualTo(Subscription.BOTH);
        assertThat(item(ALICE, BOB).askSubscribe()).isFalse();
        assertThat(item(BOB, ALICE).askSubscribe()).isFalse();
        assertThat(rosters.subscribers(ALICE)).containsExactly(BOB);
        assertThat(rosters.subscriptions(ALICE)).containsExactly(BOB);
    }

    @Test
    void denyingARequestClearsPendingOutWithoutWithdrawingPresence() {
        rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB));
        Presence denial = stanza(PresenceType.UNSUBSCRIBED, BOB, ALICE);

        List<SubscriptionStep> steps = rosters.subscription(denial);

        assertThat(steps).containsExactly(new Deliver(denial, Recipients.INTERESTED), new Push(ALICE, RosterItem.of(BOB)));
        assertThat(rosters.pendingRequests(BOB)).isEmpty();
        assertThat(rosters.roster(BOB)).isEmpty();
    }

    @Test
    void anUnsubscribedWithNothingToCancelChangesNothing() {
        rosters.set(ALICE, RosterItem.of(BOB));

        assertThat(rosters.subscription(stanza(PresenceType.UNSUBSCRIBED, BOB, ALICE))).isEmpty();
    }

    // ---- cancelling and unsubscribing (§3.2, §3.3)

    @Test
    void cancellingASubscriptionUpdatesBothSidesAndWithdrawsThePresence() {
        rosters.subscribeMutually(ALICE, BOB);
        Presence cancellation = stanza(PresenceType.UNSUBSCRIBED, BOB, ALICE);

        List<SubscriptionStep> steps = rosters.subscription(cancellation);

        assertThat(steps).containsExactly(
                new Push(BOB, RosterItem.of(ALICE).withSubscription(Subscription.TO)),
                new Deliver(cancellation, Recipients.INTERESTED),
                new Push(ALICE, RosterItem.of(BOB).withSubscription(Subscription.FROM)),
                new WithdrawPresence(BOB, ALICE));
        assertThat(rosters.subscribers(BOB)).isEmpty();
        assertThat(rosters.subscriptions(ALICE)).isEmpty();
    }

    @Test
    void unsubscribingUpdatesBothSidesAndWithdrawsTheContactsPresence() {
        rosters.subscribeMutually(ALICE, BOB);
        Presence unsubscribe = stanza(PresenceType.UNSUBSCRIBE, ALICE, BOB);

        List<SubscriptionStep> steps = rosters.subscription(unsubscribe);

        assertThat(steps).containsExactly(
                new Push(ALICE, RosterItem.of(BOB).withSubscription(Subscription.FROM)),
                new Deliver(unsubscribe, Recipients.INTERESTED),
                new Push(BOB, RosterItem.of(ALICE).withSubscription(Subscription.TO)),
                new WithdrawPresence(BOB, ALICE));
    }

    @Test
    void unsubscribingWhilePendingWithdrawsTheRequest() {
        rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, BOB));

        List<SubscriptionStep> steps = rosters.subscription(stanza(PresenceType.UNSUBSCRIBE, ALICE, BOB));

        assertThat(steps).containsExactly(new Push(ALICE, RosterItem.of(BOB)));
        assertThat(rosters.pendingRequests(BOB)).isEmpty();
    }

    @Test
    void removingAContactSeenBothWaysCancelsBothSubscriptionsThenPushesTheRemoval() {
        rosters.subscribeMutually(ALICE, BOB);

        List<SubscriptionStep> steps = rosters.remove(ALICE, BOB);

        assertThat(steps).containsExactly(
                new Deliver(stanza(PresenceType.UNSUBSCRIBE, ALICE, BOB), Recipients.INTERESTED),
                new Push(BOB, RosterItem.of(ALICE).withSubscription(Subscription.TO)),
                new WithdrawPresence(BOB, ALICE),
                new Deliver(stanza(PresenceType.UNSUBSCRIBED, ALICE, BOB), Recipients.INTERESTED),
                new Push(BOB, RosterItem.of(ALICE)),
                new WithdrawPresence(ALICE, BOB),
                new Push(ALICE, RosterItem.remove(BOB)));
        assertThat(rosters.roster(ALICE)).isEmpty();
        assertThat(rosters.roster(BOB)).containsExactly(RosterItem.of(ALICE));
    }

    @Test
    void removingAContactWhoseRequestIsPendingDeniesIt() {
        rosters.subscription(stanza(PresenceType.SUBSCRIBE, BOB, ALICE));
        rosters.set(ALICE, RosterItem.of(BOB));

        List<SubscriptionStep> steps = rosters.remove(ALICE, BOB);

        assertThat(steps).containsExactly(
                new Deliver(stanza(PresenceType.UNSUBSCRIBED, ALICE, BOB), Recipients.INTERESTED),
                new Push(BOB, RosterItem.of(ALICE)),
                new Push(ALICE, RosterItem.remove(BOB)));
        assertThat(rosters.pendingRequests(ALICE)).isEmpty();
    }

    // ---- addressing

    @Test
    void aSubscriptionStanzaToOneselfChangesNothing() {
        assertThat(rosters.subscription(stanza(PresenceType.SUBSCRIBE, ALICE, ALICE))).isEmpty();
        assertThat(rosters.roster(ALICE)).isEmpty();
    }

    @Test
    void aSubscriptionStanzaIsStampedWithBareJidsBeforeItGetsHere() {
        assertThatThrownBy(() -> rosters.subscription(stanza(PresenceType.SUBSCRIBE,
                Jid.parse("alice@example.com/laptop"), BOB))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rosters.subscription(Presence.builder().type(PresenceType.SUBSCRIBE).from(ALICE)
                .build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rosters.subscription(stanza(PresenceType.AVAILABLE, ALICE, BOB)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the two sides always agree, whatever happens

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 6121, 20_110_331})
    void bothSidesAgreeAfterAnySequenceOfStanzasAndRosterChanges(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Jid> users = List.of(ALICE, BOB, CAROL);
        List<PresenceType> types = List.of(PresenceType.SUBSCRIBE, PresenceType.SUBSCRIBED,
                PresenceType.UNSUBSCRIBE, PresenceType.UNSUBSCRIBED);
        for (int i = 0; i < 500; i++) {
            Jid user = users.get(random.nextInt(users.size()));
            Jid contact = users.get(random.nextInt(users.size()));
            int action = random.nextInt(10);
            if (action == 0) {
                rosters.set(user, RosterItem.of(contact).withName("n" + i));
            } else if (action == 1) {
                rosters.remove(user, contact);
            } else {
                rosters.subscription(stanza(types.get(random.nextInt(types.size())), user, contact));
            }
            assertSidesAgree(users, "seed " + seed + ", step " + i);
        }
    }

    private void assertSidesAgree(List<Jid> users, String when) {
        for (Jid user : users) {
            for (Jid contact : users) {
                if (user.equals(contact)) {
                    continue;
                }
                RosterItem mine = rosters.item(user, contact).orElse(RosterItem.of(contact));
                RosterItem theirs = rosters.item(contact, user).orElse(RosterItem.of(user));
                boolean userSees = mine.subscription() == Subscription.TO || mine.subscription() == Subscription.BOTH;
                boolean contactLetsSee = theirs.subscription() == Subscription.FROM
                        || theirs.subscription() == Subscription.BOTH;
                boolean pendingIn = rosters.pendingRequests(contact).stream()
                        .anyMatch(request -> request.from().orElseThrow().equals(user));
                assertThat(userSees).as(when + ": %s sees %s on both sides", user, contact).isEqualTo(contactLetsSee);
                assertThat(mine.askSubscribe()).as(when + ": %s asks %s on both sides", user, contact)
                        .isEqualTo(pendingIn);
                assertThat(mine.askSubscribe() && userSees).as(when + ": 'to' never asks (Appendix A)").isFalse();
            }
        }
    }
}
