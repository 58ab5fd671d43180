package org.xmppreactive.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StanzaErrorConditionTest {

    @Test
    void thereAreExactlyTheTwentyTwoConditionsOfRfc6120() {
        assertThat(Arrays.stream(StanzaErrorCondition.values()).map(StanzaErrorCondition::elementName))
                .containsExactly("bad-request", "conflict", "feature-not-implemented", "forbidden", "gone",
                        "internal-server-error", "item-not-found", "jid-malformed", "not-acceptable", "not-allowed",
                        "not-authorized", "policy-violation", "recipient-unavailable", "redirect",
                        "registration-required", "remote-server-not-found", "remote-server-timeout",
                        "resource-constraint", "service-unavailable", "subscription-required",
                        "undefined-condition", "unexpected-request");
    }

    @ParameterizedTest
    @EnumSource(StanzaErrorCondition.class)
    void everyConditionIsFoundByItsElementName(StanzaErrorCondition condition) {
        assertThat(StanzaErrorCondition.fromElementName(condition.elementName())).contains(condition);
        assertThat(condition).hasToString(condition.elementName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Item-Not-Found", "item_not_found", "ITEM_NOT_FOUND", "text", "see-other-host"})
    void namesThatAreNotConditionsFindNothing(String name) {
        assertThat(StanzaErrorCondition.fromElementName(name)).isEmpty();
    }

    // RFC 6120 §8.3.3: "the associated error type SHOULD be ..."; where it names two, the first.
    @ParameterizedTest
    @CsvSource({
        "BAD_REQUEST, MODIFY", "CONFLICT, CANCEL", "FEATURE_NOT_IMPLEMENTED, CANCEL", "FORBIDDEN, AUTH",
        "GONE, CANCEL", "INTERNAL_SERVER_ERROR, CANCEL", "ITEM_NOT_FOUND, CANCEL", "JID_MALFORMED, MODIFY",
        "NOT_ACCEPTABLE, MODIFY", "NOT_ALLOWED, CANCEL", "NOT_AUTHORIZED, AUTH", "POLICY_VIOLATION, MODIFY",
        "RECIPIENT_UNAVAILABLE, WAIT", "REDIRECT, MODIFY", "REGISTRATION_REQUIRED, AUTH",
        "REMOTE_SERVER_NOT_FOUND, CANCEL", "REMOTE_SERVER_TIMEOUT, WAIT", "RESOURCE_CONSTRAINT, WAIT",
        "SERVICE_UNAVAILABLE, CANCEL", "SUBSCRIPTION_REQUIRED, AUTH", "UNDEFINED_CONDITION, CANCEL",
        "UNEXPECTED_REQUEST, WAIT"
    })
    void eachConditionDefaultsToTheTypeTheRfcRecommends(StanzaErrorCondition condition, StanzaErrorType type) {
        assertThat(condition.defaultType()).isEqualTo(type);
        assertThat(StanzaError.of(condition).type()).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"auth, AUTH", "cancel, CANCEL", "continue, CONTINUE", "modify, MODIFY", "wait, WAIT"})
    void errorTypesReadAndWriteTheirAttributeValue(String value, StanzaErrorType type) {
        assertThat(type.attributeValue()).isEqualTo(value);
        assertThat(StanzaErrorType.fromAttributeValue(value)).contains(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Cancel", "CANCEL", "fatal", " cancel"})
    void unknownErrorTypesFindNothing(String value) {
        assertThat(StanzaErrorType.fromAttributeValue(value)).isEmpty();
    }
}
