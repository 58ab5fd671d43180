package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.SaslConversation.block;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.transport.TlsInfo;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class PlainMechanismTest {

    private static final Optional<TlsInfo> TLS = Optional.of(SaslContexts.tls());
    private static final InMemoryCredentialStore STORE = new InMemoryCredentialStore().add("juliet", "r0m30myr0m30");
    private static final SaslServerStep NOT_AUTHORIZED =
            new SaslServerStep.Failure(SaslFailureCondition.NOT_AUTHORIZED, Optional.empty());

    private static SaslServer server(CredentialStore store) {
        return PlainMechanism.PLAIN.server(SaslContexts.server(store, TLS, false));
    }

    private static SaslServerStep verify(String message) {
        return block(server(STORE).start(Optional.of(SaslData.ofUtf8(message))));
    }

    @Test
    void theMessageIsAuthzidNulAuthcidNulPassword() {
        SaslClient without = PlainMechanism.PLAIN.client(SaslContexts.client("juliet", "r0m30myr0m30", TLS, "PLAIN"));
        SaslClient with = PlainMechanism.PLAIN.client(SaslContexts.client("juliet", "r0m30myr0m30",
                "juliet@example.com", TLS, "PLAIN"));

        assertThat(without.initialResponse()).contains(SaslData.ofUtf8("\0juliet\0r0m30myr0m30"));
        assertThat(with.initialResponse()).contains(SaslData.ofUtf8("juliet@example.com\0juliet\0r0m30myr0m30"));
    }

    @Test
    void plainIsNotUsedWithoutTlsUnlessAllowed() {
        SaslClientContext clear = SaslContexts.client("juliet", "r0m30myr0m30", Optional.empty(), "PLAIN");
        SaslClientContext allowed = new SaslClientContext("juliet", Optional.of("r0m30myr0m30"), Optional.empty(),
                Optional.empty(), List.of("PLAIN"), true, 4096);

        assertThat(PlainMechanism.PLAIN.isUsableBy(clear)).isFalse();
        assertThat(PlainMechanism.PLAIN.isUsableBy(allowed)).isTrue();
        assertThat(PlainMechanism.PLAIN.isUsableBy(SaslContexts.client("juliet", "r0m30myr0m30", TLS))).isTrue();
        assertThatThrownBy(() -> PlainMechanism.PLAIN.client(clear)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plainNeedsAUsernameAndAPassword() {
        SaslClientContext noPassword = new SaslClientContext("juliet", Optional.empty(), Optional.empty(), TLS,
                List.of("PLAIN"), false, 4096);

        assertThat(PlainMechanism.PLAIN.isUsableBy(noPassword)).isFalse();
        assertThat(PlainMechanism.PLAIN.isUsableBy(SaslContexts.client("", "r0m30myr0m30", TLS))).isFalse();
    }

    @Test
    void plainIsNotOfferedWithoutTlsUnlessAllowed() {
        assertThat(PlainMechanism.PLAIN.isOfferableIn(SaslContexts.server(STORE, Optional.empty(), false))).isFalse();
        assertThat(PlainMechanism.PLAIN.isOfferableIn(new SaslServerContext("example.com", STORE, Optional.empty(),
                false, true))).isTrue();
        assertThat(PlainMechanism.PLAIN.isOfferableIn(SaslContexts.server(STORE, TLS, false))).isTrue();
    }

    @Test
    void aServerAskedForPlainWithoutTlsRequiresEncryption() {
        SaslServer server = PlainMechanism.PLAIN.server(SaslContexts.server(STORE, Optional.empty(), false));

        StepVerifier.create(server.start(Optional.of(SaslData.ofUtf8("\0juliet\0r0m30myr0m30"))))
                .assertNext(step -> assertThat(step).isInstanceOfSatisfying(SaslServerStep.Failure.class,
                        f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.ENCRYPTION_REQUIRED)))
                .verifyComplete();
    }

    @Test
    void theRightPasswordAuthenticates() {
        SaslConversation.Outcome outcome = SaslConversation.run(
                PlainMechanism.PLAIN.client(SaslContexts.client("Juliet", "r0m30myr0m30", TLS, "PLAIN")),
                server(STORE));

        assertThat(outcome.success()).isEqualTo(new SaslServerStep.Success("juliet", Optional.empty()));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreTheSameFailure() {
        assertThat(verify("\0juliet\0r0m30myr0m31")).isEqualTo(NOT_AUTHORIZED);
        assertThat(verify("\0romeo\0r0m30myr0m30")).isEqualTo(NOT_AUTHORIZED);
        assertThat(verify("\0juliet@example.com\0r0m30myr0m30")).isEqualTo(NOT_AUTHORIZED);
        assertThat(verify("\0juliet\0bad\u0007password")).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void theStoredKeysOfAnyHashWillDo() {
        for (ScramHash hash : ScramHash.values()) {
            CredentialStore only = new InMemoryCredentialStore()
                    .add("juliet", ScramCredentials.derive(hash, "r0m30myr0m30", new byte[] {1, 2, 3}, 64));

            assertThat(block(server(only).start(Optional.of(SaslData.ofUtf8("\0juliet\0r0m30myr0m30")))))
                    .as(hash.name()).isInstanceOf(SaslServerStep.Success.class);
            assertThat(block(server(only).start(Optional.of(SaslData.ofUtf8("\0juliet\0r0m30myr0m3")))))
                    .as(hash.name()).isEqualTo(NOT_AUTHORIZED);
        }
    }

    @Test
    void thePasswordIsComparedAfterOpaqueString() {
        CredentialStore store = new InMemoryCredentialStore(64).add("juliet", "pen cil");

        assertThat(block(server(store).start(Optional.of(SaslData.ofUtf8("\0juliet\0pen\u00a0cil")))))
                .isInstanceOf(SaslServerStep.Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet r0m30myr0m30", "\0juliet", "juliet\0r0m30myr0m30", "\0\0r0m30myr0m30",
        "\0juliet\0", "\0juliet\0r0m30\0extra", ""})
    void aMessageWithoutExactlyTwoNulsAndBothFieldsIsMalformed(String message) {
        assertThat(verify(message)).isInstanceOfSatisfying(SaslServerStep.Failure.class,
                f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.MALFORMED_REQUEST));
    }

    @Test
    void aMessageThatIsNotUtf8IsMalformed() {
        SaslServerStep step = block(server(STORE).start(Optional.of(SaslData.of(
                new byte[] {0, 'j', 0, (byte) 0xed, (byte) 0xa0, (byte) 0x80}))));

        assertThat(step).isInstanceOfSatisfying(SaslServerStep.Failure.class,
                f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.MALFORMED_REQUEST));
    }

    @Test
    void theAccountsOwnBareJidIsTheOnlyAuthzidAccepted() {
        assertThat(verify("juliet@example.com\0juliet\0r0m30myr0m30")).isInstanceOf(SaslServerStep.Success.class);
        assertThat(verify("romeo@example.com\0juliet\0r0m30myr0m30")).isInstanceOfSatisfying(
                SaslServerStep.Failure.class,
                f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.INVALID_AUTHZID));
        assertThat(verify("romeo@example.com\0juliet\0wrong")).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void withoutAnInitialResponseTheServerSendsAnEmptyChallenge() {
        SaslClient client = PlainMechanism.PLAIN.client(SaslContexts.client("juliet", "r0m30myr0m30", TLS, "PLAIN"));
        SaslServer server = server(STORE);

        assertThat(block(server.start(Optional.empty()))).isEqualTo(new SaslServerStep.Challenge(SaslData.empty()));
        assertThat(block(server.respond(client.respond(SaslData.empty()))))
                .isEqualTo(new SaslServerStep.Success("juliet", Optional.empty()));
        client.complete(Optional.empty());
    }

    @Test
    void aSecondResponseIsMalformed() {
        SaslServer server = server(STORE);
        block(server.start(Optional.of(SaslData.ofUtf8("\0juliet\0wrong"))));

        assertThat(block(server.respond(SaslData.ofUtf8("\0juliet\0r0m30myr0m30"))))
                .isInstanceOfSatisfying(SaslServerStep.Failure.class,
                        f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.MALFORMED_REQUEST));
    }

    @Test
    void aFailingStoreIsATemporaryFailure() {
        CredentialStore broken = (username, hash) -> Mono.error(new IllegalStateException("down"));

        assertThat(block(server(broken).start(Optional.of(SaslData.ofUtf8("\0juliet\0r0m30myr0m30")))))
                .isInstanceOfSatisfying(SaslServerStep.Failure.class,
                        f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.TEMPORARY_AUTH_FAILURE));
    }

    @Test
    void theClientRefusesChallengesAndSuccessData() {
        SaslClient challenged = PlainMechanism.PLAIN.client(SaslContexts.client("juliet", "r0m30myr0m30", TLS));
        challenged.initialResponse();
        SaslClient withData = PlainMechanism.PLAIN.client(SaslContexts.client("juliet", "r0m30myr0m30", TLS));
        withData.initialResponse();
        SaslClient early = PlainMechanism.PLAIN.client(SaslContexts.client("juliet", "r0m30myr0m30", TLS));

        assertThatThrownBy(() -> challenged.respond(SaslData.ofUtf8("more?"))).isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> withData.complete(Optional.of(SaslData.ofUtf8("x"))))
                .isInstanceOf(SaslException.class);
        assertThatThrownBy(() -> early.complete(Optional.empty())).isInstanceOf(SaslException.class);
    }
}
