package org.xmppreactive.payload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class RosterQueryTest {

    static final String NS = "jabber:iq:roster";
    final PayloadCodec<RosterQuery> codec = RosterQuery.codec();

    static Jid jid(String jid) {
        return Jid.parse(jid);
    }

    @Test
    void theRosterGetIsAnEmptyQuery() {
        // RFC 6121 §2.1.3
        assertThat(XmppStreamEncoder.toXml(codec.encode(RosterQuery.request()))).isEqualTo("<query xmlns='jabber:iq:roster'/>");
        RosterQuery get = codec.decode(parse("<query xmlns='jabber:iq:roster'/>"));
        assertThat(get).isEqualTo(RosterQuery.request());
        assertThat(get.ver()).isEmpty();
        assertThat(get.items()).isEmpty();
    }

    @Test
    void aVersionedGetKeepsItsVerEvenWhenEmpty() {
        // RFC 6121 §2.6.2: ver='' asks for versioning without a cached roster
        assertThat(XmppStreamEncoder.toXml(codec.encode(RosterQuery.request(""))))
                .isEqualTo("<query xmlns='jabber:iq:roster' ver=''/>");
        assertThat(codec.decode(parse("<query xmlns='jabber:iq:roster' ver=''/>")).ver()).contains("");
        assertThat(codec.decode(parse("<query xmlns='jabber:iq:roster' ver='ver14'/>")))
                .isEqualTo(RosterQuery.request("ver14"));
    }

    @Test
    void theRfcRosterResultReadsAndWritesBackUnchanged() {
        // RFC 6121 §2.1.4
        XmlElement xml = parse("<query xmlns='jabber:iq:roster' ver='ver11'>"
                + "<item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>"
                + "<item jid='mercutio@example.com' name='Mercutio' subscription='from'/>"
                + "<item jid='benvolio@example.net' name='Benvolio' subscription='both'/>"
                + "</query>");

        RosterQuery roster = codec.decode(xml);

        assertThat(roster.ver()).contains("ver11");
        assertThat(roster.items()).containsExactly(
                RosterItem.of(jid("romeo@example.net")).withName("Romeo").withSubscription(Subscription.BOTH)
                        .withGroups("Friends"),
                RosterItem.of(jid("mercutio@example.com")).withName("Mercutio").withSubscription(Subscription.FROM),
                RosterItem.of(jid("benvolio@example.net")).withName("Benvolio").withSubscription(Subscription.BOTH));
        assertThat(roster.item(jid("mercutio@example.com")).flatMap(RosterItem::name)).contains("Mercutio");
        assertThat(roster.item(jid("tybalt@example.com"))).isEmpty();
        assertThat(codec.encode(roster)).isEqualTo(xml);
    }

    @Test
    void anEjabberdStyleResultWithPendingAndApprovedItemsIsRead() {
        XmlElement iq = parse("<iq xmlns='jabber:client' from='juliet@example.com' to='juliet@example.com/balcony' "
                + "id='roster_1' type='result'><query ver='1712345678901234' xmlns='jabber:iq:roster'>"
                + "<item subscription='both' name='Romeo' jid='romeo@example.net'><group>Friends</group>"
                + "<group>Lovers</group></item>"
                + "<item subscription='none' ask='subscribe' jid='nurse@example.com' name=''/>"
                + "<item subscription='from' jid='tybalt@example.org' approved='true'/>"
                + "</query></iq>");
        XmlElement query = iq.child(NS, "query").orElseThrow();

        RosterQuery roster = PayloadRegistry.standard().decode(query, RosterQuery.class).orElseThrow();

        assertThat(roster.ver()).contains("1712345678901234");
        assertThat(roster.items()).containsExactly(
                new RosterItem(jid("romeo@example.net"), Optional.of("Romeo"), Subscription.BOTH, false, false,
                        List.of("Friends", "Lovers")),
                new RosterItem(jid("nurse@example.com"), Optional.of(""), Subscription.NONE, true, false, List.of()),
                new RosterItem(jid("tybalt@example.org"), Optional.empty(), Subscription.FROM, false, true,
                        List.of()));
    }

    @Test
    void aProsodyStylePrettyPrintedResultWithATransportIsRead() {
        // Double quotes, indentation between items, a gateway's domain JID as an item.
        XmlElement iq = parse("<iq type=\"result\" id=\"lx3\" to=\"juliet@example.com/balcony\">\n"
                + "  <query xmlns=\"jabber:iq:roster\" ver=\"42\">\n"
                + "    <item jid=\"Romeo@Example.NET\" subscription=\"both\" name=\"Roméo\">\n"
                + "      <group>Amis</group>\n"
                + "    </item>\n"
                + "    <item jid=\"icq.example.com\" subscription=\"both\"/>\n"
                + "  </query>\n"
                + "</iq>");

        RosterQuery roster = codec.decode(iq.child(NS, "query").orElseThrow());

        assertThat(roster).isEqualTo(RosterQuery.of(List.of(
                RosterItem.of(jid("romeo@example.net")).withName("Roméo").withSubscription(Subscription.BOTH)
                        .withGroups("Amis"),
                RosterItem.of(Jid.of("icq.example.com")).withSubscription(Subscription.BOTH))).withVer("42"));
    }

    @Test
    void theRfcRosterPushIsAQueryWithOneItemAndNoneIsLeftOutWhenWritten() {
        // RFC 6121 §2.1.6
        RosterQuery push = codec.decode(parse("<query xmlns='jabber:iq:roster' ver='ver13'>"
                + "<item jid='nurse@example.com' name='Nurse' subscription='none'><group>Servants</group></item>"
                + "</query>"));

        assertThat(push).isEqualTo(RosterQuery.of(RosterItem.of(jid("nurse@example.com")).withName("Nurse")
                .withGroups("Servants")).withVer("ver13"));
        // subscription='none' is the default, so it is not written (and a roster set should not carry it)
        assertThat(XmppStreamEncoder.toXml(codec.encode(push))).isEqualTo("<query xmlns='jabber:iq:roster' "
                + "ver='ver13'><item jid='nurse@example.com' name='Nurse'><group>Servants</group></item></query>");
    }

    @Test
    void aRemoveItemReadsAndWritesBack() {
        // RFC 6121 §2.5.2
        XmlElement xml = parse("<query xmlns='jabber:iq:roster'><item jid='nurse@example.com' subscription='remove'/>"
                + "</query>");
        RosterQuery set = codec.decode(xml);
        assertThat(set).isEqualTo(RosterQuery.of(RosterItem.remove(jid("nurse@example.com"))));
        assertThat(codec.encode(set)).isEqualTo(xml);
    }

    @Test
    void anItemWithOnlyAJidHasTheRfcDefaults() {
        RosterItem item = codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net'/></query>"))
                .items().get(0);
        assertThat(item.name()).isEmpty();
        assertThat(item.subscription()).isEqualTo(Subscription.NONE);
        assertThat(item.askSubscribe()).isFalse();
        assertThat(item.approved()).isFalse();
        assertThat(item.groups()).isEmpty();
        assertThat(item).isEqualTo(RosterItem.of(jid("romeo@example.net")));
    }

    @Test
    void everyFlagAndSubscriptionIsWrittenAndReadBack() {
        for (Subscription subscription : Subscription.values()) {
            RosterItem item = RosterItem.of(jid("romeo@example.net")).withSubscription(subscription)
                    .withAskSubscribe(true).withApproved(true).withName("R");
            XmlElement xml = codec.encode(RosterQuery.of(item));
            assertThat(xml.children().get(0).attribute("ask")).contains("subscribe");
            assertThat(xml.children().get(0).attribute("approved")).contains("true");
            assertThat(codec.decode(xml).items()).containsExactly(item);
            assertThat(Subscription.fromValue(subscription.value())).contains(subscription);
        }
        assertThat(Subscription.fromValue("Both")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true:true", "1:true", "false:false", "0:false", " true :true"})
    void approvedIsReadAsAnXmlSchemaBoolean(String valueAndExpected) {
        String[] parts = valueAndExpected.split(":");
        RosterQuery roster = codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net' "
                + "approved='" + parts[0] + "'/></query>"));
        assertThat(roster.items().get(0).approved()).isEqualTo(Boolean.parseBoolean(parts[1]));
    }

    @Test
    void anApprovedValueThatIsNotABooleanIsRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net' "
                + "approved='yes'/></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("the roster item for romeo@example.net has approved='yes', which is not a boolean "
                        + "(true, false, 1 or 0) as RFC 6121 §2.1.2.1 requires");
    }

    @Test
    void anAskOtherThanSubscribeIsRefused() {
        // RFC 3921 also had ask='unsubscribe'; RFC 6121 §2.1.2.2 dropped it
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net' "
                + "ask='unsubscribe'/></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("the roster item for romeo@example.net has ask='unsubscribe'; RFC 6121 §2.1.2.2 allows "
                        + "only ask='subscribe'");
    }

    @Test
    void anUnknownSubscriptionIsRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net' "
                + "subscription='pending'/></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("the roster item for romeo@example.net has subscription='pending'; RFC 6121 §2.1.2.5 "
                        + "allows only none, to, from, both and remove");
    }

    @Test
    void anItemWithoutAJidIsRefused() {
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='jabber:iq:roster'><item name='Romeo'/></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("a roster <item/> has no 'jid' attribute, which RFC 6121 §2.1.2.3 requires");
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@", "@example.net", "romeo@example.net/", "ro meo@example.net", ""})
    void anItemWithAnInvalidJidIsRefusedNamingTheJid(String badJid) {
        XmlElement xml = XmlElement.builder(NS, "query")
                .child(XmlElement.builder(NS, "item").attribute("jid", badJid).build()).build();
        assertThatThrownBy(() -> codec.decode(xml))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("a roster <item/> has a 'jid' that is not a valid JID: Invalid JID \""
                        + badJid + "\": the ");
    }

    @Test
    void anItemWithAFullJidIsKept() {
        // RFC 6121 §2.1.2.3 does not require a bare JID
        RosterQuery roster = codec.decode(parse("<query xmlns='jabber:iq:roster'>"
                + "<item jid='bot@example.net/worker'/></query>"));
        assertThat(roster.items().get(0).jid()).isEqualTo(jid("bot@example.net/worker"));
    }

    @Test
    void anEmptyGroupIsRefused() {
        String expected = "the roster item for romeo@example.net has an empty group name; RFC 6121 §2.3.3 does not "
                + "allow one (leave the group out to put the item in no group)";
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net'>"
                + "<group>Friends</group><group/></item></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageEndingWith(expected);
        assertThatThrownBy(() -> RosterItem.of(jid("romeo@example.net")).withGroups("Friends", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
    }

    @Test
    void aDuplicateGroupIsRefused() {
        String expected = "the roster item for romeo@example.net lists the group 'Friends' more than once; "
                + "RFC 6121 §2.3.3 forbids duplicate groups";
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net'>"
                + "<group>Friends</group><group>Lovers</group><group>Friends</group></item></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageEndingWith(expected);
        assertThatThrownBy(() -> RosterItem.of(jid("romeo@example.net")).withGroups("Friends", "Friends"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
        // groups are compared exactly: case and spaces make different groups
        assertThat(RosterItem.of(jid("romeo@example.net")).withGroups("Friends", "friends", " Friends").groups())
                .hasSize(3);
    }

    @Test
    void aJidListedTwiceIsRefused() {
        String expected = "the roster lists romeo@example.net more than once; RFC 6121 §2.1.2.3 makes the JID "
                + "identify a single roster item";
        assertThatThrownBy(() -> codec.decode(parse("<query xmlns='jabber:iq:roster'><item jid='romeo@example.net'/>"
                + "<item jid='Romeo@Example.NET' name='again'/></query>")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("<query xmlns='jabber:iq:roster'/> is not valid: " + expected);
        assertThatThrownBy(() -> RosterQuery.of(List.of(RosterItem.of(jid("romeo@example.net")),
                RosterItem.of(jid("romeo@example.net")).withName("again"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
    }

    @Test
    void unknownChildrenAndAttributesAreIgnored() {
        RosterQuery roster = codec.decode(parse("<query xmlns='jabber:iq:roster' xmlns:x='urn:example' x:foo='1'>"
                + "<item jid='romeo@example.net' x:bar='2'><x:note>hi</x:note><group>Friends</group></item>"
                + "<x:item jid='not-an-item'/><future/></query>"));
        assertThat(roster).isEqualTo(RosterQuery.of(RosterItem.of(jid("romeo@example.net")).withGroups("Friends")));
    }

    @Test
    void anotherElementIsRefusedNamingExpectedAndActual() {
        assertThatThrownBy(() -> codec.decode(XmlElement.builder(DiscoInfo.NAMESPACE, "query").build()))
                .isInstanceOf(PayloadException.class)
                .hasMessage("expected <query xmlns='jabber:iq:roster'/> but got "
                        + "<query xmlns='http://jabber.org/protocol/disco#info'/>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"</item><iq type='set'>", "'\"<&", "]]>", "\t\r\n", "Ромео", "友達", "רומיאו", "😀 🎭"})
    void hostileAndNonAsciiNamesAndGroupsSurviveTheWireUnchanged(String text) {
        RosterQuery roster = RosterQuery.of(RosterItem.of(jid("romeo@example.net")).withName(text)
                .withGroups(text, text + "2")).withVer(text);

        String wire = XmppStreamEncoder.toXml(codec.encode(roster));

        assertThat(wire).doesNotContain("<iq");
        assertThat(wire.split("<item", -1)).as("one <item> start tag").hasSize(2);
        assertThat(codec.decode(parse(wire))).isEqualTo(roster);
    }

    @Test
    void aRosterOfAThousandItemsSurvivesTheWireUnchanged() {
        List<RosterItem> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(RosterItem.of(Jid.of("contact" + i, i % 2 == 0 ? "example.net" : "例え.テスト"))
                    .withName("Contact №" + i + " <&>")
                    .withSubscription(Subscription.values()[i % 4])
                    .withAskSubscribe(i % 3 == 0)
                    .withApproved(i % 5 == 0)
                    .withGroups(i % 7 == 0 ? List.of() : List.of("Group " + (i % 10), "Gruppe ü")));
        }
        RosterQuery roster = new RosterQuery(Optional.of("v1000"), items);

        XmlElement xml = codec.encode(roster);
        String wire = XmppStreamEncoder.toXml(xml);
        XmlElement read = parse(wire, DecoderLimits.defaults().withMaxElementBytes(wire.length() * 4));

        assertThat(read).isEqualTo(xml);
        assertThat(codec.decode(read)).isEqualTo(roster);
        assertThat(codec.decode(read).items()).hasSize(1000);
    }

    @Test
    void theValueIsImmutable() {
        List<RosterItem> items = new ArrayList<>(List.of(RosterItem.of(jid("a@example.net"))));
        List<String> groups = new ArrayList<>(List.of("Friends"));
        RosterQuery roster = RosterQuery.of(items);
        RosterItem item = RosterItem.of(jid("b@example.net")).withGroups(groups);
        items.add(item);
        groups.add("Lovers");
        assertThat(roster.items()).hasSize(1);
        assertThat(item.groups()).containsExactly("Friends");
        assertThatThrownBy(() -> roster.items().add(item)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> item.groups().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theStandardRegistryReadsBothRosterAndBind() {
        PayloadRegistry registry = PayloadRegistry.standard();
        XmlElement roster = parse("<query xmlns='jabber:iq:roster' ver='v1'><item jid='romeo@example.net'/></query>");
        XmlElement bind = parse("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>balcony</resource></bind>");

        assertThat(registry.decode(roster))
                .contains(RosterQuery.of(RosterItem.of(jid("romeo@example.net"))).withVer("v1"));
        assertThat(registry.decode(bind)).contains(Bind.request("balcony"));
        assertThat(registry.decode(roster, Bind.class)).isEmpty();
        assertThat(registry.codecFor(RosterQuery.class)).containsSame(codec);
        assertThat(registry.codecFor(Bind.class)).containsSame(Bind.codec());
        assertThat(registry.encode(RosterQuery.request())).isEqualTo(codec.encode(RosterQuery.request()));
    }

    @ParameterizedTest
    @ValueSource(longs = {71, 72, 73, 74})
    void randomRostersSurviveTheWireUnchanged(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] pieces = {"a", "É", "'\"<&", "</query>", " ", "\n", "ß", "😀", "中", "\u200F"};
        for (int i = 0; i < 30; i++) {
            List<RosterItem> items = new ArrayList<>();
            for (int n = random.nextInt(6); n > 0; n--) {
                List<String> groups = new ArrayList<>();
                for (int g = random.nextInt(4); g > 0; g--) {
                    String group = text(random, pieces);
                    if (!groups.contains(group)) {
                        groups.add(group);
                    }
                }
                RosterItem item = RosterItem.of(Jid.of("c" + n, "example.org"))
                        .withSubscription(Subscription.values()[random.nextInt(Subscription.values().length)])
                        .withAskSubscribe(random.nextBoolean())
                        .withApproved(random.nextBoolean())
                        .withGroups(groups);
                items.add(random.nextBoolean() ? item.withName(text(random, pieces)) : item);
            }
            RosterQuery roster = new RosterQuery(random.nextBoolean() ? Optional.of(text(random, pieces))
                    : Optional.empty(), items);
            XmlElement xml = codec.encode(roster);
            assertThat(parse(XmppStreamEncoder.toXml(xml))).isEqualTo(xml);
            assertThat(codec.decode(xml)).isEqualTo(roster);
            assertThat(codec.encode(codec.decode(xml))).isEqualTo(xml);
        }
    }

    private static String text(SplittableRandom random, String[] pieces) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    static XmlElement parse(String xml) {
        return parse(xml, DecoderLimits.defaults());
    }

    /** {@code xml} as the decoder delivers it from a client stream. */
    static XmlElement parse(String xml, DecoderLimits limits) {
        List<StreamEvent> events = new XmppStreamDecoder(limits).feed(ByteBuffer.wrap(("<stream:stream "
                + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }
}
