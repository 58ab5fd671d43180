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
 * @param features         the stream features of the last stream, the one the session runs on: those the server
 *                         advertised (initiating role) or offered (receiving role) after authentication, e.g.
 *                         roster versioning; empty for a component stream, which has none
 */
public record NegotiatedStream(Jid jid, String streamId, Optional<TlsInfo> tls, String mechanism,
                               String contentNamespace, Optional<String> peerLang, StreamFeatures features) {

    /** Requires every part. */
    public NegotiatedStream {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(contentNamespace, "contentNamespace");
        Objects.requireNonNull(peerLang, "peerLang");
        Objects.requireNonNull(features, "features");
    }

    /** Whether the last stream's features include the one named {@code localName} in {@code namespace}. */
    public boolean hasFeature(String namespace, String localName) {
        return features.feature(namespace, localName).isPresent();
    }
}
