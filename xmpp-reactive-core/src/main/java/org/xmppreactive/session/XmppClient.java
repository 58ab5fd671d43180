package org.xmppreactive.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.SaslClientContext;
import org.xmppreactive.sasl.SaslMechanism;
import org.xmppreactive.sasl.StandardMechanisms;
import org.xmppreactive.stream.ClientNegotiation;
import org.xmppreactive.stream.ClientNegotiationSettings;
import org.xmppreactive.stream.TlsPolicy;
import org.xmppreactive.transport.TransportConnector;
import reactor.core.publisher.Mono;

/**
 * An XMPP client, the initiating entity (RFC 6120): an immutable configuration whose {@link #login()} connects,
 * negotiates (STARTTLS, SASL, resource binding) and emits the session. Secure by default: TLS is required, PLAIN
 * never runs in the clear, SCRAM checks the server's signature.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()
 *         .jid("alice@example.com/laptop")
 *         .password("secret")
 *         .connector(TcpClientTransport.create())
 *         .build();
 * client.login().flatMapMany(XmppSession::messages).subscribe(...);
 * }</pre>
 */
public final class XmppClient {

    private final ClientNegotiationSettings negotiation;
    private final SessionSettings session;
    private final TransportConnector connector;

    private XmppClient(Builder builder) {
        this.negotiation = new ClientNegotiationSettings(builder.jid, builder.password, builder.authzid,
                builder.tlsPolicy, builder.mechanisms, builder.plainWithoutTlsAllowed, builder.minimumIterations);
        this.session = builder.session;
        this.connector = builder.connector;
    }

    /** A builder with the defaults: TLS required, {@link StandardMechanisms#clientPreference()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The account this client logs in as. */
    public Jid jid() {
        return negotiation.jid();
    }

    /**
     * Connects and negotiates; emits the session once a resource is bound. Fails with a
     * {@link org.xmppreactive.sasl.SaslException} (e.g. {@code not-authorized}), a
     * {@link org.xmppreactive.stream.PeerStreamErrorException}, a
     * {@link org.xmppreactive.stream.NegotiationException} (e.g. TLS required but not offered), or the transport's
     * error. Nothing happens until subscribed; each subscription is a new connection. Cancelling closes it.
     */
    public Mono<XmppSession> login() {
        return connector.connect(negotiation.jid().domain())
                .flatMap(transport -> new StreamConnection(transport,
                        new ClientNegotiation(negotiation, transport.tlsInfo()), session, false).start());
    }

    /** A builder that starts from this client's configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.jid = negotiation.jid();
        builder.password = negotiation.password();
        builder.authzid = negotiation.authzid();
        builder.tlsPolicy = negotiation.tlsPolicy();
        builder.mechanisms = negotiation.mechanisms();
        builder.plainWithoutTlsAllowed = negotiation.plainWithoutTlsAllowed();
        builder.minimumIterations = negotiation.minimumIterations();
        builder.session = session;
        builder.connector = connector;
        return builder;
    }

    /** Collects a client's configuration; {@link #build()} checks it. */
    public static final class Builder {

        private Jid jid;
        private Optional<String> password = Optional.empty();
        private Optional<String> authzid = Optional.empty();
        private TlsPolicy tlsPolicy = TlsPolicy.REQUIRED;
        private List<SaslMechanism> mechanisms = StandardMechanisms.clientPreference();
        private boolean plainWithoutTlsAllowed;
        private int minimumIterations = SaslClientContext.DEFAULT_MINIMUM_ITERATIONS;
        private SessionSettings session = SessionSettings.defaults();
        private TransportConnector connector;

        private Builder() {
        }

        /** The account, e.g. {@code alice@example.com}, or with the resource to ask for, {@code .../laptop}. */
        public Builder jid(String jid) {
            return jid(Jid.parse(jid));
        }

        /** The account, with the resource to ask for if it has one. */
        public Builder jid(Jid jid) {
            this.jid = Objects.requireNonNull(jid, "jid");
            return this;
        }

        /** The password, for SCRAM and PLAIN. */
        public Builder password(String password) {
            this.password = Optional.of(password);
            return this;
        }

        /** An authorization identity, only to act for another entity (RFC 6120 §6.3.8). */
        public Builder authzid(String authzid) {
            this.authzid = Optional.of(authzid);
            return this;
        }

        /** How TLS is negotiated; {@link TlsPolicy#REQUIRED} by default. */
        public Builder tlsPolicy(TlsPolicy tlsPolicy) {
            this.tlsPolicy = Objects.requireNonNull(tlsPolicy, "tlsPolicy");
            return this;
        }

        /** The SASL mechanisms to use, in order of preference. */
        public Builder mechanisms(List<SaslMechanism> mechanisms) {
            this.mechanisms = List.copyOf(mechanisms);
            return this;
        }

        /** Lets PLAIN run over an unencrypted stream: sends the password readable to anyone on the path. */
        public Builder allowPlainWithoutTls() {
            this.plainWithoutTlsAllowed = true;
            return this;
        }

        /** The lowest SCRAM iteration count accepted from the server (4096 by default, RFC 7677 §4). */
        public Builder minimumIterations(int minimumIterations) {
            this.minimumIterations = minimumIterations;
            return this;
        }

        /** Timeouts, buffers and payload codecs of the session. */
        public Builder sessionSettings(SessionSettings session) {
            this.session = Objects.requireNonNull(session, "session");
            return this;
        }

        /** How connections are opened, e.g. {@code TcpClientTransport.create()}. */
        public Builder connector(TransportConnector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException if the JID or the connector is missing
         */
        public XmppClient build() {
            if (jid == null || connector == null) {
                throw new IllegalStateException("an XmppClient needs a jid and a connector");
            }
            return new XmppClient(this);
        }
    }
}
