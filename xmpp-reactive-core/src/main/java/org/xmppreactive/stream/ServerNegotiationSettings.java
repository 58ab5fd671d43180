package org.xmppreactive.stream;

import java.util.List;
import java.util.Objects;
import org.xmppreactive.sasl.CredentialStore;
import org.xmppreactive.sasl.SaslMechanism;
import org.xmppreactive.xml.XmlElement;

/**
 * How the receiving entity negotiates a client-to-server stream.
 *
 * @param domain                 the XMPP domain this server is (the {@code to} a client must send)
 * @param credentials            where SASL finds the accounts' SCRAM keys
 * @param mechanisms             the SASL mechanisms to offer, in order; each is offered only where it may run
 * @param tlsAvailable           whether the transport can start TLS (STARTTLS is offered only then)
 * @param tlsRequired            whether STARTTLS must come first; nothing else is offered before it
 * @param plainWithoutTlsAllowed whether PLAIN may be offered in the clear (never by default)
 * @param binder                 decides the full JID of each session
 * @param maxAuthAttempts        failed SASL attempts allowed on one stream before it is closed with
 *                               {@code not-authorized}
 * @param advertiseLegacySession whether to advertise the RFC 3921 session feature (as optional) for old clients
 * @param sessionFeatures        more features to advertise after authentication, beside resource binding: those
 *                               the application implements, e.g. roster versioning
 *                               ({@code <ver xmlns='urn:xmpp:features:rosterver'/>})
 */
public record ServerNegotiationSettings(String domain, CredentialStore credentials, List<SaslMechanism> mechanisms,
                                        boolean tlsAvailable, boolean tlsRequired, boolean plainWithoutTlsAllowed,
                                        ResourceBinder binder, int maxAuthAttempts, boolean advertiseLegacySession,
                                        List<XmlElement> sessionFeatures) {

    /** Copies the list and checks the rest. */
    public ServerNegotiationSettings {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(credentials, "credentials");
        mechanisms = List.copyOf(mechanisms);
        sessionFeatures = List.copyOf(sessionFeatures);
        Objects.requireNonNull(binder, "binder");
        if (tlsRequired && !tlsAvailable) {
            throw new IllegalArgumentException("TLS cannot be required on a transport without TLS");
        }
        if (maxAuthAttempts < 1) {
            throw new IllegalArgumentException("maxAuthAttempts must be at least 1: " + maxAuthAttempts);
        }
    }
}
