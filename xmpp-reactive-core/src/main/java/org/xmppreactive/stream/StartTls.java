package org.xmppreactive.stream;

import java.util.Optional;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <starttls/>} element of RFC 6120 §5, in both of its roles: advertised by the receiving entity as a
 * stream feature (with {@code <required/>} when TLS is mandatory-to-negotiate, §5.4.1), and sent by the initiating
 * entity as the request to upgrade the connection (§5.4.2), which the receiving entity answers with
 * {@link Proceed} or {@link TlsFailure}.
 *
 * <pre>{@code
 * // receiving entity: advertise STARTTLS as mandatory
 * XmlElement feature = StartTls.advertised(true).toXml("jabber:client");
 * // <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>
 *
 * // initiating entity: read the advertisement, then ask for TLS
 * if (StartTls.advertisedIn(features).isPresent()) {
 *     encoder.encode(StartTls.request().toXml("jabber:client"));   // <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>
 * }
 * }</pre>
 *
 * @param required whether the receiving entity requires TLS before anything else ({@code <required/>}); always
 *                 {@code false} for the initiating entity's request, where the child has no meaning
 */
public record StartTls(boolean required) implements Nonza {

    /** The namespace of the STARTTLS elements: {@code urn:ietf:params:xml:ns:xmpp-tls}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-tls";

    /** The initiating entity's request, {@code <starttls/>} without children (RFC 6120 §5.4.2.1). */
    public static StartTls request() {
        return new StartTls(false);
    }

    /** The stream feature, with {@code <required/>} if {@code required} (RFC 6120 §5.4.1). */
    public static StartTls advertised(boolean required) {
        return new StartTls(required);
    }

    /** The STARTTLS feature among {@code features}, if the receiving entity offered it. */
    public static Optional<StartTls> advertisedIn(StreamFeatures features) {
        return features.feature(NAMESPACE, "starttls").map(StartTls::fromXml);
    }

    /**
     * Reads {@code <starttls/>}: {@link #required()} is whether it has a {@code <required/>} child in the TLS
     * namespace. Other content is ignored; the element carries nothing else.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code starttls} in {@link #NAMESPACE}
     */
    public static StartTls fromXml(XmlElement element) {
        requireTlsElement(element, "starttls");
        return new StartTls(element.child(NAMESPACE, "required").isPresent());
    }

    /** Writes {@code <starttls/>}; STARTTLS elements do not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder starttls = XmlElement.builder(NAMESPACE, "starttls");
        if (required) {
            starttls.child(XmlElement.builder(NAMESPACE, "required").build());
        }
        return starttls.build();
    }

    // Shared by the three STARTTLS elements: reading the wrong element is a caller's mistake, not a peer's.
    static void requireTlsElement(XmlElement element, String localName) {
        if (!element.is(NAMESPACE, localName)) {
            throw new IllegalArgumentException("expected <" + localName + " xmlns='" + NAMESPACE + "'/> but got <"
                    + element.localName() + " xmlns='" + element.namespace() + "'/>");
        }
    }
}
