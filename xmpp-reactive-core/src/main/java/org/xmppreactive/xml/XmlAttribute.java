package org.xmppreactive.xml;

import java.util.Objects;

/**
 * An attribute of an element, with its namespace resolved.
 *
 * <p>Unprefixed attributes are in no namespace (the empty string), whatever the element's namespace is.
 * {@code xml:lang} is {@code new XmlAttribute(XmlAttribute.XML_NAMESPACE, "lang", "en")}. Namespace
 * declarations ({@code xmlns}, {@code xmlns:p}) are not attributes in this model: names carry their namespace.
 *
 * @param namespace the attribute's namespace URI, or {@code ""} for none
 * @param localName the local part of the name
 * @param value     the value, with references resolved and as the parser normalised it
 */
public record XmlAttribute(String namespace, String localName, String value) {

    /** The namespace bound to the {@code xml} prefix, home of {@code xml:lang}. */
    public static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    /** Creates an attribute; no component may be null. */
    public XmlAttribute {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(value, "value");
    }

    /** An attribute in no namespace, such as {@code to}, {@code id} or {@code type}. */
    public static XmlAttribute of(String localName, String value) {
        return new XmlAttribute("", localName, value);
    }
}
