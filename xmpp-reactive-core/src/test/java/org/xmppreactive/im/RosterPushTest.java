package org.xmppreactive.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.xml.XmlElement;

class RosterPushTest {

    static final Jid ACCOUNT = Jid.parse("juliet@example.com/balcony");
    static final Jid NURSE = Jid.parse("nurse@example.com");

    static Iq push(RosterQuery query) {
        return Iq.set("push-1", RosterQuery.codec().encode(query));
    }

    static XmlElement item(String jid) {
        return XmlElement.builder(RosterQuery.NAMESPACE, "item").attribute("jid", jid).build();
    }

    @Test
    void aPushWithoutFromIsAccepted() {
        // RFC 6121 §2.1.6: Prosody's pushes carry no 'from'
        RosterPush verdict = RosterPush.judge(push(RosterQuery.of(RosterItem.of(NURSE).withName("Nurse"))
                .withVer("ver9")), ACCOUNT);

        assertThat(verdict).isInstanceOf(RosterPush.Accepted.class);
        assertThat(((RosterPush.Accepted) verdict).change())
                .isEqualTo(new RosterChange.Updated(RosterItem.of(NURSE).withName("Nurse"), Optional.of("ver9")));
    }

    @Test
    void aPushFromTheAccountsBareJidIsAccepted() {
        // ejabberd's pushes carry from='juliet@example.com'
        RosterPush verdict = RosterPush.judge(push(RosterQuery.of(RosterItem.of(NURSE))).withFrom(ACCOUNT.bare()),
                ACCOUNT);

        assertThat(verdict).isInstanceOf(RosterPush.Accepted.class);
    }

    @Test
    void aPushFromAnotherUserIsIgnored() {
        // CVE-2014-0364 (Smack), CVE-2015-8688 (Gajim)
        RosterPush verdict = RosterPush.judge(push(RosterQuery.of(RosterItem.remove(NURSE)))
                .withFrom(Jid.parse("eve@evil.example/x")), ACCOUNT);

        assertThat(verdict).isInstanceOf(RosterPush.Ignored.class);
        assertThat(((RosterPush.Ignored) verdict).reason()).contains("eve@evil.example/x");
    }

    @Test
    void aPushFromTheAccountsOwnFullJidOrItsServerIsIgnored() {
        // only the bare JID counts: another resource of the same user, or the domain, is not the roster's owner
        for (String from : List.of("juliet@example.com/balcony", "juliet@example.com/tomb", "example.com")) {
            RosterPush verdict = RosterPush.judge(push(RosterQuery.of(RosterItem.of(NURSE)))
                    .withFrom(Jid.parse(from)), ACCOUNT);
            assertThat(verdict).as(from).isInstanceOf(RosterPush.Ignored.class);
        }
    }

    @Test
    void aPushWithTwoItemsIsABadRequest() {
        RosterPush verdict = RosterPush.judge(push(RosterQuery.of(List.of(RosterItem.of(NURSE),
                RosterItem.of(Jid.parse("romeo@example.net"))))), ACCOUNT);

        assertThat(verdict).isInstanceOf(RosterPush.Rejected.class);
        RosterPush.Rejected rejected = (RosterPush.Rejected) verdict;
        assertThat(rejected.error().condition()).isEqualTo(StanzaErrorCondition.BAD_REQUEST);
        assertThat(rejected.error().text()).hasValueSatisfying(text -> assertThat(text).contains("exactly one"));
    }

    @Test
    void aPushWithoutItemsIsABadRequest() {
        RosterPush verdict = RosterPush.judge(push(RosterQuery.request("ver3")), ACCOUNT);

        assertThat(((RosterPush.Rejected) verdict).error().condition()).isEqualTo(StanzaErrorCondition.BAD_REQUEST);
    }

    @Test
    void anUnreadablePushIsABadRequestThatNamesTheFault() {
        XmlElement query = XmlElement.builder(RosterQuery.NAMESPACE, "query")
                .child(XmlElement.builder(RosterQuery.NAMESPACE, "item").attribute("jid", "nurse@example.com")
                        .child(XmlElement.builder(RosterQuery.NAMESPACE, "group").text("Servants").build())
                        .child(XmlElement.builder(RosterQuery.NAMESPACE, "group").text("Servants").build())
                        .build())
                .build();

        RosterPush verdict = RosterPush.judge(Iq.set("p", query), ACCOUNT);

        RosterPush.Rejected rejected = (RosterPush.Rejected) verdict;
        assertThat(rejected.error().condition()).isEqualTo(StanzaErrorCondition.BAD_REQUEST);
        assertThat(rejected.error().text()).hasValueSatisfying(text -> assertThat(text).contains("Servants"));
    }

    @Test
    void anIgnoredPushIsNotCheckedForItsShape() {
        // a foreign sender learns nothing, not even that its push was malformed
        XmlElement twoItems = XmlElement.builder(RosterQuery.NAMESPACE, "query").child(item("a@example.com"))
                .child(item("b@example.com")).build();

        RosterPush verdict = RosterPush.judge(Iq.set("p", twoItems).withFrom(Jid.parse("eve@evil.example")),
                ACCOUNT);

        assertThat(verdict).isInstanceOf(RosterPush.Ignored.class);
    }

    @Test
    void aRemovalPushBecomesARemovedChangeWithItsVersion() {
        RosterPush verdict = RosterPush.judge(push(RosterQuery.of(RosterItem.remove(NURSE)).withVer("ver12")),
                ACCOUNT);

        assertThat(((RosterPush.Accepted) verdict).change())
                .isEqualTo(new RosterChange.Removed(NURSE, Optional.of("ver12")));
    }

    @Test
    void aRosterGetSentToTheClientIsServiceUnavailable() {
        Iq get = Iq.get("g", RosterQuery.codec().encode(RosterQuery.request()));

        RosterPush verdict = RosterPush.judge(get, ACCOUNT);

        assertThat(((RosterPush.Rejected) verdict).error().condition())
                .isEqualTo(StanzaErrorCondition.SERVICE_UNAVAILABLE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 6121})
    void onlyAPushWithoutFromOrFromTheBareJidIsEverAccepted(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> locals = List.of("juliet", "romeo", "JULIET", "eve", "");
        List<String> domains = List.of("example.com", "EXAMPLE.com", "evil.example", "example.net");
        List<String> resources = List.of("", "balcony", "tomb", "x");
        for (int i = 0; i < 200; i++) {
            String local = locals.get(random.nextInt(locals.size()));
            String resource = resources.get(random.nextInt(resources.size()));
            Jid from = Jid.parse((local.isEmpty() ? "" : local + "@") + domains.get(random.nextInt(domains.size()))
                    + (resource.isEmpty() ? "" : "/" + resource));
            Subscription subscription = Subscription.values()[random.nextInt(Subscription.values().length)];

            RosterPush verdict = RosterPush.judge(push(RosterQuery.of(RosterItem.of(NURSE)
                    .withSubscription(subscription))).withFrom(from), ACCOUNT);

            boolean ours = from.equals(ACCOUNT.bare());   // the JID compares canonical forms: JULIET@EXAMPLE.com too
            assertThat(verdict instanceof RosterPush.Accepted).as("push from %s", from).isEqualTo(ours);
            assertThat(verdict instanceof RosterPush.Ignored).as("push from %s", from).isEqualTo(!ours);
        }
    }
}
