package org.xmppreactive.stanza;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmlNode;

/** Reading and writing what the three stanzas share: addresses, id, type, xml:lang, texts by language, errors. */
final class StanzaXml {

    static final String ERROR = "error";

    private StanzaXml() {
    }

    /** The address in attribute {@code name}; a malformed one is {@code jid-malformed} (RFC 6120 §8.3.3.8). */
    static Optional<Jid> address(XmlElement element, String name) {
        Optional<String> value = element.attribute(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Jid.parse(value.get()));
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
        for (XmlNode node : element.nodes()) {
            if (node instanceof XmlElement child && child.is(namespace, name)) {
                String lang = child.lang().orElse("");
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

    /** The {@code <error/>} child, required exactly when the type is {@code error}. */
    static Optional<StanzaError> error(XmlElement element, String namespace, boolean typeIsError) {
        Optional<XmlElement> child = element.child(namespace, ERROR);
        if (typeIsError != child.isPresent()) {
            throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST, typeIsError
                    ? "a stanza of type 'error' must carry an <error/> child (RFC 6120 §8.3.1)"
                    : "only a stanza of type 'error' may carry an <error/> child (RFC 6120 §8.3.1)");
        }
        if (child.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StanzaError.fromXml(child.get()));
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

    /** The child elements that are not among {@code modelled} names in {@code namespace}, in document order. */
    static List<XmlElement> extensions(XmlElement element, String namespace, List<String> modelled) {
        List<XmlElement> extensions = null;
        for (XmlNode node : element.nodes()) {
            if (node instanceof XmlElement child && !isModelled(child, namespace, modelled)) {
                if (extensions == null) {
                    extensions = new ArrayList<>(2);
                }
                extensions.add(child);
            }
        }
        return extensions == null ? List.of() : extensions;
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
