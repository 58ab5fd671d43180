package org.xmppreactive.stanza;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.payload.PayloadException;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <error/>} child of a stanza of type {@code error} (RFC 6120 §8.3): what kind of failure it is
 * ({@link #type()}), the one defined condition that names it, optional human-readable text, and optional
 * application-specific detail.
 *
 * <pre>{@code
 * StanzaError error = StanzaError.of(StanzaErrorCondition.ITEM_NOT_FOUND)   // type cancel, the RFC's default
 *         .withText("no such room", "en");
 * XmlElement xml = error.toXml("jabber:client");
 * // <error type='cancel'>
 * //   <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
 * //   <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>no such room</text>
 * // </error>
 * StanzaError.fromXml(xml).equals(error);   // true
 * }</pre>
 *
 * <p>Reading is lenient where the RFC's intent is still clear and strict where it is not (see {@link #fromXml}).
 * Only the first {@code <text/>} is kept; the {@code code} attribute of XEP-0086 legacy errors is ignored.
 *
 * @param type                the error type: what the sender should do next
 * @param condition           the defined condition
 * @param alternateAddress    for {@link StanzaErrorCondition#GONE} and {@link StanzaErrorCondition#REDIRECT} only:
 *                            the address (a URI, usually an XMPP IRI) carried as the condition element's text
 *                            (RFC 6120 §8.3.3.5, §8.3.3.14)
 * @param text                descriptive text for people, not for programs
 * @param textLang            the {@code xml:lang} of {@link #text()}; only with a text
 * @param applicationSpecific an element in an application's namespace that refines the condition
 * @param by                  the {@code by} attribute: the address of the entity that generated the error, as sent
 */
public record StanzaError(
        StanzaErrorType type,
        StanzaErrorCondition condition,
        Optional<String> alternateAddress,
        Optional<String> text,
        Optional<String> textLang,
        Optional<XmlElement> applicationSpecific,
        Optional<String> by) {

    private static final String NS = StanzaErrorCondition.NAMESPACE;

    /**
     * Checks the parts fit together: a non-blank alternate address only for {@code gone} and {@code redirect}, a language
     * only with a text, and an application-specific element that is neither a defined condition nor
     * {@code <text/>} (which would make a second condition or text).
     *
     * @throws IllegalArgumentException saying which rule was broken
     */
    public StanzaError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(alternateAddress, "alternateAddress");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(textLang, "textLang");
        Objects.requireNonNull(applicationSpecific, "applicationSpecific");
        Objects.requireNonNull(by, "by");
        if (alternateAddress.isPresent() && condition != StanzaErrorCondition.GONE
                && condition != StanzaErrorCondition.REDIRECT) {
            throw new IllegalArgumentException("only <gone/> and <redirect/> carry an alternate address "
                    + "(RFC 6120 §8.3.3.5, §8.3.3.14), not <" + condition.elementName() + "/>");
        }
        if (alternateAddress.isPresent() && alternateAddress.get().isBlank()) {
            throw new IllegalArgumentException("an alternate address must not be blank");
        }
        if (textLang.isPresent() && text.isEmpty()) {
            throw new IllegalArgumentException("xml:lang '" + textLang.get() + "' was given without a text");
        }
        applicationSpecific.ifPresent(StanzaError::requireApplicationSpecific);
    }

    /** An error with {@code condition} and the type RFC 6120 §8.3.3 recommends for it. */
    public static StanzaError of(StanzaErrorCondition condition) {
        return of(condition.defaultType(), condition);
    }

    /** An error with {@code condition} and the given {@code type}. */
    public static StanzaError of(StanzaErrorType type, StanzaErrorCondition condition) {
        return new StanzaError(type, condition, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A copy with another type. */
    public StanzaError withType(StanzaErrorType type) {
        return new StanzaError(type, condition, alternateAddress, text, textLang, applicationSpecific, by);
    }

    /**
     * A copy with the alternate address of a {@code gone} or {@code redirect} error, such as
     * {@code xmpp:romeo@example.net}.
     *
     * @throws IllegalArgumentException for any other condition
     */
    public StanzaError withAlternateAddress(String address) {
        return new StanzaError(type, condition, Optional.of(address), text, textLang, applicationSpecific, by);
    }

    /** A copy with a descriptive text and no {@code xml:lang}. */
    public StanzaError withText(String text) {
        return new StanzaError(type, condition, alternateAddress, Optional.of(text), Optional.empty(),
                applicationSpecific, by);
    }

    /** A copy with a descriptive text in the language {@code lang}, such as {@code en}. */
    public StanzaError withText(String text, String lang) {
        return new StanzaError(type, condition, alternateAddress, Optional.of(text), Optional.of(lang),
                applicationSpecific, by);
    }

    /** A copy with an application-specific element, such as {@code <too-many-stanzas xmlns='urn:example'/>}. */
    public StanzaError withApplicationSpecific(XmlElement element) {
        return new StanzaError(type, condition, alternateAddress, text, textLang, Optional.of(element), by);
    }

    /** A copy naming the entity that generated the error. */
    public StanzaError withBy(String by) {
        return new StanzaError(type, condition, alternateAddress, text, textLang, applicationSpecific,
                Optional.of(by));
    }

    /**
     * Reads an {@code <error/>} element, in whatever content namespace the stanza uses.
     *
     * <p>The {@code type} attribute is required: an error without one, or with a value other than the five of
     * RFC 6120 §8.3.2, is refused, as nobody can tell whether to retry. The condition is read leniently, since
     * failing the whole error would hide the failure it reports: the first defined condition wins; an error
     * with no defined condition becomes {@link StanzaErrorCondition#UNDEFINED_CONDITION}, and an unknown element
     * in the conditions namespace (say, a condition from a later RFC) is then kept as the application-specific
     * element unless the error carries a real one. An alternate address is read only from {@code gone} and
     * {@code redirect}, with surrounding whitespace removed.
     *
     * @throws PayloadException if {@code element} is not named {@code error}, or its type is missing or unknown
     */
    public static StanzaError fromXml(XmlElement element) {
        if (!element.localName().equals("error")) {
            throw new PayloadException("expected a stanza's <error/> element but got <" + element.localName()
                    + " xmlns='" + element.namespace() + "'/>");
        }
        String typeValue = element.attribute("type").orElseThrow(() -> new PayloadException(
                "the <error/> element has no type attribute; RFC 6120 §8.3.2 requires one of "
                        + "auth, cancel, continue, modify, wait"));
        StanzaErrorType type = StanzaErrorType.fromAttributeValue(typeValue).orElseThrow(() -> new PayloadException(
                "'" + typeValue + "' is not a stanza error type; RFC 6120 §8.3.2 allows "
                        + "auth, cancel, continue, modify, wait"));

        StanzaErrorCondition condition = null;
        Optional<String> alternateAddress = Optional.empty();
        XmlElement textElement = null;
        XmlElement unknownCondition = null;
        XmlElement applicationSpecific = null;
        for (XmlElement child : element.children()) {
            if (child.namespace().equals(NS)) {
                if (child.localName().equals("text")) {
                    textElement = textElement == null ? child : textElement;
                    continue;
                }
                Optional<StanzaErrorCondition> known = StanzaErrorCondition.fromElementName(child.localName());
                if (known.isPresent() && condition == null) {
                    condition = known.get();
                    alternateAddress = alternateAddress(condition, child);
                } else if (known.isEmpty() && unknownCondition == null) {
                    unknownCondition = child;
                }
            } else if (applicationSpecific == null) {
                applicationSpecific = child;
            }
        }
        if (condition == null) {
            condition = StanzaErrorCondition.UNDEFINED_CONDITION;
            if (applicationSpecific == null) {
                applicationSpecific = unknownCondition;
            }
        }
        Optional<String> text = Optional.ofNullable(textElement).map(XmlElement::text);
        Optional<String> lang = Optional.ofNullable(textElement).flatMap(XmlElement::lang);
        return new StanzaError(type, condition, alternateAddress, text, lang, Optional.ofNullable(applicationSpecific),
                element.attribute("by"));
    }

    /**
     * Writes this error as {@code <error/>} in {@code contentNamespace}, the namespace of the stanza it goes in
     * ({@code jabber:client}, {@code jabber:server} or {@code jabber:component:accept}): {@code by} and
     * {@code type} attributes, then the condition, the text and the application-specific element.
     */
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder error = XmlElement.builder(contentNamespace, "error");
        by.ifPresent(b -> error.attribute("by", b));
        error.attribute("type", type.attributeValue());
        XmlElement.Builder conditionElement = XmlElement.builder(NS, condition.elementName());
        alternateAddress.ifPresent(conditionElement::text);
        error.child(conditionElement.build());
        text.ifPresent(t -> {
            XmlElement.Builder textElement = XmlElement.builder(NS, "text");
            textLang.ifPresent(textElement::lang);
            error.child(textElement.text(t).build());
        });
        applicationSpecific.ifPresent(error::child);
        return error.build();
    }

    private static Optional<String> alternateAddress(StanzaErrorCondition condition, XmlElement element) {
        if (condition != StanzaErrorCondition.GONE && condition != StanzaErrorCondition.REDIRECT) {
            return Optional.empty();
        }
        String address = element.text().strip();
        return address.isEmpty() ? Optional.empty() : Optional.of(address);
    }

    private static void requireApplicationSpecific(XmlElement element) {
        if (element.namespace().equals(NS) && (element.localName().equals("text")
                || StanzaErrorCondition.fromElementName(element.localName()).isPresent())) {
            throw new IllegalArgumentException("<" + element.localName() + " xmlns='" + NS + "'/> cannot be the "
                    + "application-specific element: an error has exactly one defined condition and its text");
        }
    }
}
