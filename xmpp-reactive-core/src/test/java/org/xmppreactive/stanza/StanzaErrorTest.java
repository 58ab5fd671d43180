package org.xmppreactive.stanza;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.payload.PayloadException;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

class StanzaErrorTest {

    static final String CLIENT = "jabber:client";
    static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    @Test
    void theRfcExampleReadsAsTypeConditionAndText() {
        // RFC 6120 §8.3.2, Example: an error with descriptive text
        XmlElement xml = parse("<error xmlns='jabber:client' type='modify'>"
                + "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>Some special application "
                + "diagnostic information!</text>"
                + "<special-application-condition xmlns='http://example.org/ns'/></error>");

        StanzaError error = StanzaError.fromXml(xml);

        assertThat(error.type()).isEqualTo(StanzaErrorType.MODIFY);
        assertThat(error.condition()).isEqualTo(StanzaErrorCondition.BAD_REQUEST);
        assertThat(error.text()).contains("Some special application diagnostic information!");
        assertThat(error.textLang()).contains("en");
        assertThat(error.applicationSpecific()).contains(
                XmlElement.builder("http://example.org/ns", "special-application-condition").build());
        assertThat(error.alternateAddress()).isEmpty();
        assertThat(error.by()).isEmpty();
        assertThat(error.toXml(CLIENT)).isEqualTo(xml);
    }

    @ParameterizedTest
    @EnumSource(StanzaErrorCondition.class)
    void everyConditionRoundTripsThroughXml(StanzaErrorCondition condition) {
        XmlElement xml = parse("<error xmlns='jabber:client' type='" + condition.defaultType().attributeValue()
                + "'><" + condition.elementName() + " xmlns='" + STANZAS + "'/></error>");

        StanzaError error = StanzaError.fromXml(xml);

        assertThat(error).isEqualTo(StanzaError.of(condition));
        assertThat(error.toXml(CLIENT)).isEqualTo(xml);
    }

    @ParameterizedTest
    @EnumSource(StanzaErrorType.class)
    void everyTypeRoundTripsThroughXml(StanzaErrorType type) {
        StanzaError error = StanzaError.of(type, StanzaErrorCondition.UNDEFINED_CONDITION);
        assertThat(error.toXml(CLIENT).attribute("type")).contains(type.attributeValue());
        assertThat(StanzaError.fromXml(error.toXml(CLIENT))).isEqualTo(error);
    }

    @Test
    void theErrorIsWrittenInTheStanzasContentNamespace() {
        StanzaError error = StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        assertThat(error.toXml("jabber:server").namespace()).isEqualTo("jabber:server");
        assertThat(StanzaError.fromXml(error.toXml("jabber:component:accept"))).isEqualTo(error);
        assertThat(string(new XmppStreamEncoder(CLIENT).encode(error.toXml(CLIENT))))
                .isEqualTo("<error type='cancel'><service-unavailable xmlns='" + STANZAS + "'/></error>");
    }

    @Test
    void goneAndRedirectCarryTheirAlternateAddressAsText() {
        XmlElement xml = parse("<error xmlns='jabber:client' type='cancel'><gone xmlns='" + STANZAS + "'>"
                + "xmpp:romeo@afterlife.example.net</gone></error>");
        StanzaError gone = StanzaError.fromXml(xml);
        assertThat(gone.alternateAddress()).contains("xmpp:romeo@afterlife.example.net");
        assertThat(gone.toXml(CLIENT)).isEqualTo(xml);

        StanzaError redirect = StanzaError.of(StanzaErrorCondition.REDIRECT)
                .withAlternateAddress("xmpp:rp@characters.example.com");
        assertThat(redirect.toXml(CLIENT).child(STANZAS, "redirect").map(XmlElement::text))
                .contains("xmpp:rp@characters.example.com");
        assertThat(StanzaError.fromXml(redirect.toXml(CLIENT))).isEqualTo(redirect);
        assertThat(redirect.type()).isEqualTo(StanzaErrorType.MODIFY);
    }

    @Test
    void whitespaceAroundAnAlternateAddressIsDroppedAndAnEmptyOneIsAbsent() {
        assertThat(StanzaError.fromXml(parse("<error xmlns='jabber:client' type='modify'><redirect xmlns='"
                + STANZAS + "'>\n  xmpp:x@example.com \n</redirect></error>")).alternateAddress())
                .contains("xmpp:x@example.com");
        assertThat(StanzaError.fromXml(parse("<error xmlns='jabber:client' type='cancel'><gone xmlns='"
                + STANZAS + "'>  </gone></error>")).alternateAddress()).isEmpty();
    }

