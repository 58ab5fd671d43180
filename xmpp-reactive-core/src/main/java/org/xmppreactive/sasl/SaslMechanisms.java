package org.xmppreactive.sasl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <mechanisms/>} stream feature (RFC 6120 §6.4.1): the SASL mechanisms the receiving entity offers, in
 * its order of preference, each in a {@code <mechanism/>} child.
 *
 * <pre>{@code
 * // receiving entity
 * XmlElement feature = SaslMechanisms.of("SCRAM-SHA-1-PLUS", "SCRAM-SHA-1").toXml();
 * // <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>
 * //   <mechanism>SCRAM-SHA-1-PLUS</mechanism><mechanism>SCRAM-SHA-1</mechanism></mechanisms>
 *
 * // initiating entity, from the StreamFeatures it received
 * boolean scram = SaslMechanisms.advertisedIn(features.features())
 *         .map(m -> m.offers("SCRAM-SHA-1"))
 *         .orElse(false);
 * }</pre>
 *
 * <p>This is a feature, not a top-level element, so it is not a nonza: it travels inside
 * {@code <stream:features/>}. {@link #advertisedIn} takes the features' elements rather than the
 * {@code StreamFeatures} value because dependencies go from {@code stream} to {@code sasl}, not back.
 *
 * @param names the mechanism names, each 1 to 20 characters of {@code A-Z}, {@code 0-9}, {@code -} and {@code _}
 *              (RFC 4422 §3.1), in the receiving entity's order
 */
public record SaslMechanisms(List<String> names) {

    /** The namespace of every SASL element: {@code urn:ietf:params:xml:ns:xmpp-sasl}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-sasl";

    /**
     * Copies the list and checks every name.
     *
     * @throws IllegalArgumentException naming a mechanism that breaks RFC 4422 §3.1
     */
    public SaslMechanisms {
        names = List.copyOf(names);
        names.forEach(SaslMechanisms::requireName);
    }

    /** The mechanisms {@code names}, in that order. */
    public static SaslMechanisms of(String... names) {
        return new SaslMechanisms(List.of(names));
    }

    /** Whether {@code name} is offered. Names are compared exactly: RFC 4422 names are upper case. */
    public boolean offers(String name) {
        return names.contains(name);
    }

    /** The {@code <mechanisms/>} feature among {@code features} (e.g. {@code StreamFeatures.features()}), if any. */
    public static Optional<SaslMechanisms> advertisedIn(List<XmlElement> features) {
        return features.stream()
                .filter(f -> f.is(NAMESPACE, "mechanisms"))
                .findFirst()
                .map(SaslMechanisms::fromXml);
    }

    /**
     * Reads {@code <mechanisms/>}: the text of each {@code <mechanism/>} child, without surrounding whitespace.
     * A name that breaks RFC 4422 §3.1 is left out rather than failing the whole feature: it could never be
     * selected, since {@code <auth/>} must name a valid mechanism. Other children are ignored.
     *
     * @throws IllegalArgumentException if {@code element} is not {@code mechanisms} in {@link #NAMESPACE}
     */
    public static SaslMechanisms fromXml(XmlElement element) {
        SaslText.requireSaslElement(element, "mechanisms");
        List<String> names = new ArrayList<>();
        for (XmlElement mechanism : element.children(NAMESPACE, "mechanism")) {
            String name = mechanism.text().strip();
            if (isValidName(name)) {
                names.add(name);
            }
        }
        return new SaslMechanisms(names);
    }

    /** Writes {@code <mechanisms/>} with one {@code <mechanism/>} per name. */
    public XmlElement toXml() {
        XmlElement.Builder mechanisms = XmlElement.builder(NAMESPACE, "mechanisms");
        for (String name : names) {
            mechanisms.child(XmlElement.builder(NAMESPACE, "mechanism").text(name).build());
        }
        return mechanisms.build();
    }

    /** Whether {@code name} is a syntactically valid SASL mechanism name (RFC 4422 §3.1). */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > 20) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static String requireName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a SASL mechanism name: RFC 4422 §3.1 allows "
                    + "1 to 20 characters of A-Z, 0-9, '-' and '_'");
        }
        return name;
    }
}
