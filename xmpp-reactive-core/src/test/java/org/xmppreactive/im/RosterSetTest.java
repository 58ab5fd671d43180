package org.xmppreactive.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.xml.XmppStreamEncoder;

class RosterSetTest {

    static final Jid NURSE = Jid.parse("nurse@example.com");

    static String xml(RosterQuery query) {
        return XmppStreamEncoder.toXml(RosterQuery.codec().encode(query));
    }

    @Test
    void aSetCarriesTheJidNameAndGroupsOnly() {
        // RFC 6121 §2.1.2.1-2: a client MUST NOT send ask or approved; §2.1.2.5: the subscription is the server's
        RosterItem fromTheRoster = RosterItem.of(NURSE).withName("Nurse").withGroups("Servants", "Friends")
                .withSubscription(Subscription.BOTH).withAskSubscribe(true).withApproved(true);

        assertThat(xml(RosterSet.update(fromTheRoster))).isEqualTo("<query xmlns='jabber:iq:roster'>"
                + "<item jid='nurse@example.com' name='Nurse'><group>Servants</group><group>Friends</group></item>"
                + "</query>");
    }

    @Test
    void aSetCarriesExactlyOneItem() {
        assertThat(RosterSet.update(RosterItem.of(NURSE)).items()).hasSize(1);
        assertThat(RosterSet.remove(NURSE).items()).hasSize(1);
    }

    @Test
    void anUpdateThatSaysRemoveIsRefused() {
        assertThatThrownBy(() -> RosterSet.update(RosterItem.remove(NURSE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Roster.remove");
    }

    @Test
    void aRemovalIsTheItemWithSubscriptionRemove() {
        // RFC 6121 §2.5.2
        assertThat(xml(RosterSet.remove(NURSE)))
                .isEqualTo("<query xmlns='jabber:iq:roster'><item jid='nurse@example.com' subscription='remove'/></query>");
    }

    @Test
    void anItemWithDuplicateOrEmptyGroupsCannotBeBuiltSoCannotBeSent() {
        // RFC 6121 §2.3.3: the bad-request and not-acceptable cases never reach the wire
        assertThatThrownBy(() -> RosterItem.of(NURSE).withGroups("Servants", "Servants"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
        assertThatThrownBy(() -> RosterItem.of(NURSE).withGroups(List.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty group");
    }
}
