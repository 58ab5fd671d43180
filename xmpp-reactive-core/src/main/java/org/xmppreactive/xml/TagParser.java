package org.xmppreactive.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;
import org.xmppreactive.xml.NameTable.Name;

/**
 * Parses one complete tag, as {@link MarkupScanner} delimited it: the names (XML 1.0 §2.3, Namespaces in XML 1.0),
 * the attributes with their values resolved, the namespace declarations, which it applies to {@link OpenElements},
 * and the limits on names and attributes. An end tag must repeat the name of the element it closes.
 */
final class TagParser {

    private static final String XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";
    private static final Pattern DECLARATION = Pattern.compile("xml(?:\\s+version\\s*=\\s*(['\"])1\\.[0-9]+\\1)"
            + "(?:\\s+encoding\\s*=\\s*(['\"])([A-Za-z][A-Za-z0-9._-]*)\\2)?"
            + "(?:\\s+standalone\\s*=\\s*(['\"])(?:yes|no)\\4)?\\s*");

    // Bytes that end a name in a tag: whitespace, '=', '/' and '>'.
    private static final boolean[] NAME_END = new boolean[256];

    static {
        for (char c : new char[] {' ', '\t', '\n', '\r', '=', '/', '>'}) {
            NAME_END[c] = true;
        }
    }

    private final NameTable table = new NameTable();
    private Name[] attributeNames = new Name[8];
    private String[] attributeValues = new String[8];
    private int attributeCount;
    private int nameEnd;               // where the name readName() read ends

    /** What the last start tag held, namespaces resolved. */
    String namespace;
    String localName;
    List<XmlAttribute> attributes;

    /** The table of names and URIs this parser has read. */
    NameTable names() {
        return table;
    }

    /**
     * Parses the start tag {@code bytes[start, end)} and opens its element in {@code open}.
     *
     * @param empty  whether the tag ends with {@code />}
     * @param markup the scanner that found the tag, and where its quoted values are
     */
    void startTag(byte[] bytes, int start, int end, boolean empty, MarkupScanner markup, OpenElements open,
            DecoderLimits limits) {
        int stop = empty ? end - 2 : end - 1;
        int i = start + 1;
        Name name = readName(bytes, i, stop, limits, "an element");
        open.push(name);
        attributeCount = 0;
        int count = 0;                 // attributes and namespace declarations
        i = nameEnd;
        while (true) {
            int k = skipWhitespace(bytes, i, stop);
            if (k == stop) {
                break;
            }
            if (k == i) {
                throw notWellFormed("whitespace must separate the attributes of <" + name.qualified + ">");
            }
            Name attribute = readName(bytes, k, stop, limits, "an attribute");
            int j = skipWhitespace(bytes, nameEnd, stop);
            if (j == stop || bytes[j] != '=') {
                throw notWellFormed("attribute '" + attribute.qualified + "' of <" + name.qualified
                        + "> has no value");
            }
            j = skipWhitespace(bytes, j + 1, stop);
            if (count == markup.valueCount() || j != markup.valueStart(count) - 1) {
                throw notWellFormed("the value of attribute '" + attribute.qualified + "' is not quoted");
            }
            int valueStart = j + 1;
            int valueEnd = markup.valueEnd(count);
            boolean plain = markup.valueIsPlain(count);
            if (++count > limits.maxAttributes()) {
                throw policy("more than " + limits.maxAttributes() + " attributes and namespace declarations on <"
                        + name.qualified + ">");
            }
            if (attribute.kind == Name.ORDINARY) {
                add(attribute, plain ? table.value(bytes, valueStart, valueEnd)
                        : CharacterData.attributeValue(bytes, valueStart, valueEnd));
            } else {
                String uri = plain ? table.uri(bytes, valueStart, valueEnd)
                        : CharacterData.attributeValue(bytes, valueStart, valueEnd);
                declare(attribute.kind == Name.DEFAULT_DECLARATION ? "" : attribute.localName, uri, open);
            }
            i = valueEnd + 1;
        }
        if (name.prefix.equals("xmlns")) {
            throw notWellFormed("the prefix 'xmlns' cannot name an element: <" + name.qualified + ">");
        }
        namespace = resolve(name, open);
        localName = name.localName;
        attributes = attributeCount == 0 ? List.of() : resolvedAttributes(open);
    }

    /** Parses the end tag {@code bytes[start, end)} and closes the innermost element, whose name it must repeat. */
    void endTag(byte[] bytes, int start, int end, OpenElements open) {
        int from = start + 2;
        int to = tokenEnd(bytes, from, end - 1);
        if (skipWhitespace(bytes, to, end - 1) != end - 1) {
            throw notWellFormed("an end tag holds nothing but a name: '" + CharacterData.excerpt(bytes, start, end)
                    + "'");
        }
        Name expected = open.pop();
        if (!expected.isWrittenAs(bytes, from, to)) {
            throw notWellFormed("the end tag </" + CharacterData.excerpt(bytes, from, to) + "> does not match the "
                    + "start tag <" + expected.qualified + ">");
        }
    }

