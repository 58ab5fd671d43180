package org.xmppreactive.sasl;

import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * PLAIN (RFC 4616): the initiating entity sends {@code authzid NUL authcid NUL password} in one message. The
 * password crosses the wire as it is, so PLAIN runs only under TLS unless the context explicitly allows otherwise
 * (RFC 6120 §13.8.3 and §4.3 of the security notes: a stripped offer must not leave PLAIN in the clear).
 *
 * <pre>{@code
 * SaslClient plain = PlainMechanism.PLAIN.client(context);
 * plain.initialResponse();   // "\0juliet\0r0m30myr0m30" in UTF-8
 * }</pre>
 *
 * <p>The receiving entity keeps no passwords (see {@link CredentialStore}): it derives SCRAM keys from the offered
 * password with the salt and iteration count it stores for the account (SHA-256 keys if it has them, else SHA-1,
 * else SHA-512) and compares StoredKey in constant time. That derivation runs on the thread that subscribes to
 * the step. Unknown accounts and wrong passwords both fail with {@code not-authorized}.
 */
public final class PlainMechanism implements SaslMechanism {

    /** The PLAIN mechanism. */
    public static final PlainMechanism PLAIN = new PlainMechanism();

    /** The order in which the receiving entity tries stored keys. */
    private static final ScramHash[] LOOKUP_ORDER = {ScramHash.SHA_256, ScramHash.SHA_1, ScramHash.SHA_512};

    private PlainMechanism() {
    }

    /** {@code PLAIN}. */
    @Override
    public String name() {
        return "PLAIN";
    }

    /** Usable with a username and a password, over TLS or where the context allows PLAIN without it. */
    @Override
    public boolean isUsableBy(SaslClientContext context) {
        return !context.username().isEmpty() && context.password().isPresent()
                && (context.tls().isPresent() || context.plainWithoutTlsAllowed());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString (e.g. empty)
     */
    @Override
    public SaslClient client(SaslClientContext context) {
        if (!isUsableBy(context)) {
            throw new IllegalStateException("PLAIN is not usable: it needs a username, a password and TLS");
        }
        // RFC 4616 §2: the password is prepared; OpaqueString is today's SASLprep (RFC 8265 §4.2).
        String message = context.authzid().orElse("") + '\0' + context.username() + '\0'
                + ScramFunctions.normalize(context.password().get());
        return new OneMessageClient(SaslData.ofUtf8(message));
    }

    /** Offerable over TLS, or where the context allows PLAIN without it. */
    @Override
    public boolean isOfferableIn(SaslServerContext context) {
        return context.tls().isPresent() || context.plainWithoutTlsAllowed();
    }

    /** {@inheritDoc} It fails with {@code encryption-required} where PLAIN is not offerable. */
    @Override
    public SaslServer server(SaslServerContext context) {
        Objects.requireNonNull(context, "context");
        Optional<SaslServerStep.Failure> refusal = isOfferableIn(context) ? Optional.empty()
                : Optional.of(new SaslServerStep.Failure(SaslFailureCondition.ENCRYPTION_REQUIRED,
                        Optional.of("PLAIN needs TLS")));
        return new OneMessageServer(name(), refusal, new Check(context)::verify);
    }

    /** {@code PLAIN}. */
    @Override
    public String toString() {
        return name();
    }

    /** What the one PLAIN message proves, checked against the stored keys. */
    private static final class Check {

        private final SaslServerContext context;

        Check(SaslServerContext context) {
            this.context = context;
        }

        private Mono<SaslServerStep> verify(SaslData data) {
            String message;
            try {
                message = Utf8.decode(data, "PLAIN message");
            } catch (SaslException e) {
                return failure(SaslFailureCondition.MALFORMED_REQUEST, "the PLAIN message is not valid UTF-8");
            }
            // RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd
            String[] fields = message.split("\0", -1);
            if (fields.length != 3 || fields[1].isEmpty() || fields[2].isEmpty()) {
                return failure(SaslFailureCondition.MALFORMED_REQUEST,
                        "a PLAIN message is authzid NUL authcid NUL password, with authcid and password not empty");
            }
            Optional<String> authzid = fields[0].isEmpty() ? Optional.empty() : Optional.of(fields[0]);
            Optional<String> username = Accounts.localpart(fields[1]);
            String password = fields[2];
            Mono<ScramCredentials> stored = username.map(this::lookup).orElseGet(Mono::empty);
            return stored
                    .map(keys -> matches(keys, password)
                            ? authorize(username.get(), authzid)
                            : notAuthorized())
                    .switchIfEmpty(Mono.fromSupplier(() -> {
                        matches(nobody(), password);   // costs what checking a real account's password does
                        return notAuthorized();
                    }))
                    .onErrorResume(e -> failure(SaslFailureCondition.TEMPORARY_AUTH_FAILURE,
                            "the credential store failed"));
        }

        private Mono<ScramCredentials> lookup(String username) {
            Mono<ScramCredentials> keys = Mono.empty();
            for (ScramHash hash : LOOKUP_ORDER) {
                keys = keys.switchIfEmpty(Mono.defer(() -> context.credentials().lookup(username, hash)));
            }
            return keys;
        }

        private SaslServerStep authorize(String username, Optional<String> authzid) {
            if (!Accounts.mayActAs(authzid, username, context.domain())) {
                return new SaslServerStep.Failure(SaslFailureCondition.INVALID_AUTHZID,
                        Optional.of("an account may only act as its own bare JID"));
            }
            return new SaslServerStep.Success(username, Optional.empty());
        }

        // Keys no password gives, with the salt length and iteration count of an account that does not exist.
        private ScramCredentials nobody() {
            byte[] noKey = new byte[ScramHash.SHA_256.length()];
            return new ScramCredentials(ScramHash.SHA_256, new byte[16],
                    context.credentials().unknownAccounts().iterations(), noKey, noKey);
        }

        private static boolean matches(ScramCredentials keys, String password) {
            ScramCredentials offered;
            try {
                offered = ScramCredentials.derive(keys.hash(), password, keys.salt(), keys.iterations());
            } catch (IllegalArgumentException e) {
                return false;   // not a valid OpaqueString: no stored password can be it
            }
            return MessageDigest.isEqual(offered.storedKey(), keys.storedKey());
        }

        private static SaslServerStep notAuthorized() {
            return new SaslServerStep.Failure(SaslFailureCondition.NOT_AUTHORIZED, Optional.empty());
        }

        private static Mono<SaslServerStep> failure(SaslFailureCondition condition, String text) {
            return Mono.just(new SaslServerStep.Failure(condition, Optional.of(text)));
        }
    }
}
