package org.xmppreactive.sasl;

import java.util.List;
import java.util.Optional;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <sasl-channel-binding/>} stream feature of XEP-0440: the channel binding types the receiving entity
 * supports, advertised beside {@code <mechanisms/>}. Without it a client cannot know which type a {@code -PLUS}
 * mechanism may use (ejabberd 23.01 offers SCRAM-SHA-1-PLUS yet knows only {@code tls-unique}), so this library
 * uses {@code -PLUS} only when the server named a type the connection has.
 *
 * <pre>{@code
 * new SaslChannelBindingTypes(List.of("tls-exporter", "tls-server-end-point")).toXml();
 * // <sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'><channel-binding type='tls-exporter'/>...</sasl-channel-binding>
 * }</pre>
 *
 * @param types the channel binding type names, e.g. {@code tls-server-end-point}
 */
public record SaslChannelBindingTypes(List<String> types) {

    /** The namespace {@code urn:xmpp:sasl-cb:0}. */
    public static final String NAMESPACE = "urn:xmpp:sasl-cb:0";

    /** Copies the list. */
    public SaslChannelBindingTypes {
        types = List.copyOf(types);
    }

    /** The feature among {@code features}, if the receiving entity advertised it; entries without a type are skipped. */
    public static Optional<SaslChannelBindingTypes> advertisedIn(List<XmlElement> features) {
        return features.stream()
                .filter(feature -> feature.is(NAMESPACE, "sasl-channel-binding"))
                .findFirst()
                .map(feature -> new SaslChannelBindingTypes(feature.children(NAMESPACE, "channel-binding").stream()
                        .flatMap(binding -> binding.attribute("type").stream())
                        .toList()));
    }

    /** The feature element. */
    public XmlElement toXml() {
        XmlElement.Builder feature = XmlElement.builder(NAMESPACE, "sasl-channel-binding");
        types.forEach(type -> feature.child(XmlElement.builder(NAMESPACE, "channel-binding")
                .attribute("type", type).build()));
        return feature.build();
    }
}
