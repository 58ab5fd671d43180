package org.xmppreactive.transport;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a completed TLS handshake established: the protocol and cipher suite, both sides' certificates, and the
 * channel binding data SASL can bind to.
 *
 * @param protocol           e.g. {@code TLSv1.3}
 * @param cipherSuite        e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param peerCertificates   the peer's chain, leaf first; empty if the peer presented none
 * @param localCertificates  the chain this end presented, leaf first; empty if none
 * @param channelBindings    the channel binding types available on this connection, in order of preference
 */
public record TlsInfo(String protocol, String cipherSuite, List<X509Certificate> peerCertificates,
                      List<X509Certificate> localCertificates, List<ChannelBinding> channelBindings) {

    /** Copies the lists. */
    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
        channelBindings = List.copyOf(channelBindings);
    }

    /**
     * What the completed handshake of {@code session} established, seen from {@code role}'s side, with its
     * {@linkplain ChannelBindings#of channel bindings}.
     *
     * <pre>{@code
     * TlsInfo info = TlsInfo.from(engine.getSession(), TlsRole.CLIENT);
     * }</pre>
     *
     * @param session the session of a completed handshake
     * @param role    which side of the handshake this end took
     */
    public static TlsInfo from(SSLSession session, TlsRole role) {
        List<X509Certificate> peer;
        try {
            peer = x509(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            peer = List.of(); // the peer presented no certificate, e.g. a client without one
        }
        return new TlsInfo(session.getProtocol(), session.getCipherSuite(), peer,
                x509(session.getLocalCertificates()), ChannelBindings.of(session, role));
    }

    private static List<X509Certificate> x509(Certificate[] chain) {
        if (chain == null) {
            return List.of();
        }
        return Arrays.stream(chain)
                .filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast)
                .toList();
    }

    /** The channel binding data of {@code type} (e.g. {@link ChannelBinding#TLS_EXPORTER}), if this connection has it. */
    public Optional<ChannelBinding> channelBinding(String type) {
        return channelBindings.stream().filter(binding -> binding.type().equals(type)).findFirst();
    }
}
