package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.transport.ChannelBinding;
import org.xmppreactive.transport.TlsInfo;

/** Client against server for every SCRAM mechanism, with and without channel binding. */
class ScramMechanismTest {

    private static final InMemoryCredentialStore STORE = new InMemoryCredentialStore().add("juliet", "r0m30myr0m30");

    /** What a server with binding data offers: all six. */
    private static final List<String> OFFER = ScramMechanism.all().stream().map(SaslMechanism::name).toList();

    static Stream<ScramMechanism> mechanisms() {
        return ScramMechanism.all().stream();
    }

    static Stream<Arguments> mechanismsAndBindings() {
        return ScramMechanism.all().stream().flatMap(m -> Stream.of(
                Arguments.of(m, SaslContexts.tls(SaslContexts.EXPORTER, SaslContexts.END_POINT), "tls-exporter"),
                Arguments.of(m, SaslContexts.tls(SaslContexts.END_POINT), "tls-server-end-point")));
    }

    @Test
    void theSixMechanismsHaveTheirRegisteredNames() {
        assertThat(ScramMechanism.all()).extracting(SaslMechanism::name).containsExactly(
                "SCRAM-SHA-512-PLUS", "SCRAM-SHA-512", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS",
                "SCRAM-SHA-1");
        assertThat(ScramMechanism.SCRAM_SHA_256_PLUS.hash()).isEqualTo(ScramHash.SHA_256);
        assertThat(ScramMechanism.SCRAM_SHA_256_PLUS.isPlus()).isTrue();
        assertThat(ScramMechanism.SCRAM_SHA_256).hasToString("SCRAM-SHA-256");
        assertThat(ScramMechanism.all()).allSatisfy(m -> assertThat(SaslMechanisms.isValidName(m.name())).isTrue());
    }

