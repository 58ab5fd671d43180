package org.xmppreactive.stanza;

import java.util.Locale;
import java.util.Optional;

/**
 * The 22 defined conditions of RFC 6120 §8.3.3, each qualified by {@code urn:ietf:params:xml:ns:xmpp-stanzas},
 * with the error type the RFC says the condition is usually sent with.
 *
 * <pre>{@code
 * StanzaErrorCondition.ITEM_NOT_FOUND.elementName();   // "item-not-found"
 * StanzaErrorCondition.ITEM_NOT_FOUND.defaultType();   // StanzaErrorType.CANCEL
 * StanzaErrorCondition.fromElementName("forbidden");   // Optional[forbidden]
 * }</pre>
 */
public enum StanzaErrorCondition {
    /** §8.3.3.1: the request is malformed or cannot be processed. */
    BAD_REQUEST(StanzaErrorType.MODIFY),
    /** §8.3.3.2: a resource or session with the same name or address already exists. */
    CONFLICT(StanzaErrorType.CANCEL),
    /** §8.3.3.3: the feature is not implemented (the RFC allows cancel or modify). */
    FEATURE_NOT_IMPLEMENTED(StanzaErrorType.CANCEL),
    /** §8.3.3.4: the requester lacks the permissions. */
    FORBIDDEN(StanzaErrorType.AUTH),
    /** §8.3.3.5: the entity is gone for good; the condition element may carry its new address. */
    GONE(StanzaErrorType.CANCEL),
    /** §8.3.3.6: the server failed internally. */
    INTERNAL_SERVER_ERROR(StanzaErrorType.CANCEL),
    /** §8.3.3.7: the addressed JID or item does not exist. */
    ITEM_NOT_FOUND(StanzaErrorType.CANCEL),
    /** §8.3.3.8: an address in the stanza is not a valid JID. */
    JID_MALFORMED(StanzaErrorType.MODIFY),
    /** §8.3.3.9: the request is understood but refused by policy on its content. */
    NOT_ACCEPTABLE(StanzaErrorType.MODIFY),
    /** §8.3.3.10: no entity is allowed to perform the action. */
    NOT_ALLOWED(StanzaErrorType.CANCEL),
    /** §8.3.3.11: the sender must authenticate first. */
    NOT_AUTHORIZED(StanzaErrorType.AUTH),
    /** §8.3.3.12: a local service policy was violated (the RFC allows modify or wait). */
    POLICY_VIOLATION(StanzaErrorType.MODIFY),
    /** §8.3.3.13: the recipient is temporarily unavailable. */
    RECIPIENT_UNAVAILABLE(StanzaErrorType.WAIT),
    /** §8.3.3.14: the entity is temporarily elsewhere; the condition element may carry the address. */
    REDIRECT(StanzaErrorType.MODIFY),
    /** §8.3.3.15: registration is required first. */
    REGISTRATION_REQUIRED(StanzaErrorType.AUTH),
    /** §8.3.3.16: the remote server does not exist or cannot be resolved. */
    REMOTE_SERVER_NOT_FOUND(StanzaErrorType.CANCEL),
    /** §8.3.3.17: the remote server could not be reached in time. */
    REMOTE_SERVER_TIMEOUT(StanzaErrorType.WAIT),
    /** §8.3.3.18: the recipient lacks the resources to serve the request. */
    RESOURCE_CONSTRAINT(StanzaErrorType.WAIT),
    /** §8.3.3.19: the service does not exist or does not answer this kind of request. */
    SERVICE_UNAVAILABLE(StanzaErrorType.CANCEL),
    /** §8.3.3.20: a subscription is required first. */
    SUBSCRIPTION_REQUIRED(StanzaErrorType.AUTH),
    /**
     * §8.3.3.21: none of the others; usually paired with an application-specific element. The RFC allows any
     * type; {@code cancel} is the default here because it is the one that never invites a pointless retry.
     */
    UNDEFINED_CONDITION(StanzaErrorType.CANCEL),
    /** §8.3.3.22: the request came at the wrong time (the RFC allows wait or modify). */
    UNEXPECTED_REQUEST(StanzaErrorType.WAIT);

    /** The namespace of the condition elements and of {@code <text/>}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private final StanzaErrorType defaultType;
    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    StanzaErrorCondition(StanzaErrorType defaultType) {
        this.defaultType = defaultType;
    }

    /** The condition's element name as the RFC writes it, e.g. {@code service-unavailable}. */
    public String elementName() {
        return elementName;
    }

    /** The type RFC 6120 §8.3.3 says this condition is usually sent with (its first choice where it names two). */
    public StanzaErrorType defaultType() {
        return defaultType;
    }

    /** The condition named {@code elementName}, if it is one of the 22. */
    public static Optional<StanzaErrorCondition> fromElementName(String elementName) {
        for (StanzaErrorCondition c : values()) {
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
