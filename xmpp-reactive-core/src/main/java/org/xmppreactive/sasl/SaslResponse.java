package org.xmppreactive.sasl;

import java.util.Objects;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The initiating entity's {@code <response/>} (RFC 6120 §6.4.3): its answer to a {@link SaslChallenge}, after
 * which the receiving entity sends another challenge, {@link SaslSuccess} or {@link SaslFailure}.
 *
 * <pre>{@code
 * SaslResponse response = SaslResponse.of(SaslData.ofUtf8(clientFinalMessage));
 * encoder.encode(response.toXml("jabber:client"));
 * }</pre>
 *
 * @param data the response's octets, possibly none
 */
public record SaslResponse(SaslData data) implements Nonza {

    /** Requires data (use {@link SaslData#empty()} for none). */
    public SaslResponse {
        Objects.requireNonNull(data, "data");
    }

    /** A response carrying {@code data}. */
    public static SaslResponse of(SaslData data) {
        return new SaslResponse(data);
    }

    /**
     * Reads {@code <response/>}: its text in strict base64, surrounding whitespace allowed; no text and
     * {@code "="} both mean empty data.
     *
     * @throws MalformedSaslException with {@code incorrect-encoding} if the text is not base64
     * @throws IllegalArgumentException if {@code element} is not {@code response} in the SASL namespace
     */
    public static SaslResponse fromXml(XmlElement element) {
        SaslText.requireSaslElement(element, "response");
        return new SaslResponse(SaslText.readRequired(element));
    }

    /** Writes {@code <response/>}, empty for empty data; it does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder response = XmlElement.builder(SaslMechanisms.NAMESPACE, "response");
        SaslText.writeRequired(response, data);
        return response.build();
    }
}
