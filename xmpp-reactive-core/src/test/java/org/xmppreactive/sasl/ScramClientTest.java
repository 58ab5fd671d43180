package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.SaslConversation.text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.transport.ChannelBinding;
import org.xmppreactive.transport.TlsInfo;

/**
 * The initiating side of SCRAM against a server that misbehaves, built on the RFC 5802 §5 example so that every
 * message but the one under test is known to be right.
 */
class ScramClientTest {

    private static final String CLIENT_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String NONCE = CLIENT_NONCE + "3rfcNHYJY1ZVvWVs7j";
    private static final String SERVER_FIRST = "r=" + NONCE + ",s=QSXCR+Q6sek8bf92,i=4096";
    private static final String SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    private static SaslClient rfc5802Client(int minimumIterations) {
        SaslClientContext context = new SaslClientContext("user", Optional.of("pencil"), Optional.empty(),
                Optional.empty(), List.of("SCRAM-SHA-1"), false, minimumIterations);
        SaslClient client = ScramMechanism.SCRAM_SHA_1.client(context, CLIENT_NONCE);
        client.initialResponse();
        return client;
    }

    private static SaslClient rfc5802Client() {
        return rfc5802Client(4096);
    }

    private static SaslClient afterServerFirst() {
        SaslClient client = rfc5802Client();
        client.respond(SaslData.ofUtf8(SERVER_FIRST));
        return client;
    }

    private static void assertRefused(ThrowingCallable call, SaslFailureCondition condition, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(SaslException.class, e -> assertThat(e.condition()).isEqualTo(condition))
                .hasMessageContaining(message);
    }

