package org.xmppreactive.stream;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;

/**
 * A stream error (RFC 6120 §4.9): the {@code <stream:error/>} element an entity sends just before it closes the
 * stream, with the one defined condition that names the failure, optional human-readable text and an optional
 * application-specific element. For {@link StreamErrorCondition#SEE_OTHER_HOST} it also carries where to go.
 *
 * <pre>{@code
 * StreamError error = StreamError.of(StreamErrorCondition.POLICY_VIOLATION).withText("stanza too big", "en");
 * encoder.encode(error.toXml());
 * // <stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>
 * //   <text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>stanza too big</text></stream:error>
 *
 * StreamError redirect = StreamError.seeOtherHost("[2001:db8::9]:5222");
 * }</pre>
 *
 * <p>Reading never fails on what a peer puts inside {@code <stream:error/>}: the stream is ending anyway, and the
 * user should learn why rather than get a parse failure (see {@link #fromXml}). Only the first {@code <text/>} is
 * kept.
 *
 * @param condition           the defined condition
 * @param otherHost           for {@code see-other-host} only: the condition element's text, a domainpart or IP
 *                            address with an optional {@code :port} (IPv6 in brackets), RFC 6120 §4.9.3.19. The
 *                            RFC requires it; it is empty here only when a peer left it out
 * @param text                descriptive text for people, not for programs
 * @param textLang            the {@code xml:lang} of {@link #text()}; only with a text
 * @param applicationSpecific an element in an application's namespace that refines the condition
 */
