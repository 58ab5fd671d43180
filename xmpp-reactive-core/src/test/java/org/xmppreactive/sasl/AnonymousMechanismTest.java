package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.sasl.SaslConversation.block;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnonymousMechanismTest {

    private static final SaslServerContext SERVER =
            SaslContexts.server(new InMemoryCredentialStore(), Optional.empty(), false);
    private static final SaslClientContext CLIENT = new SaslClientContext("", Optional.empty(), Optional.empty(),
            Optional.empty(), List.of("ANONYMOUS"), false, 4096);

    @Test
    void everyExchangeSucceedsWithAFreshRandomUsername() {
        SaslServerStep.Success first = SaslConversation.run(AnonymousMechanism.ANONYMOUS.client(CLIENT),
                AnonymousMechanism.ANONYMOUS.server(SERVER)).success();
        SaslServerStep.Success second = SaslConversation.run(AnonymousMechanism.ANONYMOUS.client(CLIENT),
                AnonymousMechanism.ANONYMOUS.server(SERVER)).success();

        assertThat(first.username()).matches("[0-9a-f]{16}");
        assertThat(second.username()).matches("[0-9a-f]{16}").isNotEqualTo(first.username());
        assertThat(first.additionalData()).isEmpty();
    }

    @Test
    void theClientSendsAnEmptyTraceAndNeedsNothing() {
        assertThat(AnonymousMechanism.ANONYMOUS.isUsableBy(CLIENT)).isTrue();
        assertThat(AnonymousMechanism.ANONYMOUS.isOfferableIn(SERVER)).isTrue();
        assertThat(AnonymousMechanism.ANONYMOUS.client(CLIENT).initialResponse()).contains(SaslData.empty());
    }

    @Test
    void aTraceTokenIsAccepted() {
        assertThat(block(AnonymousMechanism.ANONYMOUS.server(SERVER)
                .start(Optional.of(SaslData.ofUtf8("sirhc@example.org")))))
                .isInstanceOf(SaslServerStep.Success.class);
    }

    @Test
    void aTraceTokenOver255CharactersOrNotUtf8IsMalformed() {
        assertThat(block(AnonymousMechanism.ANONYMOUS.server(SERVER)
                .start(Optional.of(SaslData.ofUtf8("x".repeat(256))))))
                .isInstanceOfSatisfying(SaslServerStep.Failure.class,
                        f -> assertThat(f.condition()).isEqualTo(SaslFailureCondition.MALFORMED_REQUEST));
        assertThat(block(AnonymousMechanism.ANONYMOUS.server(SERVER)
                .start(Optional.of(SaslData.of(new byte[] {(byte) 0xff})))))
                .isInstanceOf(SaslServerStep.Failure.class);
    }

    @Test
    void withoutAnInitialResponseTheServerAsksForTheTrace() {
        SaslServer server = AnonymousMechanism.ANONYMOUS.server(SERVER);

        assertThat(block(server.start(Optional.empty()))).isEqualTo(new SaslServerStep.Challenge(SaslData.empty()));
        assertThat(block(server.respond(SaslData.empty()))).isInstanceOf(SaslServerStep.Success.class);
        assertThat(block(server.respond(SaslData.empty()))).isInstanceOf(SaslServerStep.Failure.class);
    }
}
