package org.xmppreactive.stream;

import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The receiving entity's {@code <proceed/>} (RFC 6120 §5.4.2.3): it accepts the {@link StartTls} request, and both
 * sides start the TLS handshake right after this element. Plaintext bytes that follow it in the same read are not
 * stream data and must not be processed (the STARTTLS command-injection class of attack).
 *
 * <pre>{@code
 * encoder.encode(new Proceed().toXml("jabber:client"));   // <proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>
 * }</pre>
 */
public record Proceed() implements Nonza {

    /**
     * Reads {@code <proceed/>}; it carries nothing, and any content is ignored.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code proceed} in {@link StartTls#NAMESPACE}
     */
    public static Proceed fromXml(XmlElement element) {
        StartTls.requireTlsElement(element, "proceed");
        return new Proceed();
    }

    /** Writes the empty {@code <proceed/>}; it does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        return XmlElement.builder(StartTls.NAMESPACE, "proceed").build();
    }
}