public record StreamError(
        StreamErrorCondition condition,
        Optional<String> otherHost,
        Optional<String> text,
        Optional<String> textLang,
        Optional<XmlElement> applicationSpecific) implements Nonza {

    private static final String NS = StreamErrorCondition.NAMESPACE;

    /**
     * Checks the parts fit together: a non-blank other host only for {@code see-other-host}, a language only with
     * a text, and an application-specific element that is neither a defined condition nor {@code <text/>}.
     *
     * @throws IllegalArgumentException saying which rule was broken
     */
    public StreamError {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(otherHost, "otherHost");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(textLang, "textLang");
        Objects.requireNonNull(applicationSpecific, "applicationSpecific");
        if (otherHost.isPresent() && condition != StreamErrorCondition.SEE_OTHER_HOST) {
            throw new IllegalArgumentException("only <see-other-host/> carries a host (RFC 6120 §4.9.3.19), not <"
                    + condition.elementName() + "/>");
        }
        if (otherHost.isPresent() && otherHost.get().isBlank()) {
            throw new IllegalArgumentException("the host of <see-other-host/> must not be blank");
        }
        if (textLang.isPresent() && text.isEmpty()) {
            throw new IllegalArgumentException("xml:lang '" + textLang.get() + "' was given without a text");
        }
        applicationSpecific.ifPresent(StreamError::requireApplicationSpecific);
    }

    /** An error with {@code condition} and nothing else. For {@code see-other-host} use {@link #seeOtherHost}. */
    public static StreamError of(StreamErrorCondition condition) {
        return new StreamError(condition, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A {@code see-other-host} error sending the peer to {@code hostAndPort}: {@code example.net},
     * {@code example.net:5223}, {@code 192.0.2.7:5222} or {@code [2001:db8::9]:5222}.
     *
     * @throws IllegalArgumentException if {@code hostAndPort} is blank
     */
    public static StreamError seeOtherHost(String hostAndPort) {
        return new StreamError(StreamErrorCondition.SEE_OTHER_HOST, Optional.of(hostAndPort), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A copy with a descriptive text and no {@code xml:lang}. */
    public StreamError withText(String text) {
        return new StreamError(condition, otherHost, Optional.of(text), Optional.empty(), applicationSpecific);
    }

    /** A copy with a descriptive text in the language {@code lang}, such as {@code en}. */
    public StreamError withText(String text, String lang) {
        return new StreamError(condition, otherHost, Optional.of(text), Optional.of(lang), applicationSpecific);
    }

    /** A copy with an application-specific element, such as {@code <escape-your-data xmlns='urn:example'/>}. */
    public StreamError withApplicationSpecific(XmlElement element) {
        return new StreamError(condition, otherHost, text, textLang, Optional.of(element));
    }

    /**
     * Reads a {@code <stream:error/>} element.
     *
     * <p>The first defined condition wins. With none, the condition is {@link StreamErrorCondition#UNDEFINED_CONDITION},
     * and an unknown element in the conditions namespace is kept as the application-specific element unless the
     * error carries a real one. The host of {@code see-other-host} is its text with surrounding whitespace removed.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code error} in the stream namespace
     *     {@code http://etherx.jabber.org/streams}
     */
    public static StreamError fromXml(XmlElement element) {
        if (!element.is(StreamEvent.STREAM_NAMESPACE, "error")) {
            throw new IllegalArgumentException("expected <stream:error/> (error in '" + StreamEvent.STREAM_NAMESPACE
                    + "') but got <" + element.localName() + " xmlns='" + element.namespace() + "'/>");
        }
        StreamErrorCondition condition = null;
        Optional<String> otherHost = Optional.empty();
        XmlElement textElement = null;
        XmlElement unknownCondition = null;
        XmlElement applicationSpecific = null;
        for (XmlElement child : element.children()) {
            if (child.namespace().equals(NS)) {
                if (child.localName().equals("text")) {
                    textElement = textElement == null ? child : textElement;
                    continue;
                }
                Optional<StreamErrorCondition> known = StreamErrorCondition.fromElementName(child.localName());
                if (known.isPresent() && condition == null) {
                    condition = known.get();
                    if (condition == StreamErrorCondition.SEE_OTHER_HOST) {
                        String host = child.text().strip();
                        otherHost = host.isEmpty() ? Optional.empty() : Optional.of(host);
                    }
                } else if (known.isEmpty() && unknownCondition == null) {
                    unknownCondition = child;
                }
            } else if (applicationSpecific == null) {
                applicationSpecific = child;
            }
        }
        if (condition == null) {
            condition = StreamErrorCondition.UNDEFINED_CONDITION;
            if (applicationSpecific == null) {
                applicationSpecific = unknownCondition;
            }
        }
        Optional<String> text = Optional.ofNullable(textElement).map(XmlElement::text);
        Optional<String> lang = Optional.ofNullable(textElement).flatMap(XmlElement::lang);
        return new StreamError(condition, otherHost, text, lang, Optional.ofNullable(applicationSpecific));
    }

    /**
     * Writes this error as {@code <stream:error/>}: the condition (with the host as its text for
     * {@code see-other-host}), then the text, then the application-specific element.
     */
    public XmlElement toXml() {
        return toXml("");
    }

    /** The same as {@link #toXml()}: a stream error does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder error = XmlElement.builder(StreamEvent.STREAM_NAMESPACE, "error");
        XmlElement.Builder conditionElement = XmlElement.builder(NS, condition.elementName());
        otherHost.ifPresent(conditionElement::text);
        error.child(conditionElement.build());
        text.ifPresent(t -> {
            XmlElement.Builder textElement = XmlElement.builder(NS, "text");
            textLang.ifPresent(textElement::lang);
            error.child(textElement.text(t).build());
        });
        applicationSpecific.ifPresent(error::child);
        return error.build();
    }

    private static void requireApplicationSpecific(XmlElement element) {
        if (element.namespace().equals(NS) && (element.localName().equals("text")
                || StreamErrorCondition.fromElementName(element.localName()).isPresent())) {
            throw new IllegalArgumentException("<" + element.localName() + " xmlns='" + NS + "'/> cannot be the "
                    + "application-specific element: a stream error has exactly one defined condition and its text");
        }
    }
}