    /**
     * Checks the XML declaration {@code bytes[start, end)}: only {@code <?xml version='1.x'?>} with an optional
     * UTF-8 encoding and standalone declaration (RFC 6120 §11.5, §11.6).
     */
    void declaration(byte[] bytes, int start, int end) {
        String content = text(bytes, start + 2, end - 2);
        if (!content.startsWith("xml") || (content.length() > 3 && !Character.isWhitespace(content.charAt(3)))) {
            throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                    "processing instructions are not allowed (RFC 6120 §11.1)");
        }
        Matcher matcher = DECLARATION.matcher(content);
        if (!matcher.matches()) {
            throw notWellFormed("a malformed XML declaration: '" + CharacterData.excerpt(bytes, start, end) + "'");
        }
        String encoding = matcher.group(3);
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new StreamErrorException(StreamErrorCondition.UNSUPPORTED_ENCODING,
                    "the stream declares encoding '" + encoding + "'; XMPP streams are UTF-8 (RFC 6120 §11.6)");
        }
    }

    private void declare(String prefix, String uri, OpenElements open) {
        if (open.declaredHere(prefix)) {
            throw notWellFormed("duplicate declaration of the " + (prefix.isEmpty() ? "default namespace"
                    : "prefix '" + prefix + "'"));
        }
        if (prefix.equals("xmlns") || uri.equals(XMLNS_NAMESPACE)) {
            throw notWellFormed("the prefix 'xmlns' and its namespace cannot be declared");
        }
        if (prefix.equals("xml") != uri.equals(XmlAttribute.XML_NAMESPACE)) {
            throw notWellFormed("the prefix 'xml' is bound to " + XmlAttribute.XML_NAMESPACE + " and nothing else "
                    + "is: '" + prefix + "' cannot be bound to '" + uri + "'");
        }
        if (uri.isEmpty() && !prefix.isEmpty()) {
            throw notWellFormed("the prefix '" + prefix + "' cannot be undeclared (Namespaces in XML 1.0 §5)");
        }
        open.bind(prefix, uri);
    }

    private List<XmlAttribute> resolvedAttributes(OpenElements open) {
        XmlAttribute[] resolved = new XmlAttribute[attributeCount];
        for (int a = 0; a < attributeCount; a++) {
            Name attribute = attributeNames[a];
            boolean prefixed = !attribute.prefix.isEmpty();
            String namespace = prefixed ? resolve(attribute, open) : "";
            for (int b = 0; b < a; b++) {
                // The same bytes are the same Name. Unprefixed attributes are in no namespace and prefixed ones
                // never are (a prefix cannot be bound to ""), so only two prefixed names can differ and clash.
                if (attributeNames[b] == attribute || (prefixed && !attributeNames[b].prefix.isEmpty()
                        && resolved[b].localName().equals(attribute.localName)
                        && resolved[b].namespace().equals(namespace))) {
                    throw notWellFormed("duplicate attribute '" + attribute.qualified + "'"
                            + (namespace.isEmpty() ? "" : " in namespace " + namespace));
                }
            }
            resolved[a] = new XmlAttribute(namespace, attribute.localName, attributeValues[a]);
        }
        Arrays.fill(attributeNames, 0, attributeCount, null);
        Arrays.fill(attributeValues, 0, attributeCount, null);
        return attributeCount == 1 ? List.of(resolved[0]) : new FrozenList<>(resolved);
    }

    private static String resolve(Name name, OpenElements open) {
        String uri = open.resolve(name.prefix);
        if (uri == null) {
            throw notWellFormed("the prefix '" + name.prefix + "' of '" + name.qualified + "' is not bound to a "
                    + "namespace");
        }
        return uri;
    }

    private void add(Name attribute, String value) {
        if (attributeCount == attributeNames.length) {
            attributeNames = Arrays.copyOf(attributeNames, attributeCount * 2);
            attributeValues = Arrays.copyOf(attributeValues, attributeCount * 2);
        }
        attributeNames[attributeCount] = attribute;
        attributeValues[attributeCount++] = value;
    }

    // Reads the name that starts at `from`, up to the first whitespace, '=', '/' or '>'; sets nameEnd.
    private Name readName(byte[] bytes, int from, int stop, DecoderLimits limits, String what) {
        int i = tokenEnd(bytes, from, stop);
        nameEnd = i;
        if (from == i) {
            throw notWellFormed(what + " without a name");
        }
        if (i - from > limits.maxNameLength()) {
            int length = text(bytes, from, i).length();
            if (length > limits.maxNameLength()) {
                throw policy("a name of " + length + " characters exceeds the limit of " + limits.maxNameLength());
            }
        }
        return table.name(bytes, from, i);
    }

    // The end of a name: the first whitespace, '=', '/' or '>' from `from`, or `stop`.
    private static int tokenEnd(byte[] bytes, int from, int stop) {
        int i = from;
        while (i < stop && !NAME_END[bytes[i] & 0xFF]) {
            i++;
        }
        return i;
    }

    private static int skipWhitespace(byte[] bytes, int from, int stop) {
        int i = from;
        while (i < stop && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\t' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static StreamErrorException notWellFormed(String message) {
        return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, message);
    }

    private static StreamErrorException policy(String message) {
        return new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION, message);
    }
}
