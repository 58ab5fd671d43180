package org.xmppreactive.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.Bind;
import org.xmppreactive.sasl.CredentialStore;
import org.xmppreactive.sasl.SaslChannelBindingTypes;
import org.xmppreactive.sasl.SaslMechanism;
import org.xmppreactive.sasl.SaslMechanisms;
import org.xmppreactive.sasl.StandardMechanisms;
import org.xmppreactive.stream.LegacySession;
import org.xmppreactive.stream.ServerNegotiation;
import org.xmppreactive.stream.ServerNegotiationSettings;
import org.xmppreactive.stream.StartTls;
import org.xmppreactive.transport.Transport;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * The receiving entity of client-to-server streams for one domain: {@link #accept} negotiates a connection
 * (STARTTLS, SASL against a {@link CredentialStore}, resource binding with a {@link ResourceConflictPolicy}) and
 * emits the client's session. The server keeps the bound JIDs of its live sessions, so
 * {@link #session(Jid)} finds where to route a stanza.
 *
 * <pre>{@code
 * XmppServer server = XmppServer.builder("example.com", credentials).build();
 * tcpServer.connections()
 *          .flatMap(server::accept)
 *          .subscribe(session -> session.stanzas().subscribe(router::route));
 * }</pre>
 */
public final class XmppServer {

    /**
     * The largest element a client may send before it is authenticated and bound, unless
     * {@link Builder#negotiationLimits} says otherwise: Prosody's figure for unauthenticated stanzas.
     */
    public static final int NEGOTIATION_MAX_ELEMENT_BYTES = 10_000;

    private final Builder config;
    private final BoundResources resources;

    private XmppServer(Builder builder) {
        this.config = builder.copy();
        this.resources = new BoundResources(builder.conflictPolicy);
    }

    /** A builder for the domain {@code domain} whose accounts are in {@code credentials}. */
    public static Builder builder(String domain, CredentialStore credentials) {
        return new Builder(domain, credentials);
    }

    /** The XMPP domain this server is. */
    public String domain() {
        return config.domain;
    }

    /**
     * Negotiates the connection {@code transport} in the receiving role and emits the session once the client
     * bound a resource; fails with the reason negotiation ended. {@code transport.tlsInfo()} tells whether the
     * connection is already direct TLS.
     */
    public Mono<XmppSession> accept(Transport transport) {
        return Mono.defer(() -> {
            AtomicReference<StreamConnection> self = new AtomicReference<>();
            AtomicReference<Jid> boundJid = new AtomicReference<>();
            ServerNegotiationSettings settings = new ServerNegotiationSettings(config.domain, config.credentials,
                    config.mechanisms, config.startTls && transport.tlsInfo().isEmpty(),
                    config.tlsRequired && transport.tlsInfo().isEmpty(), config.plainWithoutTlsAllowed,
                    (account, requested) -> resources.bind(account, requested, self.get()).doOnNext(boundJid::set),
                    config.maxAuthAttempts, config.legacySession, config.sessionFeatures);
            StreamConnection connection = new StreamConnection(transport,
                    new ServerNegotiation(settings, transport.tlsInfo()), config.session, true,
                    negotiationLimits());
            self.set(connection);
            // however the connection ends, established or not, its binding goes with it
            connection.ended().subscribe(end -> Optional.ofNullable(boundJid.get())
                    .ifPresent(jid -> resources.release(jid, connection)));
            return connection.start();
        });
    }

    private DecoderLimits negotiationLimits() {
        if (config.negotiationLimits != null) {
            return config.negotiationLimits;
        }
        DecoderLimits session = config.session.decoderLimits();
        return session.withMaxElementBytes(Math.min(NEGOTIATION_MAX_ELEMENT_BYTES, session.maxElementBytes()));
    }

    /** The live session bound to the full JID {@code jid}, if any. */
    public Optional<XmppSession> session(Jid jid) {
        return resources.session(jid);
    }

    /** The live sessions of the account {@code account} (its bare JID), for routing to a bare JID. */
    public List<XmppSession> sessions(Jid account) {
        return resources.sessions(account);
    }

    /** Collects a server's configuration. */
    public static final class Builder {

        // STARTTLS, SASL, XEP-0440, resource binding, the legacy session: negotiation advertises these itself
        private static final java.util.Set<String> NEGOTIATED_FEATURES = java.util.Set.of(StartTls.NAMESPACE,
                SaslMechanisms.NAMESPACE, SaslChannelBindingTypes.NAMESPACE, Bind.NAMESPACE, LegacySession.NAMESPACE);

        private final String domain;
        private final CredentialStore credentials;
        private List<SaslMechanism> mechanisms = StandardMechanisms.serverOffer();
        private boolean startTls = true;
        private boolean tlsRequired = true;
        private boolean plainWithoutTlsAllowed;
        private ResourceConflictPolicy conflictPolicy = ResourceConflictPolicy.REPLACE_OLD;
        private int maxAuthAttempts = 3;
        private boolean legacySession = true;
        private List<XmlElement> sessionFeatures = List.of();
        private DecoderLimits negotiationLimits;   // null: the session's, with smaller elements
        private SessionSettings session = SessionSettings.defaults();

        private Builder(String domain, CredentialStore credentials) {
            this.domain = Objects.requireNonNull(domain, "domain");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /** The SASL mechanisms to offer, in order; each only where it may run. */
        public Builder mechanisms(List<SaslMechanism> mechanisms) {
            this.mechanisms = List.copyOf(mechanisms);
            return this;
        }

        /**
         * Whether STARTTLS is offered and whether it is required (both by default). On a direct TLS connection
         * neither applies.
         */
        public Builder startTls(boolean offered, boolean required) {
            this.startTls = offered;
            this.tlsRequired = required;
            return this;
        }

        /** Lets PLAIN be offered on unencrypted streams: for tests only. */
        public Builder allowPlainWithoutTls() {
            this.plainWithoutTlsAllowed = true;
            return this;
        }

        /** What happens when a resource is bound twice; {@link ResourceConflictPolicy#REPLACE_OLD} by default. */
        public Builder conflictPolicy(ResourceConflictPolicy conflictPolicy) {
            this.conflictPolicy = Objects.requireNonNull(conflictPolicy, "conflictPolicy");
            return this;
        }

        /** Failed SASL attempts allowed per stream before it is closed (3 by default). */
        public Builder maxAuthAttempts(int maxAuthAttempts) {
            this.maxAuthAttempts = maxAuthAttempts;
            return this;
        }

        /** Whether the RFC 3921 session feature is advertised, as optional (by default, for old clients). */
        public Builder legacySession(boolean advertise) {
            this.legacySession = advertise;
            return this;
        }

        /**
         * A stream feature to advertise after authentication, beside resource binding (RFC 6120 §4.3.2): one the
         * application implements, e.g. {@code <ver xmlns='urn:xmpp:features:rosterver'/>} for roster versioning.
         * Each call adds one.
         */
        public Builder sessionFeature(XmlElement feature) {
            Objects.requireNonNull(feature, "feature");
            if (NEGOTIATED_FEATURES.contains(feature.namespace())) {
                throw new IllegalArgumentException("{" + feature.namespace() + "}" + feature.localName()
                        + " is advertised by negotiation itself, not as a session feature");
            }
            List<XmlElement> more = new java.util.ArrayList<>(sessionFeatures);
            more.add(feature);
            this.sessionFeatures = List.copyOf(more);
            return this;
        }

        /**
         * The limits on what a client sends before it has authenticated and bound a resource; the session's own
         * ({@link SessionSettings#decoderLimits()}) apply after. By default the session's limits with elements of
         * at most {@value XmppServer#NEGOTIATION_MAX_ELEMENT_BYTES} bytes: an unauthenticated peer should cost
         * little memory, and PLAIN, SCRAM and EXTERNAL need far less. A mechanism with large tokens (GSSAPI,
         * OAUTHBEARER) needs more here.
         */
        public Builder negotiationLimits(DecoderLimits limits) {
            this.negotiationLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Timeouts, buffers and payload codecs of each session. */
        public Builder sessionSettings(SessionSettings session) {
            this.session = Objects.requireNonNull(session, "session");
            return this;
        }

        /** The server. */
        public XmppServer build() {
            if (tlsRequired && !startTls) {
                throw new IllegalStateException("TLS cannot be required without offering STARTTLS");
            }
            return new XmppServer(this);
        }

        private Builder copy() {
            Builder copy = new Builder(domain, credentials);
            copy.mechanisms = mechanisms;
            copy.startTls = startTls;
            copy.tlsRequired = tlsRequired;
            copy.plainWithoutTlsAllowed = plainWithoutTlsAllowed;
            copy.conflictPolicy = conflictPolicy;
            copy.maxAuthAttempts = maxAuthAttempts;
            copy.legacySession = legacySession;
            copy.sessionFeatures = sessionFeatures;
            copy.negotiationLimits = negotiationLimits;
            copy.session = session;
            return copy;
        }
    }
}
