package org.xmppreactive.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.xmppreactive.transport.ChannelBinding;
import reactor.core.publisher.Mono;

/**
 * The receiving entity's side of one SCRAM exchange (RFC 5802 §5): reads client-first, answers with the salt and
 * iteration count, checks the channel binding and the proof in client-final, and succeeds with its own signature.
 * Built by {@link ScramMechanism#server}.
 */
final class ScramServer implements SaslServer {

    /** The salt length {@link InMemoryCredentialStore} uses, so invented salts look like real ones. */
    private static final int UNKNOWN_USER_SALT_LENGTH = 16;

    private enum State { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, DONE }

    private final ScramHash hash;
    private final boolean plus;
    private final SaslServerContext context;
    private final String nonceSuffix;

    private State state = State.AWAITING_CLIENT_FIRST;
    private Gs2Header gs2Header;
    private byte[] channelBindingData;
    private String clientFirstBare;
    private String username;
    private String serverFirst;
    private String nonce;
    private Optional<ScramCredentials> credentials = Optional.empty();

    ScramServer(ScramHash hash, boolean plus, SaslServerContext context, String nonceSuffix) {
        if (!ScramAttribute.isPrintable(nonceSuffix)) {
            throw new IllegalArgumentException("a SCRAM nonce is printable ASCII without ','");
        }
        this.hash = hash;
        this.plus = plus;
        this.context = context;
        this.nonceSuffix = nonceSuffix;
    }

    /** Reads client-first from {@code <auth/>}, or asks for it with an empty challenge if there is none. */
    @Override
    public Mono<SaslServerStep> start(Optional<SaslData> initialResponse) {
        if (state != State.AWAITING_CLIENT_FIRST) {
            return Mono.just(fail(SaslFailureCondition.MALFORMED_REQUEST, "the exchange has already started"));
        }
        return initialResponse.map(this::clientFirst)
                .orElseGet(() -> Mono.just(new SaslServerStep.Challenge(SaslData.empty())));
    }

    /** Reads client-first (after an empty challenge) or client-final. */
    @Override
    public Mono<SaslServerStep> respond(SaslData response) {
        return switch (state) {
            case AWAITING_CLIENT_FIRST -> clientFirst(response);
            case AWAITING_CLIENT_FINAL -> Mono.fromSupplier(() -> clientFinal(response));
            case DONE -> Mono.just(fail(SaslFailureCondition.MALFORMED_REQUEST, "the exchange is over"));
        };
    }