    @Test
    void textInOtherConditionsIsNotAnAlternateAddress() {
        StanzaError error = StanzaError.fromXml(parse("<error xmlns='jabber:client' type='cancel'>"
                + "<item-not-found xmlns='" + STANZAS + "'>xmpp:elsewhere@example.com</item-not-found></error>"));
        assertThat(error.alternateAddress()).isEmpty();
    }

    @Test
    void textWithoutLanguageAndTheByAttributeRoundTrip() {
        XmlElement xml = parse("<error xmlns='jabber:client' by='example.net' type='wait'>"
                + "<resource-constraint xmlns='" + STANZAS + "'/><text xmlns='" + STANZAS + "'>busy</text></error>");
        StanzaError error = StanzaError.fromXml(xml);
        assertThat(error).isEqualTo(StanzaError.of(StanzaErrorCondition.RESOURCE_CONSTRAINT)
                .withText("busy").withBy("example.net"));
        assertThat(error.toXml(CLIENT)).isEqualTo(xml);
    }

    @Test
    void anUnknownConditionInTheStanzasNamespaceBecomesUndefinedConditionAndIsKept() {
        XmlElement unknown = XmlElement.builder(STANZAS, "too-many-hats").build();
        StanzaError error = StanzaError.fromXml(XmlElement.builder(CLIENT, "error").attribute("type", "wait")
                .child(unknown).build());

        assertThat(error.condition()).isEqualTo(StanzaErrorCondition.UNDEFINED_CONDITION);
        assertThat(error.type()).isEqualTo(StanzaErrorType.WAIT);
        assertThat(error.applicationSpecific()).contains(unknown);
        assertThat(error.toXml(CLIENT).children()).containsExactly(
                XmlElement.builder(STANZAS, "undefined-condition").build(), unknown);
    }

    @Test
    void aRealApplicationSpecificElementWinsOverAnUnknownCondition() {
        XmlElement app = XmlElement.builder("urn:example", "quota-exceeded").build();
        StanzaError error = StanzaError.fromXml(XmlElement.builder(CLIENT, "error").attribute("type", "cancel")
                .child(XmlElement.builder(STANZAS, "too-many-hats").build()).child(app).build());
        assertThat(error.condition()).isEqualTo(StanzaErrorCondition.UNDEFINED_CONDITION);
        assertThat(error.applicationSpecific()).contains(app);
    }

    @Test
    void anErrorWithNoConditionAtAllIsUndefinedCondition() {
        StanzaError error = StanzaError.fromXml(parse("<error xmlns='jabber:client' type='cancel' code='503'>"
                + "<text xmlns='" + STANZAS + "'>legacy</text></error>"));
        assertThat(error).isEqualTo(StanzaError.of(StanzaErrorCondition.UNDEFINED_CONDITION).withText("legacy"));
    }

    @Test
    void theFirstDefinedConditionAndTheFirstTextWin() {
        StanzaError error = StanzaError.fromXml(parse("<error xmlns='jabber:client' type='cancel'>"
                + "<text xmlns='" + STANZAS + "' xml:lang='en'>first</text>"
                + "<conflict xmlns='" + STANZAS + "'/><not-allowed xmlns='" + STANZAS + "'/>"
                + "<text xmlns='" + STANZAS + "' xml:lang='de'>zweite</text></error>"));
        assertThat(error.condition()).isEqualTo(StanzaErrorCondition.CONFLICT);
        assertThat(error.text()).contains("first");
        assertThat(error.textLang()).contains("en");
        assertThat(error.applicationSpecific()).isEmpty();
    }

