package org.xmppreactive.sasl;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The receiving entity's {@code <failure/>} (RFC 6120 §6.4.5): authentication failed, for the one defined
 * condition of §6.5, with optional text for people.
 *
 * <pre>{@code
 * SaslFailure failure = SaslFailure.of(SaslFailureCondition.ACCOUNT_DISABLED)
 *         .withText("Call 212-555-1212 for help.", "en");
 * failure.toXml("jabber:client");
 * // <failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><account-disabled/>
 * //   <text xml:lang='en'>Call 212-555-1212 for help.</text></failure>
 * }</pre>
 *
 * <p>Reading never fails on what a peer puts inside {@code <failure/>} (see {@link #fromXml}): authentication has
 * failed either way, and the user should learn so rather than get a parse failure. Only the first
 * {@code <text/>} is kept.
 *
 * @param condition the defined condition
 * @param text      descriptive text for people, not for programs
 * @param textLang  the {@code xml:lang} of {@link #text()}; only with a text
 */
public record SaslFailure(SaslFailureCondition condition, Optional<String> text, Optional<String> textLang)
        implements Nonza {

    private static final String NS = SaslMechanisms.NAMESPACE;

    /**
     * Checks that a language comes only with a text.
     *
     * @throws IllegalArgumentException if {@code textLang} is present without {@code text}
     */
    public SaslFailure {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(textLang, "textLang");
        if (textLang.isPresent() && text.isEmpty()) {
            throw new IllegalArgumentException("xml:lang '" + textLang.get() + "' was given without a text");
        }
    }

    /** A failure with {@code condition} and no text. */
    public static SaslFailure of(SaslFailureCondition condition) {
        return new SaslFailure(condition, Optional.empty(), Optional.empty());
    }

    /** A copy with a descriptive text and no {@code xml:lang}. */
    public SaslFailure withText(String text) {
        return new SaslFailure(condition, Optional.of(text), Optional.empty());
    }

    /** A copy with a descriptive text in the language {@code lang}, such as {@code en}. */
    public SaslFailure withText(String text, String lang) {
        return new SaslFailure(condition, Optional.of(text), Optional.of(lang));
    }

    /**
     * Reads {@code <failure/>} in the SASL namespace. The first defined condition wins. With none (an empty
     * {@code <failure/>}, or only a condition this library does not know), the condition is
     * {@link SaslFailureCondition#NOT_AUTHORIZED}: RFC 6120 §6.5.10 makes it the condition for a generic failure
     * whose cause is not disclosed, and it is the safe reading (do not retry the same credentials blindly), where
     * {@code temporary-auth-failure} would invite a retry. Children outside the SASL namespace are ignored.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code failure} in the SASL namespace
     */
    public static SaslFailure fromXml(XmlElement element) {
        SaslText.requireSaslElement(element, "failure");
        SaslFailureCondition condition = null;
        XmlElement textElement = null;
        for (XmlElement child : element.children()) {
            if (!child.namespace().equals(NS)) {
                continue;
            }
            if (child.localName().equals("text")) {
                textElement = textElement == null ? child : textElement;
            } else if (condition == null) {
                condition = SaslFailureCondition.fromElementName(child.localName()).orElse(null);
            }
        }
        Optional<String> text = Optional.ofNullable(textElement).map(XmlElement::text);
        Optional<String> lang = text.isPresent() ? textElement.lang() : Optional.empty();
        return new SaslFailure(condition == null ? SaslFailureCondition.NOT_AUTHORIZED : condition, text, lang);
    }

    /** Writes {@code <failure/>}: the condition, then the text; it does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder failure = XmlElement.builder(NS, "failure");
        failure.child(XmlElement.builder(NS, condition.elementName()).build());
        text.ifPresent(t -> {
            XmlElement.Builder textElement = XmlElement.builder(NS, "text");
            textLang.ifPresent(textElement::lang);
            failure.child(textElement.text(t).build());
        });
        return failure.build();
    }
}
