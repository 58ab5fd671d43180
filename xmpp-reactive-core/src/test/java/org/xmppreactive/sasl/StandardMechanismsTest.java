package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppreactive.transport.TlsInfo;

class StandardMechanismsTest {

    private static final Optional<TlsInfo> BINDABLE = Optional.of(SaslContexts.tls(SaslContexts.EXPORTER));
    private static final Optional<TlsInfo> TLS = Optional.of(SaslContexts.tls());

    private static Optional<String> choose(Optional<TlsInfo> tls, String... offered) {
        return StandardMechanisms.choose(StandardMechanisms.clientPreference(),
                SaslContexts.client("juliet", "r0m30myr0m30", tls, offered)).map(SaslMechanism::name);
    }

    @Test
    void theClientPrefersBindingThenTheStrongerHashThenPlain() {
        assertThat(StandardMechanisms.clientPreference()).extracting(SaslMechanism::name).containsExactly(
                "SCRAM-SHA-512-PLUS", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS",
                "SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
    }

    @Test
    void theServerOffersTheSameAndExternalAndAnonymousAreOptIn() {
        assertThat(StandardMechanisms.serverOffer()).isEqualTo(StandardMechanisms.clientPreference());
        assertThat(StandardMechanisms.clientPreference())
                .doesNotContain(ExternalMechanism.EXTERNAL, AnonymousMechanism.ANONYMOUS);
        assertThat(StandardMechanisms.all()).extracting(SaslMechanism::name).containsExactly(
                "SCRAM-SHA-512-PLUS", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS",
                "SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "EXTERNAL", "ANONYMOUS");
    }

    @Test
    void theClientsOrderWinsOverTheServers() {
        assertThat(choose(BINDABLE, "PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS"))
                .contains("SCRAM-SHA-1-PLUS");
        assertThat(choose(TLS, "PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256")).contains("SCRAM-SHA-256");
    }

    @Test
    void plusIsSkippedWithoutBindingData() {
        assertThat(choose(TLS, "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1")).contains("SCRAM-SHA-1");
        assertThat(choose(Optional.empty(), "SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")).contains("SCRAM-SHA-256");
    }

    @Test
    void plainIsChosenOnlyOverTls() {
        assertThat(choose(TLS, "PLAIN")).contains("PLAIN");
        assertThat(choose(Optional.empty(), "PLAIN")).isEmpty();
    }

    @Test
    void nothingInCommonChoosesNothing() {
        assertThat(choose(BINDABLE, "DIGEST-MD5", "X-OAUTH2")).isEmpty();
        assertThat(choose(BINDABLE)).isEmpty();
    }

    @Test
    void optInMechanismsAreChosenWhenListed() {
        List<SaslMechanism> preference = new ArrayList<>(StandardMechanisms.clientPreference());
        preference.add(AnonymousMechanism.ANONYMOUS);
        SaslClientContext anonymous = new SaslClientContext("", Optional.empty(), Optional.empty(), TLS,
                List.of("SCRAM-SHA-1", "ANONYMOUS"), false, 4096);

        assertThat(StandardMechanisms.choose(preference, anonymous)).contains(AnonymousMechanism.ANONYMOUS);
        assertThat(StandardMechanisms.choose(StandardMechanisms.clientPreference(), anonymous)).isEmpty();
    }
}
