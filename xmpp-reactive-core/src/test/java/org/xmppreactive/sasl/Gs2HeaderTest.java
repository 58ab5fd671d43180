package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Gs2HeaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"n,,", "y,,", "p=tls-exporter,,", "p=tls-server-end-point,,", "n,a=juliet@example.com,",
        "p=tls-unique,a=a=3Db=2Cc,"})
    void aHeaderIsReadBackAsItWasWritten(String header) {
        Gs2Header parsed = Gs2Header.parse(header + "n=juliet,r=abc");

        assertThat(parsed.text()).isEqualTo(header);
    }

    @Test
    void theFieldsAreThoseOfRfc5802() {
        assertThat(Gs2Header.parse("p=tls-exporter,a=a=3Db,n=x,r=y"))
                .isEqualTo(new Gs2Header('p', Optional.of("tls-exporter"), Optional.of("a=b")));
        assertThat(Gs2Header.parse("y,,n=x,r=y")).isEqualTo(new Gs2Header('y', Optional.empty(), Optional.empty()));
    }

    @Test
    void theChannelBindingAttributeOfTheHeadersWithoutBindingIsTheWellKnownOne() {
        assertThat(new Gs2Header('n', Optional.empty(), Optional.empty()).channelBindingAttribute(new byte[0]))
                .isEqualTo("biws");
        assertThat(new Gs2Header('y', Optional.empty(), Optional.empty()).channelBindingAttribute(new byte[0]))
                .isEqualTo("eSws");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "n", "n,", "F,n,,", "p=,,", "p=tls_exporter,,", "q,,", "n,x=y,", "N,,"})
    void anythingElseIsMalformed(String clientFirst) {
        assertThatThrownBy(() -> Gs2Header.parse(clientFirst))
                .isInstanceOfSatisfying(SaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.MALFORMED_REQUEST));
    }

    @Test
    void aBindingTypeGoesWithTheFlagPOnly() {
        assertThatThrownBy(() -> new Gs2Header('n', Optional.of("tls-exporter"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Gs2Header('p', Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
