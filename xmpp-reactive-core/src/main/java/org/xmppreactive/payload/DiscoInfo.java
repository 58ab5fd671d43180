package org.xmppreactive.payload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmppreactive.xml.XmlAttribute;
import org.xmppreactive.xml.XmlElement;

/**
 * A service discovery information query (XEP-0030 §3), {@code <query xmlns='http://jabber.org/protocol/disco#info'/>}:
 * empty in the request, and in the result the entity's identities, the features it supports and, optionally,
 * extended information such as XEP-0128 data forms.
 *
 * <pre>{@code
 * DiscoInfo request = DiscoInfo.request();                    // <query xmlns='...disco#info'/>
 *
 * DiscoInfo result = DiscoInfo.builder()
 *         .identity(new DiscoInfo.Identity("client", "bot", "Weather bot"))
 *         .feature(DiscoInfo.NAMESPACE)
 *         .feature(Ping.NAMESPACE)
 *         .build();
 * result.hasFeature("urn:xmpp:ping");                         // true
 * }</pre>
 *
 * <p>Rules kept, from XEP-0030 §3.1 (MUST level only): a result has at least one identity; every identity has a
 * category and a type; every feature has a {@code var}; no feature appears twice and no two identities share
 * category, type and {@code xml:lang}. A query with neither identities, features nor extensions is a request (or
 * an empty result, which the XEP does not allow and this type cannot tell apart). The XEP's "one or more
 * features" is not enforced: its own examples answer with an identity alone.
 *
 * @param node       the {@code node} attribute (XEP-0030 §3.2), if the query is about a node of the entity
 * @param identities the identities, in document order
 * @param features   the {@code var} of each feature, in document order
 * @param extensions child elements in other namespaces, such as XEP-0128 {@code <x xmlns='jabber:x:data'/>} forms,
 *                   kept as they are
 */
