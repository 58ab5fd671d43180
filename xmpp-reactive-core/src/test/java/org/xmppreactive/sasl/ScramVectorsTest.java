package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.SaslConversation.block;
import static org.xmppreactive.sasl.SaslConversation.text;

import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published SCRAM examples, replayed octet for octet from both sides: RFC 5802 §5 (SHA-1), RFC 7677 §3
 * (SHA-256), and two exchanges Prosody 0.12.3 accepted (shared notes §2.1).
 */
class ScramVectorsTest {

    /**
     * One recorded exchange.
     *
     * @param serverNonceSuffix what the server appended to the client nonce
     */
    record Vector(String source, ScramMechanism mechanism, String username, String password, String clientNonce,
                  String serverNonceSuffix, String salt, int iterations,
                  String clientFirst, String serverFirst, String clientFinal, String serverFinal) {

        @Override
        public String toString() {
            return source;
        }
    }

    static Stream<Vector> vectors() {
        return Stream.of(
                new Vector("RFC 5802 §5", ScramMechanism.SCRAM_SHA_1, "user", "pencil",
                        "fyko+d2lbbFgONRv9qkxdawL", "3rfcNHYJY1ZVvWVs7j", "QSXCR+Q6sek8bf92", 4096,
                        "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
                        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
                        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
                        "v=rmF9pqV8S7suAoZWja4dJRkFsKQ="),
                new Vector("RFC 7677 §3", ScramMechanism.SCRAM_SHA_256, "user", "pencil",
                        "rOprNGfwEbeRWgbNEkqO", "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", "W22ZaJ0SNY7soEsUEjb6gQ==", 4096,
                        "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
                        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                        "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="),
                new Vector("Prosody 0.12.3 SCRAM-SHA-1", ScramMechanism.SCRAM_SHA_1, "alice", "alicepass",
                        "mUM6vWD1rnhdD1hp+tceHuiD", "cb2c9347-85ca-43db-b9e7-a57bda07629d",
                        "YjYwMjA1ZjQtNGU3MS00NzliLTkyNzctZWYwZWQ2M2FmZGZl", 10000,
                        "n,,n=alice,r=mUM6vWD1rnhdD1hp+tceHuiD",
                        "r=mUM6vWD1rnhdD1hp+tceHuiDcb2c9347-85ca-43db-b9e7-a57bda07629d,"
                                + "s=YjYwMjA1ZjQtNGU3MS00NzliLTkyNzctZWYwZWQ2M2FmZGZl,i=10000",
                        "c=biws,r=mUM6vWD1rnhdD1hp+tceHuiDcb2c9347-85ca-43db-b9e7-a57bda07629d,"
                                + "p=PDxNXjq9JM6e32vo5637XiHRqZA=",
                        "v=VJf5toORUUpACU4MOh6y5PCnpEQ="),
                new Vector("Prosody 0.12.3 SCRAM-SHA-256", ScramMechanism.SCRAM_SHA_256, "carol", "carolpass",
                        "+Clw1ViAmIhU2JaBeBb5Zt/d", "7bd3a282-f49d-4d61-a311-17cb7186c113",
                        "YTA0Y2NiNTYtZjNjMi00NmUwLTlmZmItZDFhZjIxMDZkNzg1", 10000,
                        "n,,n=carol,r=+Clw1ViAmIhU2JaBeBb5Zt/d",
                        "r=+Clw1ViAmIhU2JaBeBb5Zt/d7bd3a282-f49d-4d61-a311-17cb7186c113,"
                                + "s=YTA0Y2NiNTYtZjNjMi00NmUwLTlmZmItZDFhZjIxMDZkNzg1,i=10000",
                        "c=biws,r=+Clw1ViAmIhU2JaBeBb5Zt/d7bd3a282-f49d-4d61-a311-17cb7186c113,"
                                + "p=9UpN0jVxjifTXGqdrX82vIpKp6xVsZfM1tMGlKr23r4=",
                        "v=1V2J0VkEc18INFjwKp0YwJmHsq8Ocaer4er1SI+mDgk="));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theClientSendsExactlyTheRecordedMessagesAndAcceptsTheServerSignature(Vector vector) {
        SaslClient client = vector.mechanism().client(
                SaslContexts.client(vector.username(), vector.password(), Optional.empty(), vector.mechanism().name()),
                vector.clientNonce());

        assertThat(text(client.initialResponse().orElseThrow())).isEqualTo(vector.clientFirst());
        assertThat(text(client.respond(SaslData.ofUtf8(vector.serverFirst())))).isEqualTo(vector.clientFinal());
        client.complete(Optional.of(SaslData.ofUtf8(vector.serverFinal())));   // throws if v= is not ours
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theServerAnswersExactlyTheRecordedMessagesFromStoredKeysAlone(Vector vector) {
        ScramCredentials keys = ScramCredentials.derive(vector.mechanism().hash(), vector.password(),
                Base64.getDecoder().decode(vector.salt()), vector.iterations());
        CredentialStore store = new InMemoryCredentialStore().add(vector.username(), keys);
        SaslServer server = vector.mechanism().server(SaslContexts.server(store, Optional.empty(), false),
                vector.serverNonceSuffix());

        SaslServerStep first = block(server.start(Optional.of(SaslData.ofUtf8(vector.clientFirst()))));
        assertThat(first).isEqualTo(new SaslServerStep.Challenge(SaslData.ofUtf8(vector.serverFirst())));

        SaslServerStep last = block(server.respond(SaslData.ofUtf8(vector.clientFinal())));
        assertThat(last).isEqualTo(new SaslServerStep.Success(vector.username(),
                Optional.of(SaslData.ofUtf8(vector.serverFinal()))));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theServerRefusesTheRecordedProofForAnotherPassword(Vector vector) {
        ScramCredentials keys = ScramCredentials.derive(vector.mechanism().hash(), vector.password() + "!",
                Base64.getDecoder().decode(vector.salt()), vector.iterations());
        SaslServer server = vector.mechanism().server(SaslContexts.server(
                new InMemoryCredentialStore().add(vector.username(), keys), Optional.empty(), false),
                vector.serverNonceSuffix());

        block(server.start(Optional.of(SaslData.ofUtf8(vector.clientFirst()))));

        assertThat(block(server.respond(SaslData.ofUtf8(vector.clientFinal()))))
                .isEqualTo(new SaslServerStep.Failure(SaslFailureCondition.NOT_AUTHORIZED, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theClientRefusesTheRecordedSignatureForAnotherPassword(Vector vector) {
        SaslClient client = vector.mechanism().client(SaslContexts.client(vector.username(),
                vector.password() + "!", Optional.empty(), vector.mechanism().name()),
                vector.clientNonce());
        client.initialResponse();
        client.respond(SaslData.ofUtf8(vector.serverFirst()));

        assertThatThrownBy(() -> client.complete(Optional.of(SaslData.ofUtf8(vector.serverFinal()))))
                .isInstanceOfSatisfying(SaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED));
    }
}
