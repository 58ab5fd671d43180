package org.xmppreactive.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, namespace-resolved XML element: its qualified name, its attributes in document order, and its
 * content as a list of nodes (child elements and merged text) in document order.
 *
 * <p>Prefixes are not part of the model: {@code <stream:features/>} and
 * {@code <features xmlns='http://etherx.jabber.org/streams'/>} are equal. Equality is structural.
 *
 * <pre>{@code
 * XmlElement message = XmlElement.builder("jabber:client", "message")
 *         .attribute("to", "juliet@example.com")
 *         .attribute("type", "chat")
 *         .child(XmlElement.builder("jabber:client", "body").text("Art thou not Romeo?").build())
 *         .build();
 * message.child("jabber:client", "body").map(XmlElement::text);   // Optional[Art thou not Romeo?]
 * }</pre>
 *
 * @param namespace  the element's namespace URI, or {@code ""} for none
 * @param localName  the local part of the name
 * @param attributes the attributes in document order (namespace declarations are not attributes)
 * @param nodes      the content in document order; adjacent text is one {@link XmlText}
 */
public record XmlElement(String namespace, String localName, List<XmlAttribute> attributes, List<XmlNode> nodes)
        implements XmlNode {

    /**
     * Creates an element. The lists are copied unless already immutable. Names are checked when the element is
     * built with {@link #builder} and again when it is encoded, so no element can write broken XML.
     */
    public XmlElement {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(localName, "localName");
        attributes = attributes instanceof FrozenList ? attributes : List.copyOf(attributes);
        nodes = nodes instanceof FrozenList ? nodes : List.copyOf(nodes);
    }

    /** Starts building an element named {@code localName} in {@code namespace} ({@code ""} for none). */
    public static Builder builder(String namespace, String localName) {
        return new Builder(namespace, localName);
    }

    /** The value of the attribute {@code localName} in no namespace, if present. */
    public Optional<String> attribute(String localName) {
        return attribute("", localName);
    }

    /** The value of the attribute {@code localName} in {@code namespace}, if present. */
    public Optional<String> attribute(String namespace, String localName) {
        for (XmlAttribute a : attributes) {
            if (a.localName().equals(localName) && a.namespace().equals(namespace)) {
                return Optional.of(a.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The element's own {@code xml:lang}, if it has one. Inheritance from enclosing elements and from the stream
     * header (RFC 6120 §8.1.5) is resolved by the stanza layer, which knows the context.
     */
    public Optional<String> lang() {
        return attribute(XmlAttribute.XML_NAMESPACE, "lang");
    }

    /** The child elements, in document order, without text. */
    public List<XmlElement> children() {
        List<XmlElement> children = new ArrayList<>(nodes.size());
        for (XmlNode node : nodes) {
            if (node instanceof XmlElement e) {
                children.add(e);
            }
        }
        return children;
    }

    /** The child elements named {@code localName} in {@code namespace}, in document order. */
    public List<XmlElement> children(String namespace, String localName) {
        List<XmlElement> children = new ArrayList<>(2);
        for (XmlNode node : nodes) {
            if (node instanceof XmlElement e && e.is(namespace, localName)) {
                children.add(e);
            }
        }
        return children;
    }

    /** The first child element named {@code localName} in {@code namespace}, if any. */
    public Optional<XmlElement> child(String namespace, String localName) {
        for (XmlNode node : nodes) {
            if (node instanceof XmlElement e && e.is(namespace, localName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The concatenation of this element's direct text nodes; {@code ""} if it has none. */
    public String text() {
        String single = null;
        StringBuilder joined = null;
        for (XmlNode node : nodes) {
            if (node instanceof XmlText t) {
                if (single == null) {
                    single = t.value();
                } else {
                    if (joined == null) {
                        joined = new StringBuilder(single);
                    }
                    joined.append(t.value());
                }
            }
        }
        return joined != null ? joined.toString() : single != null ? single : "";
    }

    /** Whether this element is named {@code localName} in {@code namespace}. */
    public boolean is(String namespace, String localName) {
        return this.localName.equals(localName) && this.namespace.equals(namespace);
    }

    /** This element as standalone XML, with the namespace declarations it needs. For logs and tests. */
    @Override
    public String toString() {
        return XmppStreamEncoder.toXml(this);
    }

    /**
     * Builds an {@link XmlElement}. Names are checked against the XML 1.0 {@code Name} production here, so a
     * mistake shows where it was made rather than when the element is sent.
     */
    public static final class Builder {
        private final String namespace;
        private final String localName;
        private final List<XmlAttribute> attributes = new ArrayList<>();
        private final List<XmlNode> nodes = new ArrayList<>();

        private Builder(String namespace, String localName) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.localName = XmlNames.requireNcName(localName);
        }

        /** Adds (or replaces) the attribute {@code localName} in no namespace. */
        public Builder attribute(String localName, String value) {
            return attribute("", localName, value);
        }

        /** Adds (or replaces) the attribute {@code localName} in {@code namespace}. */
        public Builder attribute(String namespace, String localName, String value) {
            XmlNames.requireNcName(localName);
            XmlAttribute attribute = new XmlAttribute(namespace, localName, value);
            attributes.removeIf(a -> a.localName().equals(localName) && a.namespace().equals(namespace));
            attributes.add(attribute);
            return this;
        }

        /** Sets {@code xml:lang}. */
        public Builder lang(String lang) {
            return attribute(XmlAttribute.XML_NAMESPACE, "lang", lang);
        }

        /** Appends a child element. */
        public Builder child(XmlElement child) {
            nodes.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        /** Appends text; text appended next to other text is merged into one node. Empty text adds nothing. */
        public Builder text(String text) {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                return this;
            }
            int last = nodes.size() - 1;
            if (last >= 0 && nodes.get(last) instanceof XmlText previous) {
                nodes.set(last, new XmlText(previous.value() + text));
            } else {
                nodes.add(new XmlText(text));
            }
            return this;
        }

        /** Builds the immutable element. */
        public XmlElement build() {
            return new XmlElement(namespace, localName, attributes, nodes);
        }
    }
}