public record DiscoInfo(Optional<String> node, List<Identity> identities, List<String> features,
        List<XmlElement> extensions) {

    /** The namespace of the query, also the feature that every entity supporting disco#info advertises. */
    public static final String NAMESPACE = "http://jabber.org/protocol/disco#info";

    /** The local name of the query element. */
    public static final String ELEMENT = "query";

    private static final PayloadCodec<DiscoInfo> CODEC =
            PayloadCodec.of(NAMESPACE, ELEMENT, DiscoInfo.class, DiscoInfo::read, DiscoInfo::write);

    /**
     * Copies the lists and checks the XEP-0030 rules listed above.
     *
     * @throws IllegalArgumentException naming the rule that is broken
     */
    public DiscoInfo {
        Objects.requireNonNull(node, "node");
        identities = List.copyOf(identities);
        features = List.copyOf(features);
        extensions = List.copyOf(extensions);
        if (identities.isEmpty() && !(features.isEmpty() && extensions.isEmpty())) {
            throw new IllegalArgumentException("a disco#info result must contain at least one <identity/> "
                    + "(XEP-0030 §3.1); this one has " + features.size() + " feature(s) and none");
        }
        Set<String> seenFeatures = new HashSet<>();
        for (String feature : features) {
            if (!seenFeatures.add(feature)) {
                throw new IllegalArgumentException("the feature '" + feature + "' appears more than once; "
                        + "XEP-0030 allows each feature once");
            }
        }
        Set<List<Object>> seenIdentities = new HashSet<>();
        for (Identity identity : identities) {
            if (!seenIdentities.add(List.of(identity.category(), identity.type(), identity.lang()))) {
                throw new IllegalArgumentException("two identities have category '" + identity.category()
                        + "', type '" + identity.type() + "' and xml:lang '" + identity.lang().orElse("")
                        + "'; XEP-0030 allows one per category, type and language");
            }
        }
        for (XmlElement extension : extensions) {
            if (extension.namespace().equals(NAMESPACE)) {
                throw new IllegalArgumentException("<" + extension.localName() + "/> in the disco#info namespace "
                        + "is not an extension; identities and features have their own lists");
            }
        }
    }

    /** The request for an entity's information: an empty query. */
    public static DiscoInfo request() {
        return new DiscoInfo(Optional.empty(), List.of(), List.of(), List.of());
    }

    /** The request for the information of {@code node} of an entity. */
    public static DiscoInfo request(String node) {
        return new DiscoInfo(Optional.of(node), List.of(), List.of(), List.of());
    }

    /** A builder for a result. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this is a request: no identities, features or extensions. */
    public boolean isRequest() {
        return identities.isEmpty() && features.isEmpty() && extensions.isEmpty();
    }

    /** Whether the entity advertises {@code var}, such as {@code urn:xmpp:ping}. */
    public boolean hasFeature(String var) {
        return features.contains(var);
    }

    /** The codec for {@code <query xmlns='http://jabber.org/protocol/disco#info'/>}. */
    public static PayloadCodec<DiscoInfo> codec() {
        return CODEC;
    }

    /**
     * An identity of the entity (XEP-0030 §3.1): its category and type from the XMPP Registrar's Service Discovery
     * Identities registry (such as {@code server}/{@code im} or {@code client}/{@code pc}), an optional
     * natural-language name, and the language of that name.
     *
     * @param category the {@code category} attribute, such as {@code client}
     * @param type     the {@code type} attribute, such as {@code bot}
     * @param name     the {@code name} attribute
     * @param lang     the {@code xml:lang} attribute
     */
    public record Identity(String category, String type, Optional<String> name, Optional<String> lang) {

        /** Requires every component; the optional ones as {@link Optional}. */
        public Identity {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lang, "lang");
        }

        /** An identity without a name. */
        public Identity(String category, String type) {
            this(category, type, Optional.empty(), Optional.empty());
        }

        /** An identity with a name and no language. */
        public Identity(String category, String type, String name) {
            this(category, type, Optional.of(name), Optional.empty());
        }
    }

    /** Builds a disco#info result; {@link #build()} checks the XEP-0030 rules. */
    public static final class Builder {
        private Optional<String> node = Optional.empty();
        private final List<Identity> identities = new ArrayList<>();
        private final List<String> features = new ArrayList<>();
        private final List<XmlElement> extensions = new ArrayList<>();

        private Builder() {
        }

        /** Sets the node the result is about; a result SHOULD mirror the request's node (XEP-0030 §3.2). */
        public Builder node(String node) {
            this.node = Optional.of(node);
            return this;
        }

        /** Adds an identity. */
        public Builder identity(Identity identity) {
            identities.add(Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /** Adds a feature, such as {@code urn:xmpp:ping}. */
        public Builder feature(String var) {
            features.add(Objects.requireNonNull(var, "var"));
            return this;
        }

        /** Adds extended information, such as a XEP-0128 data form. */
        public Builder extension(XmlElement element) {
            extensions.add(Objects.requireNonNull(element, "element"));
            return this;
        }

        /**
         * The result.
         *
         * @throws IllegalArgumentException if it breaks a rule of XEP-0030 §3.1
         */
        public DiscoInfo build() {
            return new DiscoInfo(node, identities, features, extensions);
        }
    }

    // Unknown children in the disco#info namespace are ignored; children in other namespaces are kept.
    private static DiscoInfo read(XmlElement element) {
        List<Identity> identities = new ArrayList<>();
        List<String> features = new ArrayList<>();
        List<XmlElement> extensions = new ArrayList<>();
        for (XmlElement child : element.children()) {
            if (child.is(NAMESPACE, "identity")) {
                identities.add(new Identity(required(child, "category"), required(child, "type"),
                        child.attribute("name"), child.lang()));
            } else if (child.is(NAMESPACE, "feature")) {
                features.add(required(child, "var"));
            } else if (!child.namespace().equals(NAMESPACE)) {
                extensions.add(child);
            }
        }
        return new DiscoInfo(element.attribute("node"), identities, features, extensions);
    }

    private static XmlElement write(DiscoInfo info) {
        XmlElement.Builder query = XmlElement.builder(NAMESPACE, ELEMENT);
        info.node().ifPresent(n -> query.attribute("node", n));
        for (Identity identity : info.identities()) {
            XmlElement.Builder e = XmlElement.builder(NAMESPACE, "identity")
                    .attribute("category", identity.category())
                    .attribute("type", identity.type());
            identity.name().ifPresent(n -> e.attribute("name", n));
            identity.lang().ifPresent(l -> e.attribute(XmlAttribute.XML_NAMESPACE, "lang", l));
            query.child(e.build());
        }
        for (String feature : info.features()) {
            query.child(XmlElement.builder(NAMESPACE, "feature").attribute("var", feature).build());
        }
        info.extensions().forEach(query::child);
        return query.build();
    }

    private static String required(XmlElement element, String attribute) {
        return element.attribute(attribute).orElseThrow(() -> new PayloadException("<" + element.localName()
                + "/> in a disco#info query has no '" + attribute + "' attribute, which XEP-0030 §3.1 requires"));
    }
}