    @Test
    void aServerNonceThatDoesNotExtendOursIsRefused() {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.respond(SaslData.ofUtf8("r=AAAA+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
                + "s=QSXCR+Q6sek8bf92,i=4096")), SaslFailureCondition.NOT_AUTHORIZED, "does not extend");
    }

    @Test
    void aServerNonceThatOnlyRepeatsOursIsRefused() {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.respond(SaslData.ofUtf8("r=" + CLIENT_NONCE + ",s=QSXCR+Q6sek8bf92,i=4096")),
                SaslFailureCondition.NOT_AUTHORIZED, "does not extend");
    }

    @Test
    void anIterationCountBelowTheMinimumIsRefusedAsTooWeak() {
        SaslClient client = rfc5802Client(4097);

        assertRefused(() -> client.respond(SaslData.ofUtf8(SERVER_FIRST)), SaslFailureCondition.MECHANISM_TOO_WEAK,
                "iteration count 4096 is below the minimum of 4097");
    }

    @Test
    void anIterationCountOverTheCeilingIsRefusedBeforeAnyWorkIsDone() {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.respond(SaslData.ofUtf8("r=" + NONCE + ",s=QSXCR+Q6sek8bf92,i=2147483647")),
                SaslFailureCondition.MALFORMED_REQUEST, "above the maximum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "04096", "4096x", "", "99999999999"})
    void anIterationCountThatIsNotAPositiveNumberIsMalformed(String iterations) {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.respond(SaslData.ofUtf8("r=" + NONCE + ",s=QSXCR+Q6sek8bf92,i=" + iterations)),
                SaslFailureCondition.MALFORMED_REQUEST, "iteration count");
    }

    @Test
    void aMandatoryExtensionIsRefused() {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.respond(SaslData.ofUtf8("m=channel-binding-v2," + SERVER_FIRST)),
                SaslFailureCondition.MALFORMED_REQUEST, "m=");
    }

    @Test
    void anOptionalExtensionAfterTheIterationCountIsIgnoredButSigned() {
        SaslClient client = rfc5802Client();

        SaslData clientFinal = client.respond(SaslData.ofUtf8(SERVER_FIRST + ",x=whatever"));

        // The extension is part of AuthMessage, so the proof differs from the RFC's.
        assertThat(text(clientFinal)).startsWith("c=biws,r=" + NONCE + ",p=")
                .isNotEqualTo("c=biws,r=" + NONCE + ",p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,i=4096",                    // no salt
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf9,i=4096",  // salt not base64
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=,i=4096",                 // empty salt
        "s=QSXCR+Q6sek8bf92,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,i=4096", // out of order
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92",        // no iteration count
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,", // trailing comma
        "garbage", ""})
    void aServerFirstMessageThatBreaksTheSyntaxIsMalformed(String serverFirst) {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.respond(SaslData.ofUtf8(serverFirst)), SaslFailureCondition.MALFORMED_REQUEST, "");
    }

    @Test
    void aServerFirstMessageThatIsNotUtf8IsMalformed() {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.respond(SaslData.of(new byte[] {'r', '=', (byte) 0xc0, (byte) 0xaf})),
                SaslFailureCondition.MALFORMED_REQUEST, "not valid UTF-8");
    }

    @Test
    void aServerErrorInServerFirstIsReportedWithItsText() {
        SaslClient client = rfc5802Client();

        assertThatThrownBy(() -> client.respond(SaslData.ofUtf8("e=unknown-user")))
                .isInstanceOfSatisfying(SaslException.class, e -> {
                    assertThat(e.condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED);
                    assertThat(e.text()).contains("unknown-user");
                });
    }

    @Test
    void aServerErrorInServerFinalIsReportedWithItsText() {
        SaslClient client = afterServerFirst();

        assertThatThrownBy(() -> client.complete(Optional.of(SaslData.ofUtf8("e=invalid-proof"))))
                .isInstanceOfSatisfying(SaslException.class, e -> {
                    assertThat(e.condition()).isEqualTo(SaslFailureCondition.NOT_AUTHORIZED);
                    assertThat(e.text()).contains("invalid-proof");
                });
    }

    @Test
    void aWrongServerSignatureIsRefused() {
        SaslClient client = afterServerFirst();
        byte[] signature = Base64.getDecoder().decode(SERVER_FINAL.substring(2));
        signature[19] ^= 1;

        assertRefused(() -> client.complete(Optional.of(SaslData.ofUtf8(
                "v=" + Base64.getEncoder().encodeToString(signature)))),
                SaslFailureCondition.NOT_AUTHORIZED, "server signature is wrong");
    }

    @Test
    void aTruncatedServerSignatureIsRefused() {
        SaslClient client = afterServerFirst();

        assertRefused(() -> client.complete(Optional.of(SaslData.ofUtf8("v=rmF9pqV8S7suAoZWja4dJRkF"))),
                SaslFailureCondition.NOT_AUTHORIZED, "server signature is wrong");
    }

    @Test
    void successWithoutServerSignatureIsRefused() {
        SaslClient absent = afterServerFirst();
        SaslClient empty = afterServerFirst();

        assertRefused(() -> absent.complete(Optional.empty()), SaslFailureCondition.NOT_AUTHORIZED, "without its "
                + "signature");
        assertRefused(() -> empty.complete(Optional.of(SaslData.empty())), SaslFailureCondition.NOT_AUTHORIZED,
                "without its signature");
    }

    @Test
    void successBeforeTheProofWasSentIsRefused() {
        SaslClient client = rfc5802Client();

        assertRefused(() -> client.complete(Optional.of(SaslData.ofUtf8(SERVER_FINAL))),
                SaslFailureCondition.NOT_AUTHORIZED, "before the SCRAM exchange was done");
    }

    @Test
    void theServerSignatureMayComeAsALastChallengeFollowedByEmptySuccess() {
        SaslClient client = afterServerFirst();

        assertThat(client.respond(SaslData.ofUtf8(SERVER_FINAL))).isEqualTo(SaslData.empty());
        client.complete(Optional.empty());
    }

    @Test
    void theServerSignatureMayComeBothAsChallengeAndInSuccess() {
        SaslClient client = afterServerFirst();

        client.respond(SaslData.ofUtf8(SERVER_FINAL));
        client.complete(Optional.of(SaslData.ofUtf8(SERVER_FINAL)));
    }

    @Test
    void aWrongServerSignatureAsLastChallengeIsRefused() {
        SaslClient client = afterServerFirst();

        assertRefused(() -> client.respond(SaslData.ofUtf8("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=")),
                SaslFailureCondition.NOT_AUTHORIZED, "server signature is wrong");
        assertRefused(() -> client.complete(Optional.empty()), SaslFailureCondition.MALFORMED_REQUEST, "failed");
    }

    @Test
    void aChallengeAfterTheServerSignatureIsRefused() {
        SaslClient client = afterServerFirst();
        client.respond(SaslData.ofUtf8(SERVER_FINAL));

        assertRefused(() -> client.respond(SaslData.ofUtf8(SERVER_FINAL)), SaslFailureCondition.MALFORMED_REQUEST,
                "after the exchange");
    }

    @Test
    void nothingIsAcceptedAfterTheClientRefused() {
        SaslClient client = rfc5802Client();
        assertThatThrownBy(() -> client.respond(SaslData.ofUtf8("r=bogus,s=QSXCR+Q6sek8bf92,i=4096")));

        assertRefused(() -> client.respond(SaslData.ofUtf8(SERVER_FIRST)), SaslFailureCondition.MALFORMED_REQUEST,
                "failed");
        assertRefused(() -> client.complete(Optional.of(SaslData.ofUtf8(SERVER_FINAL))),
                SaslFailureCondition.MALFORMED_REQUEST, "failed");
    }

    @Test
    void theInitialResponseIsProducedOnce() {
        SaslClient client = rfc5802Client();

        assertRefused(client::initialResponse, SaslFailureCondition.MALFORMED_REQUEST, "already");
    }

    @Test
    void anEmptyFirstChallengeAsksForClientFirst() {
        SaslClient client = ScramMechanism.SCRAM_SHA_1.client(
                SaslContexts.client("user", "pencil", Optional.empty(), "SCRAM-SHA-1"), CLIENT_NONCE);

        assertThat(text(client.respond(SaslData.empty()))).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(text(client.respond(SaslData.ofUtf8(SERVER_FIRST))))
                .isEqualTo("c=biws,r=" + NONCE + ",p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
    }

    @Test
    void aChallengeWithDataBeforeClientFirstIsRefused() {
        SaslClient client = ScramMechanism.SCRAM_SHA_1.client(
                SaslContexts.client("user", "pencil", Optional.empty(), "SCRAM-SHA-1"), CLIENT_NONCE);

        assertRefused(() -> client.respond(SaslData.ofUtf8(SERVER_FIRST)), SaslFailureCondition.MALFORMED_REQUEST,
                "before the client-first");
    }

    @Test
    void freshNoncesArePrintableAndDifferEachTime() {
        SaslClientContext context = SaslContexts.client("user", "pencil", Optional.empty(), "SCRAM-SHA-1");

        String first = text(ScramMechanism.SCRAM_SHA_1.client(context).initialResponse().orElseThrow());
        String second = text(ScramMechanism.SCRAM_SHA_1.client(context).initialResponse().orElseThrow());

        assertThat(first).matches("n,,n=user,r=[!-+\\--~]{32}");
        assertThat(second).matches("n,,n=user,r=[!-+\\--~]{32}").isNotEqualTo(first);
    }

    // --- the GS2 header

    private static String clientFirst(ScramMechanism mechanism, SaslClientContext context) {
        return text(mechanism.client(context, "nonce").initialResponse().orElseThrow());
    }

    private static String channelBindingAttribute(ScramMechanism mechanism, SaslClientContext context) {
        SaslClient client = mechanism.client(context, "nonce");
        client.initialResponse();
        String clientFinal = text(client.respond(SaslData.ofUtf8("r=nonce+server,s=QSXCR+Q6sek8bf92,i=4096")));
        return clientFinal.substring(2, clientFinal.indexOf(','));
    }

    @Test
    void withoutTlsTheClientSaysItCannotBind() {
        SaslClientContext context = SaslContexts.client("user", "pencil", Optional.empty(),
                "SCRAM-SHA-1-PLUS", "SCRAM-SHA-1");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1, context)).isEqualTo("n,,n=user,r=nonce");
        assertThat(channelBindingAttribute(ScramMechanism.SCRAM_SHA_1, context)).isEqualTo("biws");
    }

    @Test
    void withTlsButNoPlusOfferedTheClientSaysItCouldBind() {
        SaslClientContext context = SaslContexts.client("user", "pencil",
                Optional.of(SaslContexts.tls(SaslContexts.END_POINT)), "SCRAM-SHA-1", "PLAIN");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1, context)).isEqualTo("y,,n=user,r=nonce");
        assertThat(channelBindingAttribute(ScramMechanism.SCRAM_SHA_1, context)).isEqualTo("eSws");
    }

    @Test
    void withTlsWithoutBindingDataTheClientSaysItCannotBind() {
        SaslClientContext context = SaslContexts.client("user", "pencil", Optional.of(SaslContexts.tls()),
                "SCRAM-SHA-1");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1, context)).isEqualTo("n,,n=user,r=nonce");
    }

    @Test
    void plainScramChosenWhilePlusIsOfferedSaysItDoesNotBind() {
        // 'y' would make the server fail the exchange as a downgrade; 'n' is the honest answer here.
        SaslClientContext context = SaslContexts.client("user", "pencil",
                Optional.of(SaslContexts.tls(SaslContexts.END_POINT)), "SCRAM-SHA-1-PLUS", "SCRAM-SHA-1");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1, context)).isEqualTo("n,,n=user,r=nonce");
    }

    @Test
    void plusPrefersTlsExporter() {
        SaslClientContext context = SaslContexts.client("user", "pencil",
                Optional.of(SaslContexts.tls(SaslContexts.END_POINT, SaslContexts.EXPORTER)), "SCRAM-SHA-256-PLUS");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_256_PLUS, context))
                .isEqualTo("p=tls-exporter,,n=user,r=nonce");
        assertThat(Base64.getDecoder().decode(channelBindingAttribute(ScramMechanism.SCRAM_SHA_256_PLUS, context)))
                .isEqualTo(concat("p=tls-exporter,,".getBytes(StandardCharsets.US_ASCII),
                        SaslContexts.EXPORTER.data()));
    }

    @Test
    void plusFallsBackToTlsServerEndPoint() {
        SaslClientContext context = SaslContexts.client("user", "pencil",
                Optional.of(SaslContexts.tls(SaslContexts.END_POINT)), "SCRAM-SHA-256-PLUS");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_256_PLUS, context))
                .isEqualTo("p=tls-server-end-point,,n=user,r=nonce");
        assertThat(Base64.getDecoder().decode(channelBindingAttribute(ScramMechanism.SCRAM_SHA_256_PLUS, context)))
                .isEqualTo(concat("p=tls-server-end-point,,".getBytes(StandardCharsets.US_ASCII),
                        SaslContexts.END_POINT.data()));
    }

    @Test
    void theAuthzidAndUsernameAreEscaped() {
        SaslClientContext context = SaslContexts.client("a=b,c", "pencil", "a=b,c@example.com", Optional.empty(),
                "SCRAM-SHA-1");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1, context))
                .isEqualTo("n,a=a=3Db=2Cc@example.com,n=a=3Db=2Cc,r=nonce");
    }

    @Test
    void thePasswordIsNormalizedWithOpaqueString() {
        // U+00A0 NO-BREAK SPACE maps to U+0020 (RFC 8265 §4.2.1), so both spellings give the same proof.
        SaslClient spaced = ScramMechanism.SCRAM_SHA_1.client(
                SaslContexts.client("user", "pen cil", Optional.empty(), "SCRAM-SHA-1"), "nonce");
        SaslClient noBreak = ScramMechanism.SCRAM_SHA_1.client(
                SaslContexts.client("user", "pen\u00a0cil", Optional.empty(), "SCRAM-SHA-1"), "nonce");
        spaced.initialResponse();
        noBreak.initialResponse();
        SaslData serverFirst = SaslData.ofUtf8("r=nonce+server,s=QSXCR+Q6sek8bf92,i=4096");

        assertThat(spaced.respond(serverFirst)).isEqualTo(noBreak.respond(serverFirst));
    }

    // --- usability

    @Test
    void scramNeedsAUsernameAndAPassword() {
        SaslClientContext noPassword = new SaslClientContext("user", Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), false, 4096);
        SaslClientContext noUsername = SaslContexts.client("", "pencil", Optional.empty());

        for (ScramMechanism mechanism : ScramMechanism.all()) {
            assertThat(mechanism.isUsableBy(noPassword)).as(mechanism.name()).isFalse();
            assertThat(mechanism.isUsableBy(noUsername)).as(mechanism.name()).isFalse();
            assertThatThrownBy(() -> mechanism.client(noPassword)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void plusNeedsTlsWithBindingDataAndPlainScramDoesNot() {
        Optional<TlsInfo> bindable = Optional.of(SaslContexts.tls(SaslContexts.END_POINT));
        Optional<TlsInfo> unbindable = Optional.of(SaslContexts.tls());

        for (ScramMechanism mechanism : ScramMechanism.all()) {
            assertThat(mechanism.isUsableBy(SaslContexts.client("user", "pencil", bindable))).isTrue();
            assertThat(mechanism.isUsableBy(SaslContexts.client("user", "pencil", unbindable)))
                    .as(mechanism.name()).isEqualTo(!mechanism.isPlus());
            assertThat(mechanism.isUsableBy(SaslContexts.client("user", "pencil", Optional.empty())))
                    .as(mechanism.name()).isEqualTo(!mechanism.isPlus());
        }
    }

    @Test
    void anEmptyPasswordIsRefusedBeforeAnythingIsSent() {
        SaslClientContext context = SaslContexts.client("user", "", Optional.empty(), "SCRAM-SHA-1");

        assertThatThrownBy(() -> ScramMechanism.SCRAM_SHA_1.client(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OpaqueString");
    }

    @Test
    void aPlusMechanismBindsToATypeOtherThanTheTwoKnownOnesIfThatIsAllThereIs() {
        ChannelBinding unique = new ChannelBinding("tls-unique", new byte[] {1, 2, 3});
        SaslClientContext context = SaslContexts.client("user", "pencil", Optional.of(SaslContexts.tls(unique)),
                "SCRAM-SHA-1-PLUS");

        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1_PLUS, context)).isEqualTo("p=tls-unique,,n=user,r=nonce");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    @Test
    void plusIsNotUsedWhenTheServerNamedNoChannelBindingType() {
        Optional<TlsInfo> tls = Optional.of(SaslContexts.tls(SaslContexts.END_POINT));
        SaslClientContext silent = new SaslClientContext("user", Optional.of("pencil"), Optional.empty(), tls,
                java.util.List.of("SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"), false, 4096);
        SaslClientContext otherType = new SaslClientContext("user", Optional.of("pencil"), Optional.empty(), tls,
                java.util.List.of("SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"), false, 4096,
                Optional.of(java.util.List.of("tls-unique")));

        // ejabberd 23.01 offers -PLUS but binds only tls-unique: we must not try, and must not claim 'y'
        assertThat(ScramMechanism.SCRAM_SHA_1_PLUS.isUsableBy(silent)).isFalse();
        assertThat(ScramMechanism.SCRAM_SHA_1_PLUS.isUsableBy(otherType)).isFalse();
        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1, silent)).startsWith("n,,");
        assertThat(clientFirst(ScramMechanism.SCRAM_SHA_1, otherType)).startsWith("n,,");
    }
}
