package org.xmppreactive.sasl;

import java.util.Objects;
import java.util.Optional;

/** What the receiving entity does next in a SASL exchange: challenge again, succeed, or fail. */
public sealed interface SaslServerStep {

    /** Send {@code <challenge/>} with {@code data} and wait for a response. */
    record Challenge(SaslData data) implements SaslServerStep {
        /** Requires data. */
        public Challenge {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Authentication succeeded: send {@code <success/>} with {@code additionalData}.
     *
     * @param username       the authenticated identity, as a JID localpart (for ANONYMOUS a fresh one)
     * @param additionalData e.g. SCRAM's server signature
     */
    record Success(String username, Optional<SaslData> additionalData) implements SaslServerStep {
        /** Requires both. */
        public Success {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(additionalData, "additionalData");
        }
    }

    /** Authentication failed: send {@code <failure/>} with this condition and optional text. */
    record Failure(SaslFailureCondition condition, Optional<String> text) implements SaslServerStep {
        /** Requires both. */
        public Failure {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(text, "text");
        }
    }
}
