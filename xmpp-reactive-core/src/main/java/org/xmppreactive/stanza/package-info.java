/**
 * Stanzas, the unit of XMPP traffic ({@code message}, {@code presence}, {@code iq}), and what goes wrong with them:
 * {@link org.xmppreactive.stanza.StanzaError} with its RFC 6120 §8.3 type and condition.
 * Everything here is an immutable value that reads itself from, and writes itself to, an
 * {@link org.xmppreactive.xml.XmlElement}.
 */
package org.xmppreactive.stanza;
