package org.xmppreactive.stanza;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlAttribute;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmlNode;

/** Reading and writing what the three stanzas share: addresses, id, type, xml:lang, texts by language, errors. */
final class StanzaXml {

    static final String ERROR = "error";

    /** {@code Map.of()}, and the class of every {@code Map.of(k, v)}: immutable, without nulls, trivially ordered. */
    private static final Map<String, String> NO_TEXTS = Map.of();
    private static final Class<?> ONE_TEXT = Map.of("", "").getClass();

    private StanzaXml() {
    }

    /**
     * The address {@code value} of the attribute {@code name}, empty if {@code value} is null (no such attribute);
     * a malformed one is {@code jid-malformed} (RFC 6120 §8.3.3.8).
     */
    static Optional<Jid> address(String value, String name) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Jid.parse(value));
        } catch (InvalidJidException e) {
            throw new MalformedStanzaException(StanzaErrorCondition.JID_MALFORMED,
                    "the '" + name + "' address is malformed: " + e.getMessage());
        }
    }

    /**
     * The child elements named {@code name} in the content namespace, as text by {@code xml:lang} ({@code ""} for
     * none), in document order. Two with the same language are {@code bad-request} (RFC 6121 §5.2.3, §4.7.2.2).
     */
    static Map<String, String> textsByLang(XmlElement element, String namespace, String name) {
        Map<String, String> texts = Map.of();   // most stanzas have none or one: no map is built for them
        List<XmlNode> nodes = element.nodes();
        for (int i = 0, n = nodes.size(); i < n; i++) {
            if (nodes.get(i) instanceof XmlElement child && child.is(namespace, name)) {
                String lang = langOrNone(child);
                if (texts.containsKey(lang)) {
                    throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST, "more than one <" + name
                            + "/> with " + (lang.isEmpty() ? "no xml:lang" : "xml:lang '" + lang + "'"));
                }
                if (texts.isEmpty()) {
                    texts = Map.of(lang, child.text());
                } else {
                    if (texts.size() == 1) {
                        texts = new LinkedHashMap<>(texts);
                    }
                    texts.put(lang, child.text());
                }
            }
        }
        return texts;
    }

    /** The element's own {@code xml:lang}, or {@code ""} if it has none, as {@code element.lang().orElse("")}. */
    static String langOrNone(XmlElement element) {
        String lang = attribute(element, XmlAttribute.XML_NAMESPACE, "lang");
        return lang == null ? "" : lang;
    }

    /**
     * The value of the element's attribute {@code localName} in {@code namespace} ({@code ""} for none), or null:
     * {@link XmlElement#attribute(String, String)} without an iterator or optional.
     */
    static String attribute(XmlElement element, String namespace, String localName) {
        List<XmlAttribute> attributes = element.attributes();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            XmlAttribute attribute = attributes.get(i);
            if (attribute.localName().equals(localName) && attribute.namespace().equals(namespace)) {
                return attribute.value();
            }
        }
        return null;
    }

    /**
     * The first child element named {@code name} in {@code namespace}, or null: {@link XmlElement#child} without an
     * iterator or optional.
     */
    static XmlElement child(XmlElement element, String namespace, String name) {
        List<XmlNode> nodes = element.nodes();
        for (int i = 0, n = nodes.size(); i < n; i++) {
            if (nodes.get(i) instanceof XmlElement child && child.is(namespace, name)) {
                return child;
            }
        }
        return null;
    }

    /**
     * The one child element named {@code name} in {@code namespace}, or null if there is none.
     *
     * @throws MalformedStanzaException {@code bad-request} if there is more than one
     */
    static XmlElement onlyChild(XmlElement element, String namespace, String name) {
        XmlElement only = null;
        List<XmlNode> nodes = element.nodes();
        for (int i = 0, n = nodes.size(); i < n; i++) {
            if (nodes.get(i) instanceof XmlElement child && child.is(namespace, name)) {
                if (only != null) {
                    throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST, "more than one <" + name
                            + "/>");
                }
                only = child;
            }
        }
        return only;
    }

    /** The {@code <error/>} child, required exactly when the type is {@code error}. */
    static Optional<StanzaError> error(XmlElement element, String namespace, boolean typeIsError) {
        XmlElement child = child(element, namespace, ERROR);
        if (typeIsError != (child != null)) {
            throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST, typeIsError
                    ? "a stanza of type 'error' must carry an <error/> child (RFC 6120 §8.3.1)"
                    : "only a stanza of type 'error' may carry an <error/> child (RFC 6120 §8.3.1)");
        }
        if (child == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StanzaError.fromXml(child));
        } catch (RuntimeException e) {
            throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST,
                    "the <error/> child is malformed: " + e.getMessage());
        }
    }

    /** Starts an element with the attributes every stanza may carry, in the usual order. */
    static XmlElement.Builder start(String contentNamespace, String name, Optional<Jid> to, Optional<Jid> from,
            Optional<String> id, String type, Optional<String> lang) {
        XmlElement.Builder builder = XmlElement.builder(contentNamespace, name);
        to.ifPresent(jid -> builder.attribute("to", jid.toString()));
        from.ifPresent(jid -> builder.attribute("from", jid.toString()));
        id.ifPresent(value -> builder.attribute("id", value));
        if (!type.isEmpty()) {
            builder.attribute("type", type);
        }
        lang.ifPresent(builder::lang);
        return builder;
    }

    /** Appends one child per language, {@code <name xml:lang='..'>text</name>}. */
    static void writeTexts(XmlElement.Builder builder, String namespace, String name, Map<String, String> texts) {
        texts.forEach((lang, text) -> {
            XmlElement.Builder child = XmlElement.builder(namespace, name).text(text);
            if (!lang.isEmpty()) {
                child.lang(lang);
            }
            builder.child(child.build());
        });
    }

    /** An unmodifiable copy that keeps the order. */
    static Map<String, String> orderedCopy(Map<String, String> texts) {
        if (texts == NO_TEXTS || ONE_TEXT.isInstance(texts)) {
            return texts;   // Map.of() or Map.of(lang, text), as textsByLang returns them: already immutable, no nulls
        }
        texts.forEach((lang, text) -> {
            if (lang == null || text == null) {
                throw new NullPointerException("languages and texts must not be null");
            }
        });
        if (texts.isEmpty()) {
            return Map.of();
        }
        if (texts.size() == 1) {
            Map.Entry<String, String> only = texts.entrySet().iterator().next();
            return Map.of(only.getKey(), only.getValue());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    /**
     * The child elements that are not among {@code modelled} names in {@code namespace}, in document order, as an
     * unmodifiable list ({@code List.copyOf} returns it as it is).
     */
    static List<XmlElement> extensions(XmlElement element, String namespace, List<String> modelled) {
        XmlElement first = null;
        List<XmlElement> extensions = null;   // only from the second extension on: most stanzas have one at most
        List<XmlNode> nodes = element.nodes();
        for (int i = 0, n = nodes.size(); i < n; i++) {
            if (nodes.get(i) instanceof XmlElement child && !isModelled(child, namespace, modelled)) {
                if (first == null) {
                    first = child;
                } else {
                    if (extensions == null) {
                        extensions = new ArrayList<>(4);
                        extensions.add(first);
                    }
                    extensions.add(child);
                }
            }
        }
        return extensions != null ? List.copyOf(extensions) : first != null ? List.of(first) : List.of();
    }

    /** The text for no language, else the first one: what a user who does not care about languages wants. */
    static Optional<String> preferred(Map<String, String> texts) {
        String none = texts.get("");
        return none != null ? Optional.of(none) : texts.values().stream().findFirst();
    }

    /** Whether the child is one of the names the stanza models itself. */
    static boolean isModelled(XmlElement child, String namespace, List<String> names) {
        return child.namespace().equals(namespace) && names.contains(child.localName());
    }
}
