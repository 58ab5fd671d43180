package org.xmppreactive.sasl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.transport.TlsInfo;

/**
 * The SCRAM family (RFC 5802, RFC 7677): a salted challenge-response in which neither side sends the password and
 * each proves to the other that it knows the keys. The {@code -PLUS} variants also bind the exchange to the TLS
 * connection (RFC 5056), so that a man in the middle who terminates TLS cannot relay it.
 *
 * <pre>{@code
 * // initiating entity
 * SaslClient scram = ScramMechanism.SCRAM_SHA_256.client(context);
 * SaslData first = scram.initialResponse().orElseThrow();      // n,,n=juliet,r=<nonce>
 * SaslData last = scram.respond(serverFirst);                  // c=biws,r=<nonce>,p=<proof>
 * scram.complete(successData);                                 // checks v=<server signature>
 *
 * // receiving entity
 * SaslServer server = ScramMechanism.SCRAM_SHA_256.server(serverContext);
 * }</pre>
 *
 * <p>Initiating entity: the GS2 header is {@code p=<type>,,} for a {@code -PLUS} mechanism, binding to
 * {@code tls-exporter} (RFC 9266) when the connection has it and {@code tls-server-end-point} (RFC 5929) otherwise;
 * for the others it is {@code y,,} when this end could bind but the receiving entity offered no {@code -PLUS}
 * (RFC 5802 §6: so that a receiving entity that does support binding sees the downgrade) and {@code n,,} otherwise.
 * It refuses a nonce that does not extend its own, an iteration count below
 * {@link SaslClientContext#minimumIterations()} or above {@value #MAXIMUM_ITERATIONS}, a mandatory extension
 * ({@code m=}), and a wrong or missing server signature, which it accepts in {@code <success/>} or in a last
 * challenge. The password is normalized with PRECIS OpaqueString; the username is sent as given, escaped.
 *
 * <p>Receiving entity: it looks the account up in {@link SaslServerContext#credentials()} under the username
 * prepared as a JID localpart. For an account that does not exist it still answers with a salt (derived from the
 * username with the store's {@link CredentialStore#unknownAccounts()} key) and that iteration count, and fails only
 * at the proof, with {@code not-authorized} as for a wrong password, so that the exchange does not tell which
 * accounts exist. It fails {@code y} while it offers
 * {@code -PLUS}, a {@code -PLUS} exchange whose binding data differ from the connection's, and an authorization
 * identity other than the account's own bare JID.
 */
public final class ScramMechanism implements SaslMechanism {

    /** SCRAM-SHA-1 (RFC 5802), mandatory to implement in XMPP (RFC 6120 §13.8.3). */
    public static final ScramMechanism SCRAM_SHA_1 = new ScramMechanism(ScramHash.SHA_1, false);
    /** SCRAM-SHA-1-PLUS (RFC 5802), with channel binding. */
    public static final ScramMechanism SCRAM_SHA_1_PLUS = new ScramMechanism(ScramHash.SHA_1, true);
    /** SCRAM-SHA-256 (RFC 7677). */
    public static final ScramMechanism SCRAM_SHA_256 = new ScramMechanism(ScramHash.SHA_256, false);
    /** SCRAM-SHA-256-PLUS (RFC 7677), with channel binding. */
    public static final ScramMechanism SCRAM_SHA_256_PLUS = new ScramMechanism(ScramHash.SHA_256, true);
    /** SCRAM-SHA-512 (registered with IANA; draft-melnikov-scram-sha-512). */
    public static final ScramMechanism SCRAM_SHA_512 = new ScramMechanism(ScramHash.SHA_512, false);
    /** SCRAM-SHA-512-PLUS, with channel binding. */
    public static final ScramMechanism SCRAM_SHA_512_PLUS = new ScramMechanism(ScramHash.SHA_512, true);

    /**
     * The highest iteration count the initiating entity accepts: enough for any sane deployment, and a bound on
     * the work a hostile receiving entity can make it do.
     */
    public static final int MAXIMUM_ITERATIONS = 10_000_000;

