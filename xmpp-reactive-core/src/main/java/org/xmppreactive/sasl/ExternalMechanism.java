package org.xmppreactive.sasl;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;
import reactor.core.publisher.Mono;

/**
 * EXTERNAL (RFC 4422 Appendix A) with a TLS client certificate, as XEP-0178 uses it: the identity comes from the
 * certificate the initiating entity presented, and the only message is an optional authorization identity.
 *
 * <pre>{@code
 * // a client whose TLS handshake presented a certificate with xmppAddr juliet@example.com
 * SaslClient external = ExternalMechanism.EXTERNAL.client(context);
 * external.initialResponse();   // empty: "authenticate me as whoever the certificate says"
 * }</pre>
 *
 * <p>The receiving entity takes the {@code id-on-xmppAddr} names (RFC 6120 §13.7.1.4) of the peer's leaf
 * certificate whose domainpart is {@link SaslServerContext#domain()}. With one such name and no authorization
 * identity, that account is authenticated; with several, the authorization identity must name one of them. It
 * <em>trusts the TLS layer</em> to have validated the certificate chain against its trust anchors: the mechanism
 * reads {@link org.xmppreactive.transport.TlsInfo#peerCertificates()} and checks nothing else about them.
 *
 * <p>Not in {@link StandardMechanisms#clientPreference()}: a client opts in to authenticating with a certificate.
 */
public final class ExternalMechanism implements SaslMechanism {

    /** The EXTERNAL mechanism. */
    public static final ExternalMechanism EXTERNAL = new ExternalMechanism();

    private ExternalMechanism() {
    }

    /** {@code EXTERNAL}. */
    @Override
    public String name() {
        return "EXTERNAL";
    }

    /** Usable when this end presented a certificate in the TLS handshake. */
    @Override
    public boolean isUsableBy(SaslClientContext context) {
        return context.tls().map(tls -> !tls.localCertificates().isEmpty()).orElse(false);
    }

    /** {@inheritDoc} The message is the authorization identity, or empty without one (XEP-0178 §3). */
    @Override
    public SaslClient client(SaslClientContext context) {
        if (!isUsableBy(context)) {
            throw new IllegalStateException("EXTERNAL is not usable: this end presented no TLS certificate");
        }
        return new OneMessageClient(context.authzid().map(SaslData::ofUtf8).orElseGet(SaslData::empty));
    }

    /** Offerable when the peer presented a certificate in the TLS handshake. */
    @Override
    public boolean isOfferableIn(SaslServerContext context) {
        return context.tls().map(tls -> !tls.peerCertificates().isEmpty()).orElse(false);
    }

    /** {@inheritDoc} */
    @Override
    public SaslServer server(SaslServerContext context) {
        return new OneMessageServer(name(), Optional.empty(), new Check(Objects.requireNonNull(context, "context"))::verify);
    }

    /** {@code EXTERNAL}. */
    @Override
    public String toString() {
        return name();
    }

    /** What the one EXTERNAL message (the authorization identity) proves, given the client certificate. */
    private static final class Check {

        private final SaslServerContext context;

        Check(SaslServerContext context) {
            this.context = context;
        }

        Mono<SaslServerStep> verify(SaslData data) {
            return Mono.just(authenticate(data));
        }

        private SaslServerStep authenticate(SaslData data) {
            String authzid;
            try {
                authzid = Utf8.decode(data, "authorization identity");
            } catch (SaslException e) {
                return failure(SaslFailureCondition.MALFORMED_REQUEST, "the authorization identity is not UTF-8");
            }
            List<Jid> identities = identities();
            if (identities.isEmpty()) {
                return failure(SaslFailureCondition.NOT_AUTHORIZED,
                        "the certificate names no XMPP address at " + context.domain());
            }
            if (authzid.isEmpty()) {
                if (identities.size() > 1) {
                    return failure(SaslFailureCondition.NOT_AUTHORIZED, "the certificate names several XMPP "
                            + "addresses: the authorization identity must say which one (XEP-0178 §3)");
                }
                return success(identities.get(0));
            }
            Optional<Jid> requested = parse(authzid);
            if (requested.isEmpty() || !identities.contains(requested.get())) {
                return failure(SaslFailureCondition.INVALID_AUTHZID,
                        "the authorization identity is not an address the certificate names");
            }
            return success(requested.get());
        }

        /** The bare JIDs at this domain that the peer's leaf certificate names. */
        private List<Jid> identities() {
            Optional<Jid> domain = parse(context.domain());
            List<X509Certificate> chain = context.tls().map(tls -> tls.peerCertificates()).orElse(List.of());
            if (domain.isEmpty() || chain.isEmpty()) {
                return List.of();
            }
            return XmppAddr.of(chain.get(0)).stream()
                    .map(Check::parse)
                    .flatMap(Optional::stream)
                    .filter(jid -> jid.isBare() && jid.localpart().isPresent())
                    .filter(jid -> jid.domain().equals(domain.get().domain()))
                    .distinct()
                    .toList();
        }

        private static SaslServerStep success(Jid account) {
            return new SaslServerStep.Success(account.localpart().orElseThrow(), Optional.empty());
        }

        private static Optional<Jid> parse(String jid) {
            try {
                return Optional.of(Jid.parse(jid));
            } catch (InvalidJidException e) {
                return Optional.empty();
            }
        }

        private static SaslServerStep failure(SaslFailureCondition condition, String text) {
            return new SaslServerStep.Failure(condition, Optional.of(text));
        }
    }
}
