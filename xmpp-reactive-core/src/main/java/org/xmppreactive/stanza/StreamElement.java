package org.xmppreactive.stanza;

import org.xmppreactive.xml.XmlElement;

/**
 * Everything that can appear at the top level of an XML stream, typed once as it arrives: a {@link Stanza}
 * ({@link Message}, {@link Presence}, {@link Iq}), a {@link Nonza} (stream features, stream errors, STARTTLS and
 * SASL elements, ...), or an {@link InvalidStanza} that carries the stanza error the RFC names for it.
 *
 * <pre>{@code
 * StreamElement typed = org.xmppreactive.stream.StreamElements.decode(element, "jabber:client");
 * if (typed instanceof Message message) {
 *     handle(message);
 * } else if (typed instanceof InvalidStanza bad && !bad.isError()) {
 *     reply(bad.element(), bad.error());
 * }
 * }</pre>
 */
public sealed interface StreamElement permits Stanza, Nonza, InvalidStanza {

    /** This element as XML, for a stream whose default namespace is {@code contentNamespace}. */
    XmlElement toXml(String contentNamespace);
}
