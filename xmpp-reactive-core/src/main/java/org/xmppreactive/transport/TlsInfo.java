package org.xmppreactive.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /** The channel binding data of {@code type} (e.g. {@link ChannelBinding#TLS_EXPORTER}), if this connection has it. */
    public Optional<ChannelBinding> channelBinding(String type) {
        return channelBindings.stream().filter(binding -> binding.type().equals(type)).findFirst();
    }
}
