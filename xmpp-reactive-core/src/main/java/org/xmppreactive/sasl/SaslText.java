package org.xmppreactive.sasl;

import java.util.Optional;
import org.xmppreactive.xml.XmlElement;

/**
 * How SASL data sits in an element's text (RFC 6120 §6.4): base64, with {@code "="} for data that is present but
 * empty. Shared by the elements of this package; surrounding XML whitespace (a pretty-printed element) is
 * tolerated, whitespace inside the base64 is not.
 */
final class SaslText {

    private SaslText() {
    }

    /**
     * For {@code <auth/>} and {@code <success/>}, where absent and empty differ (§6.4.2, §6.4.6): no text is no
     * data, {@code "="} is empty data.
     */
    static Optional<SaslData> readOptional(XmlElement element) {
        String text = stripXmlWhitespace(element.text());
        return text.isEmpty() ? Optional.empty() : Optional.of(decode(text));
    }

    /**
     * For {@code <challenge/>} and {@code <response/>}, which always carry data, possibly empty (§6.4.3): no text
     * and {@code "="} are both empty data.
     */
    static SaslData readRequired(XmlElement element) {
        return readOptional(element).orElse(SaslData.empty());
    }

    /** Writes data where absent and empty differ: nothing for absent, {@code "="} for empty. */
    static void writeOptional(XmlElement.Builder element, Optional<SaslData> data) {
        data.ifPresent(d -> element.text(d.isEmpty() ? "=" : d.toBase64()));
    }

    /** Writes data that is always present: an empty element for empty data. */
    static void writeRequired(XmlElement.Builder element, SaslData data) {
        element.text(data.toBase64());
    }

    /** Checks that {@code element} is {@code localName} in the SASL namespace: reading the wrong one is a bug. */
    static void requireSaslElement(XmlElement element, String localName) {
        if (!element.is(SaslMechanisms.NAMESPACE, localName)) {
            throw new IllegalArgumentException("expected <" + localName + " xmlns='" + SaslMechanisms.NAMESPACE
                    + "'/> but got <" + element.localName() + " xmlns='" + element.namespace() + "'/>");
        }
    }

    private static SaslData decode(String text) {
        return text.equals("=") ? SaslData.empty() : SaslData.fromBase64(text);
    }

    // XML whitespace (XML 1.0 §2.3 S), not Java's wider idea of it.
    private static String stripXmlWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isXmlWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isXmlWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