    /** RFC 5802 §5.1 client-first: GS2 header, then {@code n=} username and {@code r=} nonce. */
    private Mono<SaslServerStep> clientFirst(SaslData data) {
        String clientNonce;
        try {
            String message = Utf8.decode(data, "client-first message");
            gs2Header = Gs2Header.parse(message);
            checkChannelBindingFlag();
            clientFirstBare = message.substring(gs2Header.text().length());
            List<ScramAttribute> attributes = ScramAttribute.parseAll(clientFirstBare, "client-first message");
            if (attributes.get(0).name() == 'm') {
                throw refusal(SaslFailureCondition.MALFORMED_REQUEST, "extensions-not-supported");
            }
            username = SaslName.unescape(ScramAttribute.require(attributes, 0, 'n', "client-first message"),
                    "username");
            clientNonce = ScramAttribute.require(attributes, 1, 'r', "client-first message");
            if (!ScramAttribute.isPrintable(clientNonce)) {
                throw refusal(SaslFailureCondition.MALFORMED_REQUEST,
                        "the client nonce is not printable ASCII without ','");
            }
        } catch (SaslException e) {
            return Mono.just(fail(e));
        }
        nonce = clientNonce + nonceSuffix;
        Optional<String> localpart = Accounts.localpart(username);
        localpart.ifPresent(canonical -> username = canonical);
        Mono<Optional<ScramCredentials>> lookup = localpart.isEmpty()
                ? Mono.just(Optional.empty())
                : Mono.defer(() -> context.credentials().lookup(localpart.get(), hash))
                        .filter(found -> found.hash() == hash)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty());
        return lookup
                .map(this::serverFirst)
                .onErrorResume(e -> Mono.just(fail(SaslFailureCondition.TEMPORARY_AUTH_FAILURE,
                        "the credential store failed")));
    }

    /**
     * RFC 5802 §6: the flag must match the mechanism, and {@code y} while this server offers {@code -PLUS} means
     * someone removed the {@code -PLUS} mechanisms from the offer.
     */
    private void checkChannelBindingFlag() {
        switch (gs2Header.flag()) {
            case 'p' -> {
                if (!plus) {
                    throw refusal(SaslFailureCondition.MALFORMED_REQUEST,
                            "channel binding (p=) requested with a mechanism without -PLUS");
                }
                String type = gs2Header.channelBindingType().orElseThrow();
                Optional<ChannelBinding> binding = context.tls().flatMap(tls -> tls.channelBinding(type));
                if (binding.isEmpty()) {
                    throw refusal(SaslFailureCondition.NOT_AUTHORIZED, "unsupported-channel-binding-type");
                }
                channelBindingData = binding.get().data();
            }
            case 'y' -> {
                if (plus) {
                    throw refusal(SaslFailureCondition.MALFORMED_REQUEST, "a -PLUS mechanism requires the p= flag");
                }
                if (context.plusOffered()) {
                    throw refusal(SaslFailureCondition.NOT_AUTHORIZED, "server-does-support-channel-binding: the "
                            + "-PLUS mechanisms were offered; the offer may have been tampered with");
                }
                channelBindingData = new byte[0];
            }
            default -> {
                if (plus) {
                    throw refusal(SaslFailureCondition.MALFORMED_REQUEST, "a -PLUS mechanism requires the p= flag");
                }
                channelBindingData = new byte[0];
            }
        }
    }

    /** RFC 5802 §5.1 server-first: the combined nonce, the salt and the iteration count. */
    private SaslServerStep serverFirst(Optional<ScramCredentials> found) {
        credentials = found;
        UnknownAccounts unknown = context.credentials().unknownAccounts();
        byte[] salt = found.map(ScramCredentials::salt).orElseGet(() -> unknownUserSalt(unknown));
        int iterations = found.map(ScramCredentials::iterations).orElse(unknown.iterations());
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        state = State.AWAITING_CLIENT_FINAL;
        return new SaslServerStep.Challenge(SaslData.ofUtf8(serverFirst));
    }

    /** RFC 5802 §5.1 client-final: channel binding, nonce and proof; then the server signature. */
    private SaslServerStep clientFinal(SaslData data) {
        state = State.DONE;
        try {
            String message = Utf8.decode(data, "client-final message");
            List<ScramAttribute> attributes = ScramAttribute.parseAll(message, "client-final message");
            byte[] cbind = ScramAttribute.decodeBase64(
                    ScramAttribute.require(attributes, 0, 'c', "client-final message"), "channel binding (c=)");
            String clientNonce = ScramAttribute.require(attributes, 1, 'r', "client-final message");
            ScramAttribute last = attributes.get(attributes.size() - 1);
            if (attributes.size() < 3 || last.name() != 'p') {
                throw refusal(SaslFailureCondition.MALFORMED_REQUEST, "the client-final message does not end with "
                        + "the proof (p=)");
            }
            byte[] proof = ScramAttribute.decodeBase64(last.value(), "proof (p=)");
            byte[] expectedCbind = gs2Header.channelBindingInput(channelBindingData);
            if (!MessageDigest.isEqual(cbind, expectedCbind)) {
                throw refusal(SaslFailureCondition.NOT_AUTHORIZED, "channel-bindings-dont-match");
            }
            if (!clientNonce.equals(nonce)) {
                throw refusal(SaslFailureCondition.NOT_AUTHORIZED, "the nonce is not the one of this exchange");
            }
            String clientFinalWithoutProof = message.substring(0, message.length() - last.value().length() - 3);
            String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
            if (credentials.isEmpty() || !proves(credentials.get(), authMessage, proof)) {
                // Unknown account and wrong password look the same from outside (RFC 5802 §9).
                return new SaslServerStep.Failure(SaslFailureCondition.NOT_AUTHORIZED, Optional.empty());
            }
            if (!Accounts.mayActAs(gs2Header.authzid(), username, context.domain())) {
                throw refusal(SaslFailureCondition.INVALID_AUTHZID,
                        "an account may only act as its own bare JID");
            }
            byte[] serverSignature = ScramFunctions.hmac(hash, credentials.get().serverKey(), authMessage);
            return new SaslServerStep.Success(username,
                    Optional.of(SaslData.ofUtf8("v=" + Base64.getEncoder().encodeToString(serverSignature))));
        } catch (SaslException e) {
            return fail(e);
        }
    }

    /** {@code H(ClientProof XOR HMAC(StoredKey, AuthMessage)) == StoredKey}, compared in constant time. */
    private boolean proves(ScramCredentials keys, String authMessage, byte[] proof) {
        byte[] storedKey = keys.storedKey();
        if (proof.length != storedKey.length) {
            return false;
        }
        byte[] clientSignature = ScramFunctions.hmac(hash, storedKey, authMessage);
        byte[] clientKey = ScramFunctions.xor(proof, clientSignature);
        return MessageDigest.isEqual(ScramFunctions.h(hash, clientKey), storedKey);
    }

    // The same unknown name gets the same salt every time, as a real account would, and nobody without the key can
    // compute it.
    private byte[] unknownUserSalt(UnknownAccounts unknown) {
        byte[] input = (hash.name() + '\0' + username).getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(ScramFunctions.hmac(ScramHash.SHA_256, unknown.saltKey(), input),
                UNKNOWN_USER_SALT_LENGTH);
    }

    private SaslServerStep fail(SaslFailureCondition condition, String text) {
        state = State.DONE;
        return new SaslServerStep.Failure(condition, Optional.of(text));
    }

    private SaslServerStep fail(SaslException e) {
        state = State.DONE;
        return new SaslServerStep.Failure(e.condition(), Optional.of(reason(e)));
    }

    /** The exception's message without the condition prefix {@link SaslException} puts in front. */
    private static String reason(SaslException e) {
        String prefix = e.condition().elementName() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static SaslException refusal(SaslFailureCondition condition, String text) {
        return new SaslException(condition, text);
    }
}
