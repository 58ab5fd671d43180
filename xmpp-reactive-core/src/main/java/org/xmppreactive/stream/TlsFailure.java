package org.xmppreactive.stream;

import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The receiving entity's {@code <failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>} (RFC 6120 §5.4.2.2): it
 * refuses the {@link StartTls} request, and then closes the stream and the connection. Not to be confused with
 * the SASL {@code <failure/>}, which lives in another namespace and carries a condition.
 *
 * <pre>{@code
 * encoder.encode(new TlsFailure().toXml("jabber:client"));
 * encoder.closeStream();
 * }</pre>
 */
public record TlsFailure() implements Nonza {

    /**
     * Reads the STARTTLS {@code <failure/>}; it carries nothing, and any content is ignored.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code failure} in {@link StartTls#NAMESPACE}
     */
    public static TlsFailure fromXml(XmlElement element) {
        StartTls.requireTlsElement(element, "failure");
        return new TlsFailure();
    }

    /** Writes the empty {@code <failure/>} in the TLS namespace; it does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        return XmlElement.builder(StartTls.NAMESPACE, "failure").build();
    }
}
