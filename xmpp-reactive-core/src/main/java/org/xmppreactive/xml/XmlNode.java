package org.xmppreactive.xml;

/**
 * A node of an element's content, in document order: a child {@link XmlElement} or a run of {@link XmlText}.
 */
public sealed interface XmlNode permits XmlElement, XmlText {
}
