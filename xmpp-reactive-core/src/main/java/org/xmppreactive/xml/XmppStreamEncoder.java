package org.xmppreactive.xml;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an XMPP stream as UTF-8: the stream header, top-level elements, and the closing tag.
 *
 * <p>Text and attribute values are escaped so that no string can end an element or start another: a body of
 * {@code </body></message><iq type='set'>} stays text. Characters XML 1.0 forbids (control characters, lone
 * surrogates, U+FFFE, U+FFFF) are refused with {@link IllegalArgumentException}, as are names that are not XML
 * names. Namespace declarations are written once, where the namespace first differs from its parent's: a
 * {@code jabber:client} stanza on a {@code jabber:client} stream carries none. Decoding what this writes gives
 * an equal {@link XmlElement}.
 *
 * <pre>{@code
 * XmppStreamEncoder encoder = new XmppStreamEncoder("jabber:client");
 * ByteBuffer header = encoder.openStream(List.of(XmlAttribute.of("to", "example.com"),
 *         XmlAttribute.of("version", "1.0")));
 * ByteBuffer message = encoder.encode(element);
 * ByteBuffer close = encoder.closeStream();
 * }</pre>
 * An encoder holds no state between calls and may be shared.
 */
public final class XmppStreamEncoder {

    private static final String STREAM_PREFIX = "stream";

    private final String contentNamespace;

    /**
     * An encoder for a stream whose default namespace is {@code contentNamespace}, such as {@code jabber:client},
     * {@code jabber:server} or {@code jabber:component:accept}.
     */
    public XmppStreamEncoder(String contentNamespace) {
        this.contentNamespace = Objects.requireNonNull(contentNamespace, "contentNamespace");
    }

    /**
     * The XML declaration and the stream header {@code <stream:stream>} with the content namespace as default,
     * the {@code stream} prefix declared, and {@code attributes} ({@code to}, {@code from}, {@code id},
     * {@code version}, {@code xml:lang}) in the order given.
     */
    public ByteBuffer openStream(List<XmlAttribute> attributes) {
        StringBuilder out = new StringBuilder(160);
        out.append("<?xml version='1.0'?><stream:stream xmlns='");
        escapeAttribute(contentNamespace, out);
        out.append("' xmlns:stream='").append(StreamEvent.STREAM_NAMESPACE).append('\'');
        Map<String, String> prefixes = new HashMap<>();
        prefixes.put(StreamEvent.STREAM_NAMESPACE, STREAM_PREFIX);
        writeAttributes(attributes, prefixes, out);
        out.append('>');
        return utf8(out);
    }

    /** A top-level element (stanza or nonza) as it appears inside the stream. */
    public ByteBuffer encode(XmlElement element) {
        StringBuilder out = new StringBuilder(256);
        Map<String, String> prefixes = Map.of(StreamEvent.STREAM_NAMESPACE, STREAM_PREFIX);
        write(element, contentNamespace, prefixes, out);
        return utf8(out);
    }

    /** The end of the stream, {@code </stream:stream>}. */
    public ByteBuffer closeStream() {
        return utf8(new StringBuilder("</stream:stream>"));
    }

    /** {@code element} as standalone XML, declaring every namespace it uses. */
    public static String toXml(XmlElement element) {
        StringBuilder out = new StringBuilder(256);
        write(element, "", Map.of(), out);
        return out.toString();
    }

    // prefixes: namespace URI -> prefix, for the prefixes declared on enclosing elements (or the header)
    private static void write(XmlElement element, String defaultNamespace, Map<String, String> prefixes,
            StringBuilder out) {
        String name = XmlNames.requireNcName(element.localName());
        String streamPrefix = prefixes.get(element.namespace());
        boolean prefixed = STREAM_PREFIX.equals(streamPrefix) && !element.namespace().equals(defaultNamespace);
        String qualifiedName = prefixed ? STREAM_PREFIX + ':' + name : name;
        out.append('<').append(qualifiedName);
        String childDefault = defaultNamespace;
        if (!prefixed && !element.namespace().equals(defaultNamespace)) {
            out.append(" xmlns='");
            escapeAttribute(element.namespace(), out);
            out.append('\'');
            childDefault = element.namespace();
        }
        Map<String, String> childPrefixes = writeAttributes(element.attributes(), prefixes, out);
        List<XmlNode> nodes = element.nodes();
        if (nodes.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (XmlNode node : nodes) {
            if (node instanceof XmlElement child) {
                write(child, childDefault, childPrefixes, out);
            } else if (node instanceof XmlText text) {
                escapeText(text.value(), out);
            }
        }
        out.append("</").append(qualifiedName).append('>');
    }

    // Writes the attributes, declaring prefixes for namespaced ones; returns the prefixes in scope for children.
    private static Map<String, String> writeAttributes(List<XmlAttribute> attributes, Map<String, String> prefixes,
            StringBuilder out) {
        Map<String, String> scope = prefixes;
        for (XmlAttribute attribute : attributes) {
            String name = XmlNames.requireNcName(attribute.localName());
            String namespace = attribute.namespace();
            out.append(' ');
            if (namespace.equals(XmlAttribute.XML_NAMESPACE)) {
                out.append("xml:");
            } else if (!namespace.isEmpty()) {
                String prefix = scope.get(namespace);
                if (prefix == null || prefix.equals(STREAM_PREFIX) && !namespace.equals(StreamEvent.STREAM_NAMESPACE)) {
                    if (scope == prefixes) {
                        scope = new HashMap<>(prefixes);
                    }
                    prefix = "ns" + scope.size();
                    while (scope.containsValue(prefix)) {
                        prefix = prefix + "_";
                    }
                    scope.put(namespace, prefix);
                    out.append("xmlns:").append(prefix).append("='");
                    escapeAttribute(namespace, out);
                    out.append("' ");
                }
                out.append(prefix).append(':');
            }
            out.append(name).append("='");
            escapeAttribute(attribute.value(), out);
            out.append('\'');
        }
        return scope;
    }

    private static void escapeText(String text, StringBuilder out) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");      // so that "]]>" never appears in text
                case '\r' -> out.append("&#xD;");    // a raw CR would be read back as LF
                default -> i = appendChecked(text, i, c, out);
            }
        }
    }

    static void escapeAttribute(String value, StringBuilder out) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                // attribute-value normalisation would turn these into spaces (XML 1.0 §3.3.3)
                case '\t' -> out.append("&#x9;");
                case '\n' -> out.append("&#xA;");
                case '\r' -> out.append("&#xD;");
                default -> i = appendChecked(value, i, c, out);
            }
        }
    }

    // Appends c (and its low surrogate), refusing what XML 1.0 forbids; returns the index of the last char used.
    private static int appendChecked(String s, int i, char c, StringBuilder out) {
        if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c >= 0xE000 && c <= 0xFFFD) {
            out.append(c);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        throw new IllegalArgumentException(String.format(
                "character U+%04X at index %d cannot be written in XML 1.0", (int) c, i));
    }

    private static ByteBuffer utf8(StringBuilder out) {
        return ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
