package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.SaslConversation.block;
import static org.xmppreactive.sasl.SaslConversation.text;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.transport.ChannelBinding;
import org.xmppreactive.transport.TlsInfo;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The receiving side of SCRAM against clients that misbehave or lie. */
class ScramServerTest {

    private static final InMemoryCredentialStore STORE = new InMemoryCredentialStore()
            .add("juliet", "r0m30myr0m30")
            .add("a=b,c", "pencil");

    private static final SaslServerStep NOT_AUTHORIZED =
            new SaslServerStep.Failure(SaslFailureCondition.NOT_AUTHORIZED, Optional.empty());

    private static SaslServer server(ScramMechanism mechanism, Optional<TlsInfo> tls, boolean plusOffered) {
        return mechanism.server(SaslContexts.server(STORE, tls, plusOffered));
    }

    private static SaslServer plainServer() {
        return server(ScramMechanism.SCRAM_SHA_256, Optional.empty(), false);
    }

    /** SCRAM-SHA-256 without TLS over {@code store}. */
    private static SaslServer plainServer(CredentialStore store) {
        return ScramMechanism.SCRAM_SHA_256.server(SaslContexts.server(store, Optional.empty(), false));
    }

    private static SaslConversation.Outcome run(ScramMechanism mechanism, SaslClientContext client,
                                                SaslServerContext server) {
        return SaslConversation.run(mechanism.client(client), mechanism.server(server));
    }

    private static void assertFails(SaslServerStep step, SaslFailureCondition condition, String text) {
        assertThat(step).isInstanceOfSatisfying(SaslServerStep.Failure.class, failure -> {
            assertThat(failure.condition()).isEqualTo(condition);
            assertThat(failure.text()).hasValueSatisfying(t -> assertThat(t).contains(text));
        });
    }

    // --- channel binding

    @Test
    void aClientThatCouldBindIsRefusedWhenPlusWasOffered() {
        // An attacker removed SCRAM-SHA-256-PLUS from the offer the client saw: RFC 5802 §6.
        Optional<TlsInfo> tls = Optional.of(SaslContexts.tls(SaslContexts.EXPORTER));
        SaslClientContext client = SaslContexts.client("juliet", "r0m30myr0m30", tls, "SCRAM-SHA-256");

        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256, client,
                SaslContexts.server(STORE, tls, true));

