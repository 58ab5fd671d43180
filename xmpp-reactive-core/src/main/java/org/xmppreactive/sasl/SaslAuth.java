package org.xmppreactive.sasl;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.stanza.Nonza;
import org.xmppreactive.xml.XmlElement;

/**
 * The initiating entity's {@code <auth/>} (RFC 6120 §6.4.2): it picks a mechanism and starts its handshake, with
 * the mechanism's initial response if the mechanism sends one first.
 *
 * <pre>{@code
 * SaslAuth auth = SaslAuth.of("PLAIN", SaslData.ofUtf8("\0juliet\0r0m30myr0m30"));
 * auth.toXml("jabber:client");
 * // <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>
 *
 * SaslAuth.of("EXTERNAL", SaslData.empty()).toXml("jabber:client");
 * // <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>
 * }</pre>
 *
 * <p>An absent initial response (no text) and an empty one ({@code "="}) are different things to a mechanism, and
 * are kept apart here: {@code Optional.empty()} against {@code Optional.of(SaslData.empty())}.
 *
 * @param mechanism       the mechanism's name, as offered in {@link SaslMechanisms} (RFC 4422 §3.1 syntax)
 * @param initialResponse the initial response, if any
 */
public record SaslAuth(String mechanism, Optional<SaslData> initialResponse) implements Nonza {

    /**
     * Checks the mechanism name.
     *
     * @throws IllegalArgumentException if {@code mechanism} breaks RFC 4422 §3.1
     */
    public SaslAuth {
        SaslMechanisms.requireName(Objects.requireNonNull(mechanism, "mechanism"));
        Objects.requireNonNull(initialResponse, "initialResponse");
    }

    /** Starts {@code mechanism} without an initial response; the receiving entity sends the first challenge. */
    public static SaslAuth of(String mechanism) {
        return new SaslAuth(mechanism, Optional.empty());
    }

    /** Starts {@code mechanism} with {@code initialResponse}, which may be {@link SaslData#empty()}. */
    public static SaslAuth of(String mechanism, SaslData initialResponse) {
        return new SaslAuth(mechanism, Optional.of(initialResponse));
    }

    /**
     * Reads {@code <auth/>}. No text (or only whitespace) is no initial response; {@code "="} is an empty one;
     * anything else must be strict base64 (see {@link SaslData#fromBase64}), with surrounding whitespace allowed.
     *
     * @throws MalformedSaslException with {@code invalid-mechanism} if the {@code mechanism} attribute is missing
     *     or not a valid name (RFC 6120 §6.5.7), or {@code incorrect-encoding} if the text is not base64 (§6.5.5)
     * @throws IllegalArgumentException if {@code element} is not {@code auth} in {@link SaslMechanisms#NAMESPACE}
     */
    public static SaslAuth fromXml(XmlElement element) {
        SaslText.requireSaslElement(element, "auth");
        String mechanism = element.attribute("mechanism").orElseThrow(() -> new MalformedSaslException(
                SaslFailureCondition.INVALID_MECHANISM, "<auth/> has no mechanism attribute"));
        if (!SaslMechanisms.isValidName(mechanism)) {
            throw new MalformedSaslException(SaslFailureCondition.INVALID_MECHANISM, "'" + mechanism
                    + "' is not a SASL mechanism name (RFC 4422 §3.1: 1 to 20 of A-Z, 0-9, '-', '_')");
        }
        return new SaslAuth(mechanism, SaslText.readOptional(element));
    }

    /** Writes {@code <auth/>}; SASL elements do not depend on the content namespace. */
    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder auth = XmlElement.builder(SaslMechanisms.NAMESPACE, "auth").attribute("mechanism", mechanism);
        SaslText.writeOptional(auth, initialResponse);
        return auth.build();
    }
}
