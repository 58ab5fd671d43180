package org.xmppreactive.session;

import java.util.Objects;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stream.ComponentNegotiation;
import org.xmppreactive.transport.TransportConnector;
import reactor.core.publisher.Mono;

/**
 * An external component (XEP-0114, Jabber Component Protocol): an immutable configuration whose {@link #connect()}
 * opens a {@code jabber:component:accept} stream to a server's component port, authenticates with the shared secret
 * and emits a session for the whole component domain. The session is the same {@link XmppSession} a client gets;
 * unlike a client, a component addresses every stanza itself: give each one a {@code from} in its domain and a
 * {@code to} (the server stamps nothing). IQ requests nobody handles with {@link XmppSession#iqRequests} are answered
 * {@code service-unavailable} from the address they were sent to.
 *
 * <pre>{@code
 * XmppComponent component = XmppComponent.builder()
 *         .domain("echo.example.com")
 *         .secret("s3cret")
 *         .connector(TcpClientTransport.create().host("127.0.0.1").port(5347))   // plain TCP on loopback
 *         .build();
 * component.connect().flatMapMany(session -> session.messages().flatMap(m -> session.send(Message.builder()
 *                 .from(m.to().orElseThrow()).to(m.from().orElseThrow()).body(m.body().orElse("")).build())))
 *         .subscribe();
 * }</pre>
 */
public final class XmppComponent {

    private final Jid domain;
    private final String secret;
    private final TransportConnector connector;
    private final SessionSettings session;

    private XmppComponent(Builder builder) {
        this.domain = builder.domain;
        this.secret = builder.secret;
        this.connector = builder.connector;
        this.session = builder.session;
    }

    /** A builder; the domain, the secret and the connector are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The component's domain, e.g. {@code component.example.com}: the JID of its sessions. */
    public Jid domain() {
        return domain;
    }

    /**
     * Connects and performs the handshake; emits the session once the server accepts it. Fails with a
     * {@link org.xmppreactive.stream.PeerStreamErrorException} whose condition is {@code not-authorized} for a wrong
     * secret (or, e.g., {@code host-unknown} for a domain the server does not know), a
     * {@link org.xmppreactive.stream.StreamErrorException} if the server breaks the protocol, a
     * {@link org.xmppreactive.stream.NegotiationException} if it closes the stream first, or the transport's error.
     * Nothing happens until subscribed; each subscription is a new connection. Cancelling closes it.
     */
    public Mono<XmppSession> connect() {
        return connector.connect(domain.domain())
                .flatMap(transport -> new StreamConnection(transport,
                        new ComponentNegotiation(domain, secret, transport.tlsInfo()), session, false).start());
    }

    /** A builder that starts from this component's configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.domain = domain;
        builder.secret = secret;
        builder.connector = connector;
        builder.session = session;
        return builder;
    }

    /** The domain only: the secret stays out of logs. */
    @Override
    public String toString() {
        return "XmppComponent[" + domain + "]";
    }

    /** Collects a component's configuration; {@link #build()} checks it. */
    public static final class Builder {

        private Jid domain;
        private String secret;
        private TransportConnector connector;
        private SessionSettings session = SessionSettings.defaults();

        private Builder() {
        }

        /**
         * The component's domain, as the server is configured to accept it, e.g. {@code component.example.com}.
         *
         * @throws org.xmppreactive.jid.InvalidJidException if it is not a valid domainpart
         */
        public Builder domain(String domain) {
            this.domain = Jid.of(Objects.requireNonNull(domain, "domain"));
            return this;
        }

        /** The secret shared with the server. */
        public Builder secret(String secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /**
         * How the connection is opened, e.g. {@code TcpClientTransport.create().host(...).port(...)}: give the host
         * and port of the server's component port, as no DNS record points there.
         */
        public Builder connector(TransportConnector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /** Timeouts, buffers and payload codecs of the session. */
        public Builder sessionSettings(SessionSettings session) {
            this.session = Objects.requireNonNull(session, "session");
            return this;
        }

        /**
         * The component.
         *
         * @throws IllegalStateException if the domain, the secret or the connector is missing
         */
        public XmppComponent build() {
            if (domain == null || secret == null || connector == null) {
                throw new IllegalStateException("an XmppComponent needs a domain, a secret and a connector");
            }
            return new XmppComponent(this);
        }
    }
}