        assertFails(outcome.failure(), SaslFailureCondition.NOT_AUTHORIZED, "server-does-support-channel-binding");
        assertThat(outcome.transcript().get(0)).contains("y,,n=juliet");
    }

    @Test
    void aClientThatCouldBindIsAcceptedWhenNoPlusWasOffered() {
        Optional<TlsInfo> tls = Optional.of(SaslContexts.tls(SaslContexts.EXPORTER));
        SaslClientContext client = SaslContexts.client("juliet", "r0m30myr0m30", tls, "SCRAM-SHA-256");

        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256, client,
                SaslContexts.server(STORE, tls, false));

        assertThat(outcome.success().username()).isEqualTo("juliet");
    }

    @Test
    void plusWithBindingDataOtherThanTheServersIsRefused() {
        // A man in the middle terminates TLS: each side sees a different connection.
        Optional<TlsInfo> clientTls = Optional.of(SaslContexts.tls(
                new ChannelBinding(ChannelBinding.TLS_EXPORTER, SaslContexts.bytes(32, 100))));
        Optional<TlsInfo> serverTls = Optional.of(SaslContexts.tls(SaslContexts.EXPORTER));
        SaslClientContext client = SaslContexts.client("juliet", "r0m30myr0m30", clientTls, "SCRAM-SHA-256-PLUS");

        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256_PLUS, client,
                SaslContexts.server(STORE, serverTls, true));

        assertFails(outcome.failure(), SaslFailureCondition.NOT_AUTHORIZED, "channel-bindings-dont-match");
    }

    @Test
    void plusWithABindingTypeTheServerLacksIsRefused() {
        Optional<TlsInfo> clientTls = Optional.of(SaslContexts.tls(SaslContexts.EXPORTER));
        Optional<TlsInfo> serverTls = Optional.of(SaslContexts.tls(SaslContexts.END_POINT));
        SaslClientContext client = SaslContexts.client("juliet", "r0m30myr0m30", clientTls, "SCRAM-SHA-1-PLUS");

        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_1_PLUS, client,
                SaslContexts.server(STORE, serverTls, true));

        assertFails(outcome.failure(), SaslFailureCondition.NOT_AUTHORIZED, "unsupported-channel-binding-type");
    }

    @Test
    void aBindingRequestOnAMechanismWithoutPlusIsMalformed() {
        SaslServer server = server(ScramMechanism.SCRAM_SHA_256, Optional.of(SaslContexts.tls(SaslContexts.EXPORTER)),
                true);

        assertFails(block(server.start(Optional.of(SaslData.ofUtf8("p=tls-exporter,,n=juliet,r=abc")))),
                SaslFailureCondition.MALFORMED_REQUEST, "without -PLUS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n,,n=juliet,r=abc", "y,,n=juliet,r=abc"})
    void aPlusMechanismWithoutABindingRequestIsMalformed(String clientFirst) {
        SaslServer server = server(ScramMechanism.SCRAM_SHA_256_PLUS,
                Optional.of(SaslContexts.tls(SaslContexts.EXPORTER)), true);

        assertFails(block(server.start(Optional.of(SaslData.ofUtf8(clientFirst)))),
                SaslFailureCondition.MALFORMED_REQUEST, "requires the p= flag");
    }

    @Test
    void aChannelBindingAttributeThatDisagreesWithTheHeaderIsRefused() {
        // The client said n,, but c= carries y,, (eSws): the header was changed on the way.
        SaslServer server = plainServer();
        String serverFirst = text(((SaslServerStep.Challenge) block(
                server.start(Optional.of(SaslData.ofUtf8("n,,n=juliet,r=abc"))))).data());
        String nonce = serverFirst.substring(2, serverFirst.indexOf(','));

        assertFails(block(server.respond(SaslData.ofUtf8("c=eSws,r=" + nonce + ",p=AAAA"))),
                SaslFailureCondition.NOT_AUTHORIZED, "channel-bindings-dont-match");
    }

    // --- client-first and client-final syntax

    @ParameterizedTest
    @ValueSource(strings = {
        "n,,n=a=2Xb,r=abc",    // '=' not followed by 2C or 3D
        "n,,n=ab=,r=abc",      // '=' at the end
        "n,,n=a=2cb,r=abc",    // lower-case escape
        "n,,n=,r=abc",         // empty username
        "n,,r=abc,n=juliet",   // out of order
        "n,,n=juliet",         // no nonce
        "n,,n=juliet,r=",      // empty nonce
        "n,,n=juliet,r=a b",   // nonce not printable
        "x,,n=juliet,r=abc",   // unknown flag
        "F,n,,n=juliet,r=abc", // non-standard GS2 prefix
        "n,b=x,n=juliet,r=abc", // not an authzid
        "n,a=a=2Xb,n=juliet,r=abc", // bad escape in the authzid
        "p=,,n=juliet,r=abc",  // no binding type
        "n,n=juliet,r=abc",    // no GS2 header
        ""})
    void aClientFirstMessageThatBreaksTheSyntaxIsMalformed(String clientFirst) {
        assertFails(block(plainServer().start(Optional.of(SaslData.ofUtf8(clientFirst)))),
                SaslFailureCondition.MALFORMED_REQUEST, "");
    }

    @Test
    void aMandatoryExtensionIsRefused() {
        assertFails(block(plainServer().start(Optional.of(SaslData.ofUtf8("n,,m=foo,n=juliet,r=abc")))),
                SaslFailureCondition.MALFORMED_REQUEST, "extensions-not-supported");
    }

    @Test
    void aClientFirstMessageThatIsNotUtf8IsMalformed() {
        assertFails(block(plainServer().start(Optional.of(SaslData.of(new byte[] {'n', ',', ',', (byte) 0xff})))),
                SaslFailureCondition.MALFORMED_REQUEST, "UTF-8");
    }

    private static String serverFirst(SaslServer server, String clientFirst) {
        return text(((SaslServerStep.Challenge) block(server.start(Optional.of(SaslData.ofUtf8(clientFirst)))))
                .data());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c=biws,r=NONCE",                  // no proof
        "c=biws,p=AAAA",                   // no nonce
        "r=NONCE,c=biws,p=AAAA",           // out of order
        "c=biws!,r=NONCE,p=AAAA",          // c= not base64
        "c=biws,r=NONCE,p=AAA",            // p= not base64
        "c=biws,r=NONCE,p=AAAA,x=1"})      // proof not last
    void aClientFinalMessageThatBreaksTheSyntaxIsMalformed(String template) {
        SaslServer server = plainServer();
        String serverFirst = serverFirst(server, "n,,n=juliet,r=abc");
        String nonce = serverFirst.substring(2, serverFirst.indexOf(','));

        assertFails(block(server.respond(SaslData.ofUtf8(template.replace("NONCE", nonce)))),
                SaslFailureCondition.MALFORMED_REQUEST, "");
    }

    @Test
    void aClientFinalMessageWithAnotherNonceIsRefused() {
        SaslServer server = plainServer();
        serverFirst(server, "n,,n=juliet,r=abc");

        assertFails(block(server.respond(SaslData.ofUtf8("c=biws,r=abcdef,p=AAAA"))),
                SaslFailureCondition.NOT_AUTHORIZED, "nonce");
    }

    @Test
    void aProofOfTheWrongLengthIsRefusedLikeAWrongOne() {
        SaslServer server = plainServer();
        String serverFirst = serverFirst(server, "n,,n=juliet,r=abc");
        String nonce = serverFirst.substring(2, serverFirst.indexOf(','));

        assertThat(block(server.respond(SaslData.ofUtf8("c=biws,r=" + nonce + ",p=AAAA")))).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void theServerNonceExtendsTheClientNonceWithFreshRandomness() {
        String first = serverFirst(plainServer(), "n,,n=juliet,r=abc");
        String second = serverFirst(plainServer(), "n,,n=juliet,r=abc");

        assertThat(first).matches("r=abc[!-+\\--~]{32},s=[A-Za-z0-9+/]{22}==,i=4096");
        assertThat(first).isNotEqualTo(second);
    }

    // --- accounts and passwords

    @Test
    void aWrongPasswordIsNotAuthorizedWithoutText() {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256,
                SaslContexts.client("juliet", "wrong", Optional.empty(), "SCRAM-SHA-256"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.failure()).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void anUnknownUserFailsExactlyLikeAWrongPassword() {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256,
                SaslContexts.client("nobody", "wrong", Optional.empty(), "SCRAM-SHA-256"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.failure()).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void anUnknownUserGetsAChallengeShapedLikeARealOne() {
        String known = serverFirst(plainServer(), "n,,n=juliet,r=abc");
        String unknown = serverFirst(plainServer(), "n,,n=nobody,r=abc");
        String shape = "r=abc[!-+\\--~]{32},s=[A-Za-z0-9+/]{22}==,i=4096";

        assertThat(known).matches(shape);
        assertThat(unknown).matches(shape);
    }

    @Test
    void anUnknownUserGetsTheSameSaltEveryTimeAsARealOneWould() {
        String salt = salt(serverFirst(plainServer(), "n,,n=nobody,r=abc"));

        assertThat(salt(serverFirst(plainServer(), "n,,n=nobody,r=xyz"))).isEqualTo(salt);
        assertThat(salt(serverFirst(server(ScramMechanism.SCRAM_SHA_256_PLUS,
                Optional.of(SaslContexts.tls(SaslContexts.EXPORTER)), true), "p=tls-exporter,,n=nobody,r=abc")))
                .isEqualTo(salt);
        assertThat(salt(serverFirst(plainServer(), "n,,n=somebody,r=abc"))).isNotEqualTo(salt);
    }

    @Test
    void theStoreDecidesWhatAnUnknownAccountLooksLikeSoThatItSurvivesARestart() {
        byte[] key = "a key kept with the accounts, 32b".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String before = serverFirst(plainServer(new KeptStore(key, 10_000)), "n,,n=nobody,r=abc");
        String afterRestart = serverFirst(plainServer(new KeptStore(key.clone(), 10_000)), "n,,n=nobody,r=abc");
        String otherKey = serverFirst(plainServer(new KeptStore(new byte[32], 10_000)), "n,,n=nobody,r=abc");

        assertThat(before).endsWith(",i=10000");
        assertThat(salt(afterRestart)).isEqualTo(salt(before));
        assertThat(salt(otherKey)).isNotEqualTo(salt(before));
        assertThatThrownBy(() -> UnknownAccounts.of(new byte[8], 4096)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownAccountGetsTheIterationCountOfTheAccountsOfAnInMemoryStore() {
        InMemoryCredentialStore slow = new InMemoryCredentialStore(20_000).add("juliet", "r0m30myr0m30");

        assertThat(serverFirst(plainServer(slow), "n,,n=juliet,r=abc")).endsWith(",i=20000");
        assertThat(serverFirst(plainServer(slow), "n,,n=nobody,r=abc")).endsWith(",i=20000");
    }

    /** A store without accounts that keeps its unknown-account parameters, as a database-backed one would. */
    private record KeptStore(byte[] key, int iterations) implements CredentialStore {
        @Override
        public reactor.core.publisher.Mono<ScramCredentials> lookup(String username, ScramHash hash) {
            return reactor.core.publisher.Mono.empty();
        }

        @Override
        public UnknownAccounts unknownAccounts() {
            return UnknownAccounts.of(key, iterations);
        }
    }

    @Test
    void aRealAccountGetsItsStoredSaltAndIterations() throws Exception {
        ScramCredentials keys = STORE.lookup("juliet", ScramHash.SHA_256).block();

        assertThat(serverFirst(plainServer(), "n,,n=juliet,r=abc"))
                .endsWith(",s=" + Base64.getEncoder().encodeToString(keys.salt()) + ",i=" + keys.iterations());
    }

    private static String salt(String serverFirst) {
        return serverFirst.substring(serverFirst.indexOf(",s=") + 3, serverFirst.indexOf(",i="));
    }

    @Test
    void theUsernameIsPreparedAsALocalpart() {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_1,
                SaslContexts.client("Juliet", "r0m30myr0m30", Optional.empty(), "SCRAM-SHA-1"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.success().username()).isEqualTo("juliet");
    }

    @Test
    void aUsernameThatCannotBeALocalpartFailsLikeAnUnknownUser() {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_1,
                SaslContexts.client("juliet@example.com", "r0m30myr0m30", Optional.empty(), "SCRAM-SHA-1"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.failure()).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void aUsernameWithEqualsAndCommaRoundTrips() {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_512,
                SaslContexts.client("a=b,c", "pencil", Optional.empty(), "SCRAM-SHA-512"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.transcript().get(0)).contains("n=a=3Db=2Cc,");
        assertThat(outcome.success().username()).isEqualTo("a=b,c");
    }

    @Test
    void theAccountsOwnBareJidIsAcceptedAsAuthzid() {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256,
                SaslContexts.client("juliet", "r0m30myr0m30", "Juliet@Example.com", Optional.empty(),
                        "SCRAM-SHA-256"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.success().username()).isEqualTo("juliet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@example.com", "juliet@example.org", "juliet@example.com/balcony", "@@"})
    void anyOtherAuthzidIsInvalid(String authzid) {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256,
                SaslContexts.client("juliet", "r0m30myr0m30", authzid, Optional.empty(), "SCRAM-SHA-256"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.failure().condition()).isEqualTo(SaslFailureCondition.INVALID_AUTHZID);
    }

    @Test
    void anAuthzidDoesNotHelpAWrongPassword() {
        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256,
                SaslContexts.client("juliet", "wrong", "romeo@example.com", Optional.empty(), "SCRAM-SHA-256"),
                SaslContexts.server(STORE, Optional.empty(), false));

        assertThat(outcome.failure()).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void aFailingStoreIsATemporaryFailure() {
        CredentialStore broken = (username, hash) -> Mono.error(new IllegalStateException("database down"));
        SaslServer server = ScramMechanism.SCRAM_SHA_1.server(SaslContexts.server(broken, Optional.empty(), false));

        StepVerifier.create(server.start(Optional.of(SaslData.ofUtf8("n,,n=juliet,r=abc"))))
                .assertNext(step -> assertFails(step, SaslFailureCondition.TEMPORARY_AUTH_FAILURE, "store"))
                .verifyComplete();
    }

    @Test
    void aStoreThatThrowsInsteadOfFailingTheMonoIsATemporaryFailureToo() {
        CredentialStore broken = (username, hash) -> {
            throw new IllegalStateException("database down");
        };
        SaslServer server = ScramMechanism.SCRAM_SHA_1.server(SaslContexts.server(broken, Optional.empty(), false));

        assertFails(block(server.start(Optional.of(SaslData.ofUtf8("n,,n=juliet,r=abc")))),
                SaslFailureCondition.TEMPORARY_AUTH_FAILURE, "store");
    }

    @Test
    void keysForAnotherHashAreNotUsed() {
        ScramCredentials sha1 = STORE.lookup("juliet", ScramHash.SHA_1).block();
        CredentialStore confused = (username, hash) -> Mono.just(sha1);

        SaslConversation.Outcome outcome = run(ScramMechanism.SCRAM_SHA_256,
                SaslContexts.client("juliet", "r0m30myr0m30", Optional.empty(), "SCRAM-SHA-256"),
                SaslContexts.server(confused, Optional.empty(), false));

        assertThat(outcome.failure()).isEqualTo(NOT_AUTHORIZED);
    }

    // --- order

    @Test
    void withoutAnInitialResponseTheServerAsksForClientFirst() {
        SaslServer server = plainServer();

        StepVerifier.create(server.start(Optional.empty()))
                .expectNext(new SaslServerStep.Challenge(SaslData.empty()))
                .verifyComplete();
        assertThat(text(((SaslServerStep.Challenge) block(server.respond(SaslData.ofUtf8("n,,n=juliet,r=abc"))))
                .data())).startsWith("r=abc");
    }

    @Test
    void nothingIsAcceptedAfterTheExchangeEnded() {
        SaslServer server = plainServer();
        block(server.start(Optional.of(SaslData.ofUtf8("n,,n=x=,r=abc"))));

        assertFails(block(server.respond(SaslData.ofUtf8("n,,n=juliet,r=abc"))),
                SaslFailureCondition.MALFORMED_REQUEST, "over");
        assertFails(block(server.start(Optional.empty())), SaslFailureCondition.MALFORMED_REQUEST, "already");
    }

    @Test
    void theStoreIsAskedOnlyWhenTheStepIsSubscribed() {
        int[] lookups = {0};
        CredentialStore counting = (username, hash) -> {
            lookups[0]++;
            return Mono.empty();
        };
        SaslServer server = ScramMechanism.SCRAM_SHA_1.server(SaslContexts.server(counting, Optional.empty(), false));

        Mono<SaslServerStep> step = server.start(Optional.of(SaslData.ofUtf8("n,,n=juliet,r=abc")));
        assertThat(lookups[0]).isZero();
        block(step);
        assertThat(lookups[0]).isEqualTo(1);
    }
}
