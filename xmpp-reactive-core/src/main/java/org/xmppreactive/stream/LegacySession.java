package org.xmppreactive.stream;

import java.util.Optional;
import org.xmppreactive.xml.XmlElement;

/**
 * The legacy session establishment feature of RFC 3921 §3, which RFC 6121 Appendix E keeps for old clients:
 * advertised as {@code <session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>}, with {@code <optional/>} when a
 * client need not send the session IQ (what current servers do).
 *
 * @param optional whether the feature carries {@code <optional/>}
 */
public record LegacySession(boolean optional) {

    /** The namespace {@code urn:ietf:params:xml:ns:xmpp-session}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-session";

    /** The feature among {@code features}, if advertised. */
    public static Optional<LegacySession> advertisedIn(StreamFeatures features) {
        return features.feature(NAMESPACE, "session")
                .map(session -> new LegacySession(session.child(NAMESPACE, "optional").isPresent()));
    }

    /** Whether the initiating entity must send the session IQ: advertised without {@code <optional/>}. */
    public boolean required() {
        return !optional;
    }

    /** The feature as the receiving entity advertises it. */
    public XmlElement toXml() {
        XmlElement.Builder session = XmlElement.builder(NAMESPACE, "session");
        if (optional) {
            session.child(XmlElement.builder(NAMESPACE, "optional").build());
        }
        return session.build();
    }

    /** The payload of the session IQ, {@code <session/>} with no children. */
    public static XmlElement request() {
        return XmlElement.builder(NAMESPACE, "session").build();
    }
}
