package org.xmppreactive.sasl;

import java.util.Locale;
import java.util.Optional;

/**
 * The 11 defined conditions of a SASL {@code <failure/>} (RFC 6120 §6.5), each an empty element qualified by
 * {@code urn:ietf:params:xml:ns:xmpp-sasl}.
 *
 * <pre>{@code
 * SaslFailureCondition.NOT_AUTHORIZED.elementName();          // "not-authorized"
 * SaslFailureCondition.fromElementName("invalid-mechanism");  // Optional[invalid-mechanism]
 * }</pre>
 */
public enum SaslFailureCondition {
    /** §6.5.1: the initiating entity sent {@code <abort/>}. */
    ABORTED,
    /** §6.5.2: the account has been disabled. */
    ACCOUNT_DISABLED,
    /** §6.5.3: the credentials have expired. */
    CREDENTIALS_EXPIRED,
    /** §6.5.4: the mechanism is only allowed over an encrypted (TLS) connection. */
    ENCRYPTION_REQUIRED,
    /** §6.5.5: the data was not valid base64 (RFC 4648 §4). */
    INCORRECT_ENCODING,
    /** §6.5.6: the authorization identity is invalid or the authenticated identity may not act as it. */
    INVALID_AUTHZID,
    /** §6.5.7: no mechanism was named, or the named one is not supported. */
    INVALID_MECHANISM,
    /** §6.5.8: the request is malformed, e.g. the SASL data breaks the mechanism's syntax. */
    MALFORMED_REQUEST,
    /** §6.5.9: the mechanism is weaker than the server's policy allows for this account. */
    MECHANISM_TOO_WEAK,
    /** §6.5.10: the credentials are wrong, or authentication failed for a reason the server does not disclose. */
    NOT_AUTHORIZED,
    /** §6.5.11: a temporary error on the receiving side; trying again later may succeed. */
    TEMPORARY_AUTH_FAILURE;

    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The condition's element name as the RFC writes it, e.g. {@code temporary-auth-failure}. */
    public String elementName() {
        return elementName;
    }

    /** The condition named {@code elementName}, if it is one of the 11. */
    public static Optional<SaslFailureCondition> fromElementName(String elementName) {
        for (SaslFailureCondition c : values()) {
            if (c.elementName.equals(elementName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return elementName;
    }
}
