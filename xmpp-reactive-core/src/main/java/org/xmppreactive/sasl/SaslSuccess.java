package org.xmppreactive.sasl;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The receiving entity's {@code <success/>} (RFC 6120 §6.4.6): authentication succeeded, and both sides restart
 * the stream. It may carry the mechanism's additional data with success, such as SCRAM's server signature
 * ({@code v=...}), which the initiating entity must still verify.
 *
 * <pre>{@code
 * SaslSuccess.of(SaslData.ofUtf8("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).toXml("jabber:client");
 * // <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>dj1ybUY5cHFWOFM3c3VBb1pXamE0ZEpSa0ZzS1E9</success>
 * }</pre>
 *
 * @param additionalData the additional data with success, if any; present but empty is written as {@code "="}
 *                       (RFC 6120 §6.4.6)
 */
public record SaslSuccess(Optional<SaslData> additionalData) implements Nonza {

    /** Requires the optional. */
    public SaslSuccess {
        Objects.requireNonNull(additionalData, "additionalData");
    }

    /** Success without additional data: an empty {@code <success/>}. */
    public static SaslSuccess withoutData() {
        return new SaslSuccess(Optional.empty());
    }

    /** Success with {@code additionalData}, which may be {@link SaslData#empty()}. */
    public static SaslSuccess of(SaslData additionalData) {
        return new SaslSuccess(Optional.of(additionalData));
    }

    /**
     * Reads {@code <success/>}. No text (or only whitespace) is no additional data, {@code "="} is empty data,
     * anything else must be strict base64 with surrounding whitespace allowed.
     *
     * @throws MalformedSaslException with {@code incorrect-encoding} if the text is not base64
     * @throws IllegalArgumentException if {@code element} is not {@code success} in the SASL namespace
     */
    public static SaslSuccess fromXml(XmlElement element) {
        SaslText.requireSaslElement(element, "success");
        return new SaslSuccess(SaslText.readOptional(element));
    }

    /** Writes {@code <success/>}; it does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder success = XmlElement.builder(SaslMechanisms.NAMESPACE, "success");
        SaslText.writeOptional(success, additionalData);
        return success.build();
    }
}