    @Test
    void anErrorWithoutTypeIsRefusedNamingTheAllowedTypes() {
        assertThatThrownBy(() -> StanzaError.fromXml(parse("<error xmlns='jabber:client'>"
                + "<item-not-found xmlns='" + STANZAS + "'/></error>")))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("no type attribute")
                .hasMessageContaining("auth, cancel, continue, modify, wait");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fatal", "Cancel", ""})
    void anErrorWithAnUnknownTypeIsRefusedQuotingIt(String type) {
        assertThatThrownBy(() -> StanzaError.fromXml(XmlElement.builder(CLIENT, "error").attribute("type", type)
                .child(XmlElement.builder(STANZAS, "conflict").build()).build()))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("'" + type + "' is not a stanza error type");
    }

    @Test
    void anElementThatIsNotAnErrorIsRefused() {
        assertThatThrownBy(() -> StanzaError.fromXml(XmlElement.builder(CLIENT, "body").build()))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("<error/>")
                .hasMessageContaining("<body xmlns='jabber:client'/>");
    }

    @Test
    void onlyGoneAndRedirectMayCarryAnAlternateAddress() {
        assertThatThrownBy(() -> StanzaError.of(StanzaErrorCondition.ITEM_NOT_FOUND).withAlternateAddress("xmpp:a@b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only <gone/> and <redirect/>")
                .hasMessageContaining("<item-not-found/>");
        assertThatThrownBy(() -> StanzaError.of(StanzaErrorCondition.GONE).withAlternateAddress(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void aLanguageWithoutTextIsRefused() {
        assertThatThrownBy(() -> new StanzaError(StanzaErrorType.CANCEL, StanzaErrorCondition.CONFLICT,
                Optional.empty(), Optional.empty(), Optional.of("en"), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a text");
    }

    @Test
    void aSecondConditionOrTextCannotPoseAsApplicationSpecific() {
        StanzaError error = StanzaError.of(StanzaErrorCondition.CONFLICT);
        assertThatThrownBy(() -> error.withApplicationSpecific(XmlElement.builder(STANZAS, "forbidden").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one defined condition");
        assertThatThrownBy(() -> error.withApplicationSpecific(XmlElement.builder(STANZAS, "text").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExceptionCarriesTheErrorAndDescribesIt() {
        StanzaError error = StanzaError.of(StanzaErrorCondition.ITEM_NOT_FOUND).withText("no such room");
        StanzaErrorException exception = new StanzaErrorException(error);
        assertThat(exception.error()).isSameAs(error);
        assertThat(exception).hasMessage("item-not-found (cancel): no such room");
        assertThat(new StanzaErrorException(StanzaError.of(StanzaErrorCondition.REDIRECT)
                .withAlternateAddress("xmpp:x@example.com"))).hasMessage("redirect (modify) -> xmpp:x@example.com");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomErrorsSurviveTheWireUnchanged(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 50; i++) {
            StanzaError error = randomError(random);
            XmlElement xml = error.toXml(CLIENT);
            XmlElement decoded = parse(new String(bytes(new XmppStreamEncoder(CLIENT).encode(xml)), UTF_8));
            assertThat(decoded).isEqualTo(xml);
            assertThat(StanzaError.fromXml(decoded)).isEqualTo(error);
        }
    }

    private static StanzaError randomError(SplittableRandom random) {
        StanzaErrorCondition[] conditions = StanzaErrorCondition.values();
        StanzaErrorType[] types = StanzaErrorType.values();
        StanzaError error = StanzaError.of(types[random.nextInt(types.length)],
                conditions[random.nextInt(conditions.length)]);
        if ((error.condition() == StanzaErrorCondition.GONE || error.condition() == StanzaErrorCondition.REDIRECT)
                && random.nextBoolean()) {
            error = error.withAlternateAddress("xmpp:" + randomText(random).strip() + "x@example.com");
        }
        switch (random.nextInt(3)) {
            case 0 -> error = error.withText(randomText(random));
            case 1 -> error = error.withText(randomText(random), random.nextBoolean() ? "en" : "de-AT");
            default -> { }
        }
        if (random.nextBoolean()) {
            error = error.withApplicationSpecific(XmlElement.builder("urn:example:app", "detail")
                    .attribute("why", randomText(random)).text(randomText(random)).build());
        }
        if (random.nextBoolean()) {
            error = error.withBy("conference.example.org");
        }
        return error;
    }

    private static String randomText(SplittableRandom random) {
        String[] pieces = {"a", "Ω", "</error><iq type='set'>", "'\"<&", " ", "\t", "\n", "\r\n", "]]>", "😀", "ü"};
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    static XmlElement parse(String xml) {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        List<StreamEvent> events = decoder.feed(ByteBuffer.wrap(("<stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>" + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String string(ByteBuffer buffer) {
        return new String(bytes(buffer), UTF_8);
    }
}
