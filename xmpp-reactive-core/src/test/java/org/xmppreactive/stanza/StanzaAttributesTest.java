package org.xmppreactive.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlAttribute;
import org.xmppreactive.xml.XmlElement;

/** {@link StanzaAttributes} reads what {@link XmlElement#attribute(String)} and {@link XmlElement#lang()} read. */
class StanzaAttributesTest {

    private static XmlElement element(XmlAttribute... attributes) {
        return new XmlElement("jabber:client", "message", List.of(attributes), List.of());
    }

    private static void assertSameAsElement(XmlElement element) {
        StanzaAttributes attributes = StanzaAttributes.of(element);
        assertThat(attributes.to).isEqualTo(element.attribute("to").orElse(null));
        assertThat(attributes.from).isEqualTo(element.attribute("from").orElse(null));
        assertThat(attributes.id).isEqualTo(element.attribute("id").orElse(null));
        assertThat(attributes.type).isEqualTo(element.attribute("type").orElse(null));
        assertThat(attributes.lang).isEqualTo(element.lang().orElse(null));
    }

    @Test
    void theStanzaAttributesAreRead() {
        XmlElement element = element(XmlAttribute.of("to", "romeo@example.net"),
                XmlAttribute.of("from", "juliet@example.com/balcony"), XmlAttribute.of("id", "k1"),
                XmlAttribute.of("type", "chat"), new XmlAttribute(XmlAttribute.XML_NAMESPACE, "lang", "en"),
                XmlAttribute.of("other", "x"));
        StanzaAttributes attributes = StanzaAttributes.of(element);

        assertThat(attributes.to).isEqualTo("romeo@example.net");
        assertThat(attributes.from).isEqualTo("juliet@example.com/balcony");
        assertThat(attributes.id).isEqualTo("k1");
        assertThat(attributes.type).isEqualTo("chat");
        assertThat(attributes.lang).isEqualTo("en");
        assertSameAsElement(element);
    }

    @Test
    void absentAttributesAreNull() {
        StanzaAttributes attributes = StanzaAttributes.of(element());

        assertThat(attributes.to).isNull();
        assertThat(attributes.from).isNull();
        assertThat(attributes.id).isNull();
        assertThat(attributes.type).isNull();
        assertThat(attributes.lang).isNull();
    }

    @Test
    void onlyUnprefixedAttributesAndXmlLangCount() {
        XmlElement element = element(new XmlAttribute("urn:other", "to", "a@example.com"),
                new XmlAttribute("urn:other", "lang", "de"), XmlAttribute.of("lang", "fr"),
                new XmlAttribute(XmlAttribute.XML_NAMESPACE, "id", "x"), XmlAttribute.of("id", ""));
        StanzaAttributes attributes = StanzaAttributes.of(element);

        assertThat(attributes.to).isNull();
        assertThat(attributes.lang).isNull();
        assertThat(attributes.id).isEmpty();
        assertSameAsElement(element);
    }

    @Test
    void theFirstOfTwoEqualNamesWinsAsInTheElementItself() {
        // The decoder never produces this (XML forbids it); a hand-built element can.
        XmlElement element = element(XmlAttribute.of("type", "chat"), XmlAttribute.of("type", "error"),
                new XmlAttribute(XmlAttribute.XML_NAMESPACE, "lang", "en"),
                new XmlAttribute(XmlAttribute.XML_NAMESPACE, "lang", "de"), XmlAttribute.of("to", "a@b"),
                XmlAttribute.of("to", "c@d"), XmlAttribute.of("from", "e@f"), XmlAttribute.of("from", "g@h"),
                XmlAttribute.of("id", "1"), XmlAttribute.of("id", "2"));

        assertSameAsElement(element);
        assertThat(StanzaAttributes.of(element).type).isEqualTo("chat");
    }
}
