package org.xmppreactive.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The initiating entity's side of one SCRAM exchange (RFC 5802 §5): client-first, then client-final with the
 * proof, then the check of the server signature. Built by {@link ScramMechanism#client}.
 */
final class ScramClient implements SaslClient {

    private enum State { INITIAL, AWAITING_SERVER_FIRST, AWAITING_SERVER_FINAL, VERIFIED, COMPLETED, FAILED }

    private final ScramHash hash;
    private final Gs2Header gs2Header;
    private final byte[] channelBindingData;
    private final String password;
    private final String clientNonce;
    private final String clientFirstBare;
    private final int minimumIterations;

    private State state = State.INITIAL;
    private byte[] serverSignature;

    ScramClient(ScramHash hash, Gs2Header gs2Header, byte[] channelBindingData, String username, String password,
                String clientNonce, int minimumIterations) {
        if (!ScramAttribute.isPrintable(clientNonce)) {
            throw new IllegalArgumentException("a SCRAM nonce is printable ASCII without ','");
        }
        this.hash = hash;
        this.gs2Header = gs2Header;
        this.channelBindingData = channelBindingData;
        this.password = ScramFunctions.normalize(password);
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + SaslName.escape(username) + ",r=" + clientNonce;
        this.minimumIterations = minimumIterations;
    }

    /** The client-first message: SCRAM is client-first, so there always is one. */
    @Override
    public Optional<SaslData> initialResponse() {
        if (state != State.INITIAL) {
            throw fail(SaslFailureCondition.MALFORMED_REQUEST, "the initial response was already produced");
        }
        state = State.AWAITING_SERVER_FIRST;
        return Optional.of(SaslData.ofUtf8(gs2Header.text() + clientFirstBare));
    }

    /**
     * Answers the server-first message with the client-final message, or accepts a server-final message sent as a
     * challenge (answering it with empty data). An empty challenge before anything was sent asks for the
     * client-first message (RFC 4422 §5, for an {@code <auth/>} without initial response).
     */
    @Override
    public SaslData respond(SaslData challenge) {
        try {
            switch (state) {
                case INITIAL -> {
                    if (!challenge.isEmpty()) {
                        throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                                "a challenge with data before the client-first message");
                    }
                    return initialResponse().orElseThrow();
                }
                case AWAITING_SERVER_FIRST -> {
                    SaslData clientFinal = clientFinal(Utf8.decode(challenge, "server-first message"));
                    state = State.AWAITING_SERVER_FINAL;
                    return clientFinal;
                }
                case AWAITING_SERVER_FINAL -> {
                    // Some servers send server-final as a challenge and <success/> without data.
                    verify(Utf8.decode(challenge, "server-final message"));
                    state = State.VERIFIED;
                    return SaslData.empty();
                }
                default -> throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                        "a challenge after the exchange " + (state == State.FAILED ? "failed" : "ended"));
            }
        } catch (SaslException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Accepts {@code <success/>} only if the server signature was verified: in {@code additionalData}, or in a
     * last challenge (then {@code additionalData} may be absent or empty).
     */
    @Override
    public void complete(Optional<SaslData> additionalData) {
        try {
            boolean hasData = additionalData.isPresent() && !additionalData.get().isEmpty();
            switch (state) {
                case AWAITING_SERVER_FINAL -> {
                    if (!hasData) {
                        throw new SaslException(SaslFailureCondition.NOT_AUTHORIZED,
                                "the server claimed success without its signature (v=): it did not prove it knows "
                                        + "the keys");
                    }
                    verify(Utf8.decode(additionalData.get(), "server-final message"));
                }
                case VERIFIED -> {
                    if (hasData) {
                        verify(Utf8.decode(additionalData.get(), "server-final message"));
                    }
                }
                case INITIAL, AWAITING_SERVER_FIRST -> throw new SaslException(SaslFailureCondition.NOT_AUTHORIZED,
                        "the server claimed success before the SCRAM exchange was done");
                default -> throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                        "success after the exchange " + (state == State.FAILED ? "failed" : "ended"));
            }
            state = State.COMPLETED;
        } catch (SaslException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** RFC 5802 §3, §5.1: checks the server-first message and computes the proof. */
    private SaslData clientFinal(String serverFirst) {
        List<ScramAttribute> attributes = ScramAttribute.parseAll(serverFirst, "server-first message");
        char first = attributes.get(0).name();
        if (first == 'm') {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                    "the server requires a SCRAM extension (m=) this client does not support");
        }
        if (first == 'e') {
            String error = attributes.get(0).value();
            throw new SaslException(SaslFailureCondition.NOT_AUTHORIZED, "the server reported " + error,
                    Optional.of(error));
        }
        String nonce = ScramAttribute.require(attributes, 0, 'r', "server-first message");
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new SaslException(SaslFailureCondition.NOT_AUTHORIZED,
                    "the server nonce does not extend the client nonce (RFC 5802 §5.1)");
        }
        if (!ScramAttribute.isPrintable(nonce)) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                    "the server nonce has characters other than printable ASCII");
        }
        byte[] salt = ScramAttribute.decodeBase64(ScramAttribute.require(attributes, 1, 's', "server-first message"), "salt");
        if (salt.length == 0) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST, "the salt is empty");
        }
        int iterations = iterationCount(ScramAttribute.require(attributes, 2, 'i', "server-first message"));
        if (iterations < minimumIterations) {
            throw new SaslException(SaslFailureCondition.MECHANISM_TOO_WEAK, "the iteration count " + iterations
                    + " is below the minimum of " + minimumIterations);
        }
        if (iterations > ScramMechanism.MAXIMUM_ITERATIONS) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST, "the iteration count " + iterations
                    + " is above the maximum of " + ScramMechanism.MAXIMUM_ITERATIONS);
        }
        // Further attributes are extensions (RFC 5802 §7); not mandatory ones, so they are ignored.

        String clientFinalWithoutProof = "c=" + gs2Header.channelBindingAttribute(channelBindingData) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;

        byte[] saltedPassword = ScramFunctions.hi(hash, password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = ScramFunctions.clientKey(hash, saltedPassword);
        byte[] storedKey = ScramFunctions.h(hash, clientKey);
        byte[] clientSignature = ScramFunctions.hmac(hash, storedKey, authMessage);
        byte[] proof = ScramFunctions.xor(clientKey, clientSignature);
        serverSignature = ScramFunctions.hmac(hash, ScramFunctions.serverKey(hash, saltedPassword), authMessage);
        return SaslData.ofUtf8(clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    }

    /** RFC 5802 §5.1: {@code v=} must be our ServerSignature; {@code e=} is the server's error. */
    private void verify(String serverFinal) {
        List<ScramAttribute> attributes = ScramAttribute.parseAll(serverFinal, "server-final message");
        ScramAttribute first = attributes.get(0);
        if (first.name() == 'e') {
            throw new SaslException(SaslFailureCondition.NOT_AUTHORIZED, "the server reported " + first.value(),
                    Optional.of(first.value()));
        }
        byte[] signature = ScramAttribute.decodeBase64(ScramAttribute.require(attributes, 0, 'v', "server-final message"),
                "server signature");
        if (!MessageDigest.isEqual(signature, serverSignature)) {
            throw new SaslException(SaslFailureCondition.NOT_AUTHORIZED,
                    "the server signature is wrong: the server does not know this account's keys");
        }
    }

    /** RFC 5802 §7: {@code posit-number = %x31-39 *DIGIT}. */
    private static int iterationCount(String text) {
        boolean valid = !text.isEmpty() && text.length() <= 10 && text.charAt(0) >= '1' && text.charAt(0) <= '9'
                && text.chars().allMatch(c -> c >= '0' && c <= '9');
        long value = valid ? Long.parseLong(text) : -1;
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                    "the iteration count is not a positive number");
        }
        return (int) value;
    }

    private SaslException fail(SaslFailureCondition condition, String message) {
        state = State.FAILED;
        return new SaslException(condition, message);
    }
}
