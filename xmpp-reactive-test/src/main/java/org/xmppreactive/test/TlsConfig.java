package org.xmppreactive.test;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.xmppreactive.transport.TlsRole;

/**
 * How one end of an {@link InMemoryTransport} does TLS when {@code startTls} is called on it: the JDK context with
 * its keys and trust, the server name a client checks, whether a server asks for a client certificate, and which
 * protocol versions are enabled. Immutable; each {@code with...} returns a new value.
 *
 * <pre>{@code
 * TlsConfig client = TlsConfig.client(certificates.clientContext(), "example.org");
 * TlsConfig server = TlsConfig.server(certificates.serverContext("example.org"))
 *         .withClientAuth(TlsConfig.ClientAuth.WANT)
 *         .withProtocols("TLSv1.2");
 * }</pre>
 *
 * @param context    the JDK TLS context: key managers (the certificate this end presents) and trust managers
 * @param serverName when this end is the TLS client: the domain the server's certificate must name (sent as SNI and
 *                   checked as a DNS-ID, RFC 6125); empty to check the chain's trust only
 * @param clientAuth when this end is the TLS server: whether it asks for a client certificate
 * @param protocols  the enabled protocol versions, e.g. {@code TLSv1.3}; empty for the context's defaults
 */
public record TlsConfig(SSLContext context, Optional<String> serverName, ClientAuth clientAuth,
                        List<String> protocols) {

    /** Whether a TLS server asks the client for a certificate (needed for SASL EXTERNAL). */
    public enum ClientAuth {
        /** Does not ask. */
        NONE,
        /** Asks; the handshake succeeds without one. */
        WANT,
        /** Asks; the handshake fails without one. */
        NEED
    }

    /** Checks the parts and copies the list. */
    public TlsConfig {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(clientAuth, "clientAuth");
        protocols = List.copyOf(protocols);
    }

    /** {@code context} with its defaults: no server name check, no client certificate requested. */
    public static TlsConfig of(SSLContext context) {
        return new TlsConfig(context, Optional.empty(), ClientAuth.NONE, List.of());
    }

    /** A client's configuration: {@code context}, checking that the server's certificate names {@code serverName}. */
    public static TlsConfig client(SSLContext context, String serverName) {
        return of(context).withServerName(serverName);
    }

    /** A server's configuration: {@code context}, not asking for a client certificate. */
    public static TlsConfig server(SSLContext context) {
        return of(context);
    }

    /** This configuration with a client that checks the server's certificate against {@code name}. */
    public TlsConfig withServerName(String name) {
        return new TlsConfig(context, Optional.of(name), clientAuth, protocols);
    }

    /** This configuration with a server that asks for client certificates as {@code auth} says. */
    public TlsConfig withClientAuth(ClientAuth auth) {
        return new TlsConfig(context, serverName, auth, protocols);
    }

    /** This configuration with only {@code enabled} protocol versions, e.g. {@code "TLSv1.2"}. */
    public TlsConfig withProtocols(String... enabled) {
        return new TlsConfig(context, serverName, clientAuth, List.of(enabled));
    }

    /** A new engine for one handshake in {@code role}. */
    SSLEngine newEngine(TlsRole role) {
        boolean client = role == TlsRole.CLIENT;
        SSLEngine engine = client && serverName.isPresent()
                ? context.createSSLEngine(serverName.get(), 5222)
                : context.createSSLEngine();
        engine.setUseClientMode(client);
        SSLParameters parameters = engine.getSSLParameters();
        if (client) {
            serverName.ifPresent(name -> {
                parameters.setServerNames(List.of(new SNIHostName(name)));
                // The JDK's "HTTPS" check matches the name against the certificate's dNSName entries, as RFC 6125 does.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            });
        } else if (clientAuth == ClientAuth.NEED) {
            parameters.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.WANT) {
            parameters.setWantClientAuth(true);
        }
        if (!protocols.isEmpty()) {
            parameters.setProtocols(protocols.toArray(String[]::new));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }
}
