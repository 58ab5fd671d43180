package org.xmppreactive.stream;

import java.util.Optional;

/**
 * The 25 defined conditions of RFC 6120 §4.9.3, each qualified by
 * {@code urn:ietf:params:xml:ns:xmpp-streams}.
 */
public enum StreamErrorCondition {
    BAD_FORMAT,
    BAD_NAMESPACE_PREFIX,
    CONFLICT,
    CONNECTION_TIMEOUT,
    HOST_GONE,
    HOST_UNKNOWN,
    IMPROPER_ADDRESSING,
    INTERNAL_SERVER_ERROR,
    INVALID_FROM,
    INVALID_NAMESPACE,
    INVALID_XML,
    NOT_AUTHORIZED,
    NOT_WELL_FORMED,
    POLICY_VIOLATION,
    REMOTE_CONNECTION_FAILED,
    RESET,
    RESOURCE_CONSTRAINT,
    RESTRICTED_XML,
    SEE_OTHER_HOST,
    SYSTEM_SHUTDOWN,
    UNDEFINED_CONDITION,
    UNSUPPORTED_ENCODING,
    UNSUPPORTED_FEATURE,
    UNSUPPORTED_STANZA_TYPE,
    UNSUPPORTED_VERSION;

    /** The namespace of the condition elements. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    private final String elementName = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    /** The condition's element name as the RFC writes it, e.g. {@code not-well-formed}. */
    public String elementName() {
        return elementName;
    }

    /** The condition named {@code elementName}, if it is one of the 25. */
    public static Optional<StreamErrorCondition> fromElementName(String elementName) {
        for (StreamErrorCondition c : values()) {
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
