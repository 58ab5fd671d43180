package org.xmppreactive.sasl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a mechanism's client against a server as a stream would carry them, and keeps the conversation as text
 * ({@code C: n,,n=juliet,r=...}, {@code S: ...}) so that a failing assertion shows what was said.
 */
final class SaslConversation {

    /**
     * How a conversation ended.
     *
     * @param serverStep  the server's last step: a success or a failure (or a challenge the client refused)
     * @param clientError what the client refused, if it did
     * @param transcript  the messages, one a line
     */
    record Outcome(SaslServerStep serverStep, Optional<SaslException> clientError, List<String> transcript) {

        /** Whether the server succeeded and the client accepted it. */
        boolean succeeded() {
            return serverStep instanceof SaslServerStep.Success && clientError.isEmpty();
        }

        /** The server's success; fails the test with the transcript otherwise. */
        SaslServerStep.Success success() {
            if (!succeeded()) {
                throw new AssertionError("expected success, the conversation was:\n" + this);
            }
            return (SaslServerStep.Success) serverStep;
        }

        /** The server's failure; fails the test with the transcript otherwise. */
        SaslServerStep.Failure failure() {
            if (!(serverStep instanceof SaslServerStep.Failure failure)) {
                throw new AssertionError("expected the server to fail, the conversation was:\n" + this);
            }
            return failure;
        }

        /** The client's refusal; fails the test with the transcript otherwise. */
        SaslException clientRefusal() {
            return clientError.orElseThrow(
                    () -> new AssertionError("expected the client to refuse, the conversation was:\n" + this));
        }

        @Override
        public String toString() {
            return String.join("\n", transcript) + clientError.map(e -> "\nclient refused: " + e.getMessage())
                    .orElse("");
        }
    }

    private SaslConversation() {
    }

    /** Runs {@code client} against {@code server} until one side succeeds, fails or refuses. */
    static Outcome run(SaslClient client, SaslServer server) {
        List<String> transcript = new ArrayList<>();
        Optional<SaslData> initial = client.initialResponse();
        transcript.add("C: <auth/> " + initial.map(SaslConversation::show).orElse("(no initial response)"));
        SaslServerStep step = block(server.start(initial));
        for (int round = 0; round < 10; round++) {
            if (step instanceof SaslServerStep.Challenge challenge) {
                transcript.add("S: <challenge/> " + show(challenge.data()));
                SaslData response;
                try {
                    response = client.respond(challenge.data());
                } catch (SaslException e) {
                    return new Outcome(step, Optional.of(e), transcript);
                }
                transcript.add("C: <response/> " + show(response));
                step = block(server.respond(response));
            } else if (step instanceof SaslServerStep.Success success) {
                transcript.add("S: <success/> " + success.additionalData().map(SaslConversation::show).orElse("")
                        + " as " + success.username());
                try {
                    client.complete(success.additionalData());
                } catch (SaslException e) {
                    return new Outcome(step, Optional.of(e), transcript);
                }
                return new Outcome(step, Optional.empty(), transcript);
            } else {
                SaslServerStep.Failure failure = (SaslServerStep.Failure) step;
                transcript.add("S: <failure/> " + failure.condition() + failure.text().map(t -> " " + t).orElse(""));
                return new Outcome(step, Optional.empty(), transcript);
            }
        }
        throw new AssertionError("no end after 10 rounds:\n" + String.join("\n", transcript));
    }

    /** The server's step, waiting at most a second: every store in these tests answers at once. */
    static SaslServerStep block(reactor.core.publisher.Mono<SaslServerStep> step) {
        return step.block(Duration.ofSeconds(1));
    }

    /** Data as UTF-8 text with NUL shown as {@code \0}. */
    static String show(SaslData data) {
        return new String(data.bytes(), StandardCharsets.UTF_8).replace("\0", "\\0");
    }

    /** The data's text. */
    static String text(SaslData data) {
        return new String(data.bytes(), StandardCharsets.UTF_8);
    }
}
