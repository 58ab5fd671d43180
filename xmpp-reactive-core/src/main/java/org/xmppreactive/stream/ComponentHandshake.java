package org.xmppreactive.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <handshake/>} element of XEP-0114 §3 in both of its roles: the component proves it knows the shared
 * secret with the lowercase hex SHA-1 of the stream id followed by the secret, and the server accepts with an empty
 * {@code <handshake/>}.
 *
 * <pre>{@code
 * ComponentHandshake.of("14473530145395952804", "s3cret").digest();   // "3a3f4bda25ff9299ed13e7b0e23f561f9739f2df"
 * ComponentHandshake.of(streamId, secret).toXml();
 * // <handshake xmlns='jabber:component:accept'>3a3f4bda...</handshake>
 * ComponentHandshake.fromXml(element).isAcceptance();                   // true for the server's <handshake/>
 * }</pre>
 *
 * @param digest the lowercase hex SHA-1 the component sends; empty for the server's acceptance
 */
public record ComponentHandshake(String digest) implements Nonza {

    /** The namespace of the element: the component stream's content namespace, {@code jabber:component:accept}. */
    public static final String NAMESPACE = ComponentNegotiation.CONTENT_NAMESPACE;

    /** The element's local name. */
    public static final String ELEMENT = "handshake";

    /** Requires a digest, empty for the acceptance. */
    public ComponentHandshake {
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * The component's handshake for the stream {@code streamId}: SHA-1 over the UTF-8 bytes of
     * {@code streamId + secret}, as 40 lowercase hex digits (XEP-0114 §3).
     */
    public static ComponentHandshake of(String streamId, String secret) {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(secret, "secret");
        return new ComponentHandshake(HexFormat.of().formatHex(
                sha1().digest((streamId + secret).getBytes(StandardCharsets.UTF_8))));
    }

    /** The server's empty {@code <handshake/>}: the component is accepted. */
    public static ComponentHandshake acceptance() {
        return new ComponentHandshake("");
    }

    /** Whether this is the server's empty {@code <handshake/>}. */
    public boolean isAcceptance() {
        return digest.isEmpty();
    }

    /**
     * Reads {@code <handshake/>}: its text without surrounding whitespace is the digest.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code handshake} in {@link #NAMESPACE}
     */
    public static ComponentHandshake fromXml(XmlElement element) {
        if (!isHandshake(element)) {
            throw new IllegalArgumentException("expected <" + ELEMENT + " xmlns='" + NAMESPACE + "'/> but got <"
                    + element.localName() + " xmlns='" + element.namespace() + "'/>");
        }
        return new ComponentHandshake(element.text().strip());
    }

    /** Whether {@code element} is {@code <handshake/>} in {@link #NAMESPACE}. */
    public static boolean isHandshake(XmlElement element) {
        return element.is(NAMESPACE, ELEMENT);
    }

    /** Writes {@code <handshake/>}, with the digest as its text. */
    public XmlElement toXml() {
        XmlElement.Builder handshake = XmlElement.builder(NAMESPACE, ELEMENT);
        if (!digest.isEmpty()) {
            handshake.text(digest);
        }
        return handshake.build();
    }

    /** The same as {@link #toXml()}: the element belongs to the component namespace whatever the stream's. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        return toXml();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
