package org.xmppreactive.sasl;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.xmppreactive.transport.ChannelBinding;
import org.xmppreactive.transport.TlsInfo;

/** Contexts and TLS descriptions built by hand, for driving mechanisms without a connection. */
final class SaslContexts {

    /** The domain every test server serves. */
    static final String DOMAIN = "example.com";

    /** tls-exporter data of "the" connection. */
    static final ChannelBinding EXPORTER = new ChannelBinding(ChannelBinding.TLS_EXPORTER, bytes(32, 1));

    /** tls-server-end-point data of "the" connection. */
    static final ChannelBinding END_POINT = new ChannelBinding(ChannelBinding.TLS_SERVER_END_POINT, bytes(32, 2));

    private SaslContexts() {
    }

    /** A TLS 1.3 connection with these channel bindings and no certificates. */
    static TlsInfo tls(ChannelBinding... bindings) {
        return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(), List.of(), List.of(bindings));
    }

    /** A TLS 1.3 connection with certificates and no channel bindings. */
    static TlsInfo tlsWithCertificates(List<X509Certificate> peer, List<X509Certificate> local) {
        return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", peer, local, List.of());
    }

    /** A client with {@code username} and {@code password}, offered {@code offered}, over {@code tls}. */
    static SaslClientContext client(String username, String password, Optional<TlsInfo> tls, String... offered) {
        return new SaslClientContext(username, Optional.of(password), Optional.empty(), tls, List.of(offered), false,
                SaslClientContext.DEFAULT_MINIMUM_ITERATIONS, advertised(tls));
    }

    /** The server advertises (XEP-0440) every channel binding type the connection has. */
    static Optional<List<String>> advertised(Optional<TlsInfo> tls) {
        return tls.map(info -> info.channelBindings().stream().map(ChannelBinding::type).toList());
    }

    /** A client as above acting for {@code authzid}. */
    static SaslClientContext client(String username, String password, String authzid, Optional<TlsInfo> tls,
                                    String... offered) {
        return new SaslClientContext(username, Optional.of(password), Optional.of(authzid), tls, List.of(offered),
                false, SaslClientContext.DEFAULT_MINIMUM_ITERATIONS, advertised(tls));
    }

    /** A server for {@link #DOMAIN} over {@code tls}, which offers {@code -PLUS} if {@code plusOffered}. */
    static SaslServerContext server(CredentialStore store, Optional<TlsInfo> tls, boolean plusOffered) {
        return new SaslServerContext(DOMAIN, store, tls, plusOffered, false);
    }

    /** {@code length} octets counting up from {@code first}. */
    static byte[] bytes(int length, int first) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