    private final ScramHash hash;
    private final boolean plus;
    private final String name;

    private ScramMechanism(ScramHash hash, boolean plus) {
        this.hash = hash;
        this.plus = plus;
        this.name = "SCRAM-" + hash.digestName() + (plus ? "-PLUS" : "");
    }

    /**
     * All six SCRAM mechanisms.
     *
     * @return strongest hash first, {@code -PLUS} before plain within each hash
     */
    public static List<ScramMechanism> all() {
        return List.of(SCRAM_SHA_512_PLUS, SCRAM_SHA_512, SCRAM_SHA_256_PLUS, SCRAM_SHA_256, SCRAM_SHA_1_PLUS,
                SCRAM_SHA_1);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /**
     * The hash this mechanism runs with.
     *
     * @return SHA-1, SHA-256 or SHA-512
     */
    public ScramHash hash() {
        return hash;
    }

    /**
     * Whether this is a {@code -PLUS} mechanism, which binds to the TLS channel.
     *
     * @return true for the {@code -PLUS} variants
     */
    public boolean isPlus() {
        return plus;
    }

    /**
     * Usable with a username and a password; a {@code -PLUS} mechanism also needs a TLS connection with channel
     * binding data.
     */
    @Override
    public boolean isUsableBy(SaslClientContext context) {
        return !context.username().isEmpty() && context.password().isPresent()
                && (!plus || context.usableChannelBinding().isPresent());
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the password is not a valid PRECIS OpaqueString (e.g. empty)
     */
    @Override
    public SaslClient client(SaslClientContext context) {
        return client(context, SaslRandom.nonce());
    }

    /** The initiating side with a chosen client nonce, so that tests can replay the RFC's examples. */
    SaslClient client(SaslClientContext context, String clientNonce) {
        Objects.requireNonNull(context, "context");
        if (!isUsableBy(context)) {
            throw new IllegalStateException(name + " is not usable: it needs a username and a password"
                    + (plus ? " and TLS with channel binding data" : ""));
        }
        return new ScramClient(hash, gs2Header(context), channelBindingData(context), context.username(),
                context.password().get(), clientNonce, context.minimumIterations());
    }

    /**
     * Offerable always for plain SCRAM; for {@code -PLUS} only on a TLS connection with channel binding data.
     */
    @Override
    public boolean isOfferableIn(SaslServerContext context) {
        return !plus || canBind(context.tls());
    }

    /** {@inheritDoc} */
    @Override
    public SaslServer server(SaslServerContext context) {
        return server(context, SaslRandom.nonce());
    }

    /** The receiving side with a chosen server nonce suffix, so that tests can replay the RFC's examples. */
    SaslServer server(SaslServerContext context, String serverNonceSuffix) {
        return new ScramServer(hash, plus, Objects.requireNonNull(context, "context"), serverNonceSuffix);
    }

    /** {@link #name()}. */
    @Override
    public String toString() {
        return name;
    }

    private Gs2Header gs2Header(SaslClientContext context) {
        if (plus) {
            return new Gs2Header('p', Optional.of(context.usableChannelBinding().orElseThrow().type()),
                    context.authzid());
        }
        // RFC 5802 §6: 'y' says "I could bind, but you offered no -PLUS" and lets a server that does detect a
        // downgrade; 'n' when we cannot bind with anything the server named (or it named nothing, XEP-0440)
        boolean plusOffered = context.offeredMechanisms().stream().anyMatch(m -> m.endsWith("-PLUS"));
        boolean couldBind = canBind(context.tls()) && (context.channelBindingTypes().isEmpty()
                || context.usableChannelBinding().isPresent());
        return new Gs2Header(couldBind && !plusOffered ? 'y' : 'n', Optional.empty(), context.authzid());
    }

    private byte[] channelBindingData(SaslClientContext context) {
        return plus ? context.usableChannelBinding().orElseThrow().data() : new byte[0];
    }

    private static boolean canBind(Optional<TlsInfo> tls) {
        return tls.isPresent() && !tls.get().channelBindings().isEmpty();
    }
}
