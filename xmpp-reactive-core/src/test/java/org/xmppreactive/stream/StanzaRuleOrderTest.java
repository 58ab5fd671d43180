package org.xmppreactive.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmppreactive.stanza.InvalidStanza;

/**
 * A stanza that breaks several rules is reported with the first one in the order the readers check them: for a
 * message, its addresses, then bodies, subjects and the error child; for a presence, its type, show and priority,
 * then its addresses, statuses and the error child; for an IQ, its id and type, the error child and the payload
 * count, then its addresses.
 */
class StanzaRuleOrderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<message to='@example.com'><body>a</body><body>b</body></message>                | jid-malformed | the 'to' address",
        "<message from='juliet@' type='error'/>                                           | jid-malformed | the 'from' address",
        "<message from='@x'><subject>a</subject><subject>b</subject></message>            | jid-malformed | the 'from' address",
        "<message><subject>a</subject><subject>b</subject><body>a</body><body>b</body></message> | bad-request | more than one <body/>",
        "<message type='error'><body>a</body><body>b</body></message>                     | bad-request | more than one <body/>",
        "<message type='chat'><subject>a</subject><subject>b</subject><error type='cancel'/></message> | bad-request | more than one <subject/>",
        "<presence type='bogus' to='@x'/>                                                 | bad-request | unknown presence type 'bogus'",
        "<presence to='@x'><show>a</show><show>b</show></presence>                        | bad-request | more than one <show/>",
        "<presence><priority>200</priority><show>x</show></presence>                      | bad-request | unknown <show/> value 'x'",
        "<presence to='@x'><priority>200</priority></presence>                            | bad-request | <priority/> '200'",
        "<presence from='@x'><status>a</status><status>b</status></presence>              | jid-malformed | the 'from' address",
        "<presence><status>a</status><status>b</status><error type='cancel'/></presence>  | bad-request | more than one <status/>",
        "<iq type='get' to='@x'/>                                                         | bad-request | an IQ without an id",
        "<iq id='a' to='@x'/>                                                             | bad-request | an IQ without a type",
        "<iq id='a' type='get' to='@x'/>                                                  | bad-request | an IQ get with 0 child elements",
        "<iq id='a' type='error' to='@x'><a xmlns='urn:a'/></iq>                          | bad-request | must carry an <error/> child",
        "<iq id='a' type='error'><a xmlns='urn:a'/><b xmlns='urn:b'/><error type='cancel'/></iq> | bad-request | an IQ error with 2 child elements",
    })
    void theFirstRuleBrokenIsReported(String xml, String condition, String reason) {
        InvalidStanza invalid = StreamElementsTest.invalid(xml);

        assertThat(invalid.error().condition().elementName()).isEqualTo(condition);
        assertThat(invalid.reason()).contains(reason);
    }
}
