package org.xmppreactive.sasl;

import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The initiating entity's {@code <abort/>} (RFC 6120 §6.4.4): it gives up the handshake, and the receiving entity
 * answers with a {@link SaslFailure} of {@link SaslFailureCondition#ABORTED}.
 *
 * <pre>{@code
 * encoder.encode(new SaslAbort().toXml("jabber:client"));   // <abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>
 * }</pre>
 */
public record SaslAbort() implements Nonza {

    /**
     * Reads {@code <abort/>}; it carries nothing, and any content is ignored.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code abort} in the SASL namespace
     */
    public static SaslAbort fromXml(XmlElement element) {
        SaslText.requireSaslElement(element, "abort");
        return new SaslAbort();
    }

    /** Writes the empty {@code <abort/>}; it does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        return XmlElement.builder(SaslMechanisms.NAMESPACE, "abort").build();
    }
}
