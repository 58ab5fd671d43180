package org.xmppreactive.stream;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.transport.TlsInfo;

/**
 * What a completed negotiation established, the same in both roles.
 *
 * @param jid              the full JID bound to the session (the initiating entity's address)
 * @param streamId         the id of the last stream (the receiving entity's)
 * @param tls              the TLS in force, if any
 * @param mechanism        the SASL mechanism that authenticated the initiating entity
 * @param contentNamespace the stream's default namespace, e.g. {@code jabber:client}
 * @param peerLang         the {@code xml:lang} of the peer's stream header, if it had one
 */
public record NegotiatedStream(Jid jid, String streamId, Optional<TlsInfo> tls, String mechanism,
                               String contentNamespace, Optional<String> peerLang) {

    /** Requires every part. */
    public NegotiatedStream {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(contentNamespace, "contentNamespace");
        Objects.requireNonNull(peerLang, "peerLang");
    }
}
