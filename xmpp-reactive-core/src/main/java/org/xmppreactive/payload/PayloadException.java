package org.xmppreactive.payload;

import org.xmppreactive.xml.XmlElement;

/**
 * An XML element could not be read as the value it was meant to be (or a value could not be written as XML): the
 * message says what was wrong, in words a person can act on. It is an {@link IllegalArgumentException}, as the
 * element handed to the decoder is the argument at fault.
 *
 * <p>For a payload that came from a peer inside an IQ get or set, the fitting reply is the stanza error
 * {@code bad-request} (RFC 6120 §8.3.3.1).
 */
public class PayloadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception explaining what was wrong. */
    public PayloadException(String message) {
        super(message);
    }

    /** An exception explaining what was wrong, caused by {@code cause}. */
    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The element is not the one a codec handles: names the expected and the actual qualified name.
     *
     * <pre>{@code
     * if (!element.is(NAMESPACE, "ping")) {
     *     throw PayloadException.unexpectedElement(NAMESPACE, "ping", element);
     * }
     * // expected <ping xmlns='urn:xmpp:ping'/> but got <pong xmlns='urn:example'/>
     * }</pre>
     */
    public static PayloadException unexpectedElement(String namespace, String localName, XmlElement actual) {
        return new PayloadException("expected " + describe(namespace, localName) + " but got "
                + describe(actual.namespace(), actual.localName()));
    }

    /** {@code <name xmlns='namespace'/>}, the way messages name an element. */
    static String describe(String namespace, String localName) {
        return "<" + localName + " xmlns='" + namespace + "'/>";
    }
}
