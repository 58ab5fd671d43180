package org.xmppreactive.tcp;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.xmppreactive.transport.TlsRole;

/**
 * Makes the TLS engine and Netty handler of one connection end: which role, which name the server's certificate
 * must carry (client), whether a client certificate is asked for (server), which protocol versions, and ALPN
 * {@code xmpp-client} for direct TLS (XEP-0368).
 */
final class TlsEngines {

    /** The protocol versions this transport speaks when not told otherwise. */
    static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** XEP-0368 §4: the ALPN protocol name of client-to-server XMPP over direct TLS. */
    static final String ALPN_XMPP_CLIENT = "xmpp-client";

    private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final TlsRole role;
    private final Optional<String> domain;
    private final int port;
    private final boolean checkName;
    private final boolean wantClientAuth;
    private final List<String> protocols;
    private final boolean alpn;
    private final Duration handshakeTimeout;

    private TlsEngines(SSLContext context, TlsRole role, Optional<String> domain, int port, boolean checkName,
                       boolean wantClientAuth, List<String> protocols, boolean alpn, Duration handshakeTimeout) {
        this.context = context;
        this.role = role;
        this.domain = domain;
        this.port = port;
        this.checkName = checkName;
        this.wantClientAuth = wantClientAuth;
        this.protocols = protocols;
        this.alpn = alpn;
        this.handshakeTimeout = handshakeTimeout;
    }

    /**
     * A client's engines: the engine's peer host and SNI are the XMPP domain, and with {@code checkName} the JDK's
     * {@code HTTPS} endpoint identification checks that the certificate names it (RFC 6125 DNS-ID). The peer host is
     * the domain, not the host connected to, because the JDK falls back from a failed SNI check to the peer host.
     */
    static TlsEngines client(SSLContext context, String domain, int port, boolean checkName, List<String> protocols,
                             boolean alpn, Duration handshakeTimeout) {
        return new TlsEngines(context, TlsRole.CLIENT, Optional.of(domain), port, checkName, false, protocols, alpn,
                handshakeTimeout);
    }

    /** A server's engines, asking for (not requiring) a client certificate when {@code wantClientAuth}. */
    static TlsEngines server(SSLContext context, boolean wantClientAuth, List<String> protocols, boolean alpn,
                             Duration handshakeTimeout) {
        return new TlsEngines(context, TlsRole.SERVER, Optional.empty(), -1, false, wantClientAuth, protocols, alpn,
                handshakeTimeout);
    }

    /** This end's role in the handshake. */
    TlsRole role() {
        return role;
    }

    /** A new handler for one connection, with its own engine; it fails the handshake after the timeout. */
    SslHandler newHandler() {
        SslHandler handler = new SslHandler(newEngine());
        handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return handler;
    }

    SSLEngine newEngine() {
        SSLEngine engine = domain.isPresent() ? context.createSSLEngine(domain.get(), port) : context.createSSLEngine();
        engine.setUseClientMode(role == TlsRole.CLIENT);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols.toArray(String[]::new));
        if (role == TlsRole.CLIENT) {
            sniName(domain.get()).ifPresent(name -> parameters.setServerNames(List.of(name)));
            parameters.setEndpointIdentificationAlgorithm(checkName ? "HTTPS" : null);
        } else if (wantClientAuth) {
            parameters.setWantClientAuth(true);
        }
        if (alpn) {
            parameters.setApplicationProtocols(new String[] {ALPN_XMPP_CLIENT});
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * Checks a list of protocol versions: TLS 1.2 and 1.3 only, at least one.
     *
     * @throws IllegalArgumentException for an empty list or an older (or unknown) version
     */
    static List<String> checkProtocols(String... protocols) {
        Set<String> checked = new LinkedHashSet<>();
        for (String protocol : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("only TLSv1.3 and TLSv1.2 are allowed, not " + protocol);
            }
            checked.add(protocol);
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol version is needed");
        }
        return List.copyOf(checked);
    }

    /**
     * What a user can act on, from what the {@link SslHandler} failed with: Netty wraps the engine's exception in
     * a {@link DecoderException}, and reports bytes that are not TLS at all (e.g. plaintext from a peer that does
     * not speak TLS) as a {@link NotSslRecordException}, which becomes an {@link SSLHandshakeException} here.
     */
    static Throwable unwrap(Throwable error) {
        if (error instanceof DecoderException && error.getCause() != null) {
            return unwrap(error.getCause());
        }
        if (error instanceof NotSslRecordException) {
            SSLHandshakeException handshake = new SSLHandshakeException(
                    "the peer sent bytes that are not a TLS record: " + error.getMessage());
            handshake.initCause(error);
            return handshake;
        }
        return error;
    }

    private static Optional<SNIHostName> sniName(String domain) {
        if (domain.matches("[0-9.]+") || domain.contains(":")) {
            return Optional.empty(); // RFC 6066 §3: an IP address is never sent as SNI
        }
        try {
            return Optional.of(new SNIHostName(domain));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a host name SNI can carry
        }
    }
}
