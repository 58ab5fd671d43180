/**
 * The XML stream codec: bytes from the socket become namespace-resolved {@link org.xmppreactive.xml.XmlElement}
 * trees, once, and elements become bytes again.
 *
 * <p>{@link org.xmppreactive.xml.XmppStreamDecoder} is sans-IO: it is fed {@link java.nio.ByteBuffer}s in any
 * chunking and returns {@link org.xmppreactive.xml.StreamEvent}s, enforcing RFC 6120 §11 (restricted XML,
 * strict UTF-8) and the configurable {@link org.xmppreactive.xml.DecoderLimits}.
 * {@link org.xmppreactive.xml.XmppStreamDecoder#decode} runs it as a Reactor operator that honours demand, and
 * {@link org.xmppreactive.xml.XmppStreamEncoder} writes elements and stream headers back as UTF-8.
 */
package org.xmppreactive.xml;
