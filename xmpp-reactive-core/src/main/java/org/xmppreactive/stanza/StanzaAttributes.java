package org.xmppreactive.stanza;

import java.util.List;
import org.xmppreactive.xml.XmlAttribute;
import org.xmppreactive.xml.XmlElement;

/**
 * The attributes every stanza may carry ({@code to}, {@code from}, {@code id}, {@code type}, {@code xml:lang}),
 * read in one pass over the element's attributes; {@code null} where absent. Each holds the first attribute of
 * that name, as {@link XmlElement#attribute(String)} and {@link XmlElement#lang()} would return it, without their
 * iterator and {@code Optional} per lookup.
 */
final class StanzaAttributes {

    final String to;
    final String from;
    final String id;
    final String type;
    final String lang;

    private StanzaAttributes(String to, String from, String id, String type, String lang) {
        this.to = to;
        this.from = from;
        this.id = id;
        this.type = type;
        this.lang = lang;
    }

    /** Reads the stanza attributes of {@code element}. */
    static StanzaAttributes of(XmlElement element) {
        String to = null;
        String from = null;
        String id = null;
        String type = null;
        String lang = null;
        List<XmlAttribute> attributes = element.attributes();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            XmlAttribute attribute = attributes.get(i);
            String value = attribute.value();
            if (attribute.namespace().isEmpty()) {
                switch (attribute.localName()) {
                    case "to" -> to = to == null ? value : to;
                    case "from" -> from = from == null ? value : from;
                    case "id" -> id = id == null ? value : id;
                    case "type" -> type = type == null ? value : type;
                    default -> {
                        // an attribute the stanza does not model
                    }
                }
            } else if (lang == null && attribute.localName().equals("lang")
                    && attribute.namespace().equals(XmlAttribute.XML_NAMESPACE)) {
                lang = value;
            }
        }
        return new StanzaAttributes(to, from, id, type, lang);
    }
}