    @ParameterizedTest
    @MethodSource("mechanismsAndBindings")
    void aClientWithTheRightPasswordAuthenticatesOverTls(ScramMechanism mechanism, TlsInfo tls, String type) {
        SaslClientContext client = SaslContexts.client("juliet", "r0m30myr0m30", Optional.of(tls),
                mechanism.name());
        SaslServerContext server = SaslContexts.server(STORE, Optional.of(tls), mechanism.isPlus());

        SaslConversation.Outcome outcome = SaslConversation.run(mechanism.client(client), mechanism.server(server));

        assertThat(outcome.success().username()).isEqualTo("juliet");
        assertThat(outcome.transcript().get(0))
                .contains(mechanism.isPlus() ? "p=" + type + ",,n=juliet" : "y,,n=juliet");
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void aClientWithTheRightPasswordAuthenticatesWithoutTls(ScramMechanism mechanism) {
        if (mechanism.isPlus()) {
            assertThat(mechanism.isOfferableIn(SaslContexts.server(STORE, Optional.empty(), false))).isFalse();
            return;
        }
        SaslConversation.Outcome outcome = SaslConversation.run(
                mechanism.client(SaslContexts.client("juliet", "r0m30myr0m30", Optional.empty(), mechanism.name())),
                mechanism.server(SaslContexts.server(STORE, Optional.empty(), false)));

        assertThat(outcome.success().username()).isEqualTo("juliet");
        assertThat(outcome.transcript().get(0)).contains("n,,n=juliet");
    }

    @ParameterizedTest
    @MethodSource("mechanismsAndBindings")
    void aWrongPasswordIsNotAuthorized(ScramMechanism mechanism, TlsInfo tls, String type) {
        SaslConversation.Outcome outcome = SaslConversation.run(
                mechanism.client(SaslContexts.client("juliet", "r0m30myr0m31", Optional.of(tls), mechanism.name())),
                mechanism.server(SaslContexts.server(STORE, Optional.of(tls), mechanism.isPlus())));

        assertThat(outcome.failure())
                .isEqualTo(new SaslServerStep.Failure(SaslFailureCondition.NOT_AUTHORIZED, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void aServerWithoutTheKeysCannotFakeItsSignature(ScramMechanism mechanism) {
        // The impostor holds keys for the same salt and count but another password: the client must see it.
        Optional<TlsInfo> tls = Optional.of(SaslContexts.tls(SaslContexts.EXPORTER));
        ScramCredentials real = STORE.lookup("juliet", mechanism.hash()).block();
        ScramCredentials forged = new ScramCredentials(mechanism.hash(), real.salt(), real.iterations(),
                real.storedKey(), ScramCredentials.derive(mechanism.hash(), "guess", real.salt(),
                        real.iterations()).serverKey());
        CredentialStore impostor = new InMemoryCredentialStore().add("juliet", forged);

        SaslConversation.Outcome outcome = SaslConversation.run(
                mechanism.client(SaslContexts.client("juliet", "r0m30myr0m30", tls, mechanism.name())),
                mechanism.server(SaslContexts.server(impostor, tls, mechanism.isPlus())));

        assertThat(outcome.serverStep()).isInstanceOf(SaslServerStep.Success.class);
        assertThat(outcome.clientRefusal().condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED);
    }

    @Test
    void plusIsOfferedOnlyWithBindingDataAndPlainScramAlways() {
        SaslServerContext bindable = SaslContexts.server(STORE, Optional.of(SaslContexts.tls(SaslContexts.END_POINT)),
                true);
        SaslServerContext tlsOnly = SaslContexts.server(STORE, Optional.of(SaslContexts.tls()), false);
        SaslServerContext clear = SaslContexts.server(STORE, Optional.empty(), false);

        for (ScramMechanism mechanism : ScramMechanism.all()) {
            assertThat(mechanism.isOfferableIn(bindable)).as(mechanism.name()).isTrue();
            assertThat(mechanism.isOfferableIn(tlsOnly)).as(mechanism.name()).isEqualTo(!mechanism.isPlus());
            assertThat(mechanism.isOfferableIn(clear)).as(mechanism.name()).isEqualTo(!mechanism.isPlus());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomUsernamesAndPasswordsAuthenticateAndWrongOnesDoNot(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        InMemoryCredentialStore store = new InMemoryCredentialStore(16);
        SaslServerContext server = SaslContexts.server(store, Optional.of(SaslContexts.tls(SaslContexts.END_POINT)),
                true);
        for (int i = 0; i < 10; i++) {
            String username = randomText(random, "abcxyz09=,.-_!~", 1 + random.nextInt(12));
            String password = randomText(random, "abcXYZ09=,.-_!~ \u00e9\u4e2d\ud83d\ude00", 1 + random.nextInt(20));
            store.add(username, password);
            ScramMechanism mechanism = ScramMechanism.all().get(random.nextInt(6));
            Optional<TlsInfo> tls = Optional.of(SaslContexts.tls(SaslContexts.END_POINT));

            SaslConversation.Outcome right = SaslConversation.run(mechanism.client(new SaslClientContext(username,
                    Optional.of(password), Optional.empty(), tls, OFFER, false, 16, SaslContexts.advertised(tls))),
                    mechanism.server(server));
            SaslConversation.Outcome wrong = SaslConversation.run(mechanism.client(new SaslClientContext(username,
                    Optional.of(password + "x"), Optional.empty(), tls, OFFER, false, 16, SaslContexts.advertised(tls))),
                    mechanism.server(server));

            assertThat(right.success().username()).as(right.toString()).isEqualTo(username);
            assertThat(wrong.failure().condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED);
        }
    }

    private static String randomText(SplittableRandom random, String alphabet, int length) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        // A password of spaces only, or with a leading one, is still an OpaqueString; nothing to strip.
        return text.toString();
    }

    @Test
    void aChannelBindingTypeIsMatchedByNameNotByPosition() {
        ChannelBinding other = new ChannelBinding(ChannelBinding.TLS_EXPORTER, SaslContexts.bytes(32, 9));
        TlsInfo clientTls = SaslContexts.tls(SaslContexts.END_POINT, other);
        TlsInfo serverTls = SaslContexts.tls(other, SaslContexts.END_POINT);

        SaslConversation.Outcome outcome = SaslConversation.run(
                ScramMechanism.SCRAM_SHA_1_PLUS.client(SaslContexts.client("juliet", "r0m30myr0m30",
                        Optional.of(clientTls), "SCRAM-SHA-1-PLUS")),
                ScramMechanism.SCRAM_SHA_1_PLUS.server(SaslContexts.server(STORE, Optional.of(serverTls), true)));

        assertThat(outcome.success().username()).isEqualTo("juliet");
    }
}
