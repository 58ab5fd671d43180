package org.xmppreactive.sasl;

import java.util.Objects;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The receiving entity's {@code <challenge/>} (RFC 6120 §6.4.3): the next step of the mechanism, which the
 * initiating entity answers with a {@link SaslResponse} (or an {@link SaslAbort}).
 *
 * <pre>{@code
 * SaslChallenge challenge = SaslChallenge.fromXml(element);
 * byte[] serverFirst = challenge.data().bytes();
 * }</pre>
 *
 * @param data the challenge's octets, possibly none
 */
public record SaslChallenge(SaslData data) implements Nonza {

    /** Requires data (use {@link SaslData#empty()} for none). */
    public SaslChallenge {
        Objects.requireNonNull(data, "data");
    }

    /** A challenge carrying {@code data}. */
    public static SaslChallenge of(SaslData data) {
        return new SaslChallenge(data);
    }

    /**
     * Reads {@code <challenge/>}: its text in strict base64, surrounding whitespace allowed; no text and
     * {@code "="} both mean empty data.
     *
     * @throws MalformedSaslException with {@code incorrect-encoding} if the text is not base64
     * @throws IllegalArgumentException if {@code element} is not {@code challenge} in the SASL namespace
     */
    public static SaslChallenge fromXml(XmlElement element) {
        SaslText.requireSaslElement(element, "challenge");
        return new SaslChallenge(SaslText.readRequired(element));
    }

    /** Writes {@code <challenge/>}, empty for empty data; it does not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder challenge = XmlElement.builder(SaslMechanisms.NAMESPACE, "challenge");
        SaslText.writeRequired(challenge, data);
        return challenge.build();
    }
}
