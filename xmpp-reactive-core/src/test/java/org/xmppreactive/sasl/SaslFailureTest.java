package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.WireXml.CLIENT;
import static org.xmppreactive.sasl.WireXml.SASL;
import static org.xmppreactive.sasl.WireXml.parse;
import static org.xmppreactive.sasl.WireXml.write;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.xml.XmlElement;

class SaslFailureTest {

    @Test
    void theElevenConditionsAreThoseOfRfc6120() {
        assertThat(Arrays.stream(SaslFailureCondition.values()).map(SaslFailureCondition::elementName))
                .containsExactly("aborted", "account-disabled", "credentials-expired", "encryption-required",
                        "incorrect-encoding", "invalid-authzid", "invalid-mechanism", "malformed-request",
                        "mechanism-too-weak", "not-authorized", "temporary-auth-failure");
        assertThat(SaslFailureCondition.fromElementName("undefined-condition")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SaslFailureCondition.class)
    void everyConditionRoundTripsThroughXml(SaslFailureCondition condition) {
        XmlElement xml = parse("<failure xmlns='" + SASL + "'><" + condition.elementName() + "/></failure>");

        SaslFailure failure = SaslFailure.fromXml(xml);

        assertThat(failure).isEqualTo(SaslFailure.of(condition));
        assertThat(failure.toXml(CLIENT)).isEqualTo(xml);
        assertThat(SaslFailureCondition.fromElementName(condition.elementName())).contains(condition);
    }

    @Test
    void theRfcExampleReadsAsConditionAndTextWithItsLanguage() {
        // RFC 6120 §6.5.2 (account-disabled)
        XmlElement xml = parse("<failure xmlns='" + SASL + "'><account-disabled/>"
                + "<text xml:lang='en'>Call 212-555-1212 for help.</text></failure>");

        SaslFailure failure = SaslFailure.fromXml(xml);

        assertThat(failure.condition()).isEqualTo(SaslFailureCondition.ACCOUNT_DISABLED);
        assertThat(failure.text()).contains("Call 212-555-1212 for help.");
        assertThat(failure.textLang()).contains("en");
        assertThat(failure.toXml(CLIENT)).isEqualTo(xml);
        assertThat(write(SaslFailure.of(SaslFailureCondition.ACCOUNT_DISABLED)
                .withText("Call 212-555-1212 for help.", "en").toXml(CLIENT)))
                .isEqualTo("<failure xmlns='" + SASL + "'><account-disabled/>"
                        + "<text xml:lang='en'>Call 212-555-1212 for help.</text></failure>");
    }

    @Test
    void aTextWithoutLanguageRoundTrips() {
        SaslFailure failure = SaslFailure.of(SaslFailureCondition.NOT_AUTHORIZED).withText("Wrong password");

        assertThat(SaslFailure.fromXml(failure.toXml(CLIENT))).isEqualTo(failure);
        assertThat(failure.textLang()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<failure xmlns='" + SASL + "'/>",
        "<failure xmlns='" + SASL + "'><bad-hair-day/></failure>",
        "<failure xmlns='" + SASL + "'><undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failure>"})
    void aFailureWithoutAKnownConditionReadsAsNotAuthorized(String xml) {
        // Decision: not-authorized is RFC 6120 §6.5.10's "generic authentication failure"; failing to parse would
        // hide from the user that authentication failed.
        assertThat(SaslFailure.fromXml(parse(xml)).condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED);
    }

    @Test
    void theFirstKnownConditionAndTheFirstTextWin() {
        SaslFailure failure = SaslFailure.fromXml(parse("<failure xmlns='" + SASL + "'><future-condition/>"
                + "<text xml:lang='en'>first</text><temporary-auth-failure/><aborted/><text>second</text>"
                + "<app xmlns='urn:example'/></failure>"));

        assertThat(failure).isEqualTo(SaslFailure.of(SaslFailureCondition.TEMPORARY_AUTH_FAILURE).withText("first", "en"));
    }

    @Test
    void aLanguageWithoutATextIsRejected() {
        assertThatThrownBy(() -> new SaslFailure(SaslFailureCondition.ABORTED, Optional.empty(), Optional.of("en")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a text");
    }

    @Test
    void aStartTlsFailureIsNotASaslFailure() {
        assertThatThrownBy(() -> SaslFailure.fromXml(parse("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected <failure xmlns='" + SASL + "'/>");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void randomFailuresSurviveTheWire(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SaslFailureCondition[] conditions = SaslFailureCondition.values();
        String[] pieces = {"x", "\u00e9", "</failure>", "'\"<&", " ", "\n", "]]>", "\ud834\udd1e"};
        for (int i = 0; i < 50; i++) {
            SaslFailure failure = SaslFailure.of(conditions[random.nextInt(conditions.length)]);
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            int shape = random.nextInt(3);
            failure = shape == 0 ? failure : shape == 1 ? failure.withText(text.toString())
                    : failure.withText(text.toString(), "de");

            assertThat(SaslFailure.fromXml(parse(write(failure.toXml(CLIENT))))).isEqualTo(failure);
        }
    }
}
