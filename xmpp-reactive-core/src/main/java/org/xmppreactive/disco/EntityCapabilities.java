package org.xmppreactive.disco;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.payload.DiscoInfo;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <c/>} element of XEP-0115 that rides on presence: which software ({@code node}) with which disco#info
 * ({@code ver}, a hash of it), so that peers can cache capabilities by hash instead of asking every contact.
 *
 * <pre>{@code
 * EntityCapabilities caps = EntityCapabilities.of("https://xmpp-reactive.org", info);
 * session.send(Presence.builder().extension(caps.toXml()).build());
 * }</pre>
 *
 * @param node the software's URI
 * @param ver  the verification string, base64 of the SHA-1 of {@link #verificationString}
 * @param hash the hash function's name; this library computes and checks {@code sha-1} only
 */
public record EntityCapabilities(String node, String ver, String hash) {

    /** The namespace {@code http://jabber.org/protocol/caps}. */
    public static final String NAMESPACE = "http://jabber.org/protocol/caps";

    private static final String DATA_FORMS = "jabber:x:data";

    /** Requires every part. */
    public EntityCapabilities {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(ver, "ver");
        Objects.requireNonNull(hash, "hash");
    }

    /** The capabilities of {@code info} for the software {@code node}, hashed with SHA-1. */
    public static EntityCapabilities of(String node, DiscoInfo info) {
        return new EntityCapabilities(node, ver(info), "sha-1");
    }

    /** The {@code ver} of {@code info}: base64(SHA-1(UTF-8({@link #verificationString}))). */
    public static String ver(DiscoInfo info) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(verificationString(info).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * The string XEP-0115 §5.1 hashes: identities sorted by category, type, {@code xml:lang} and name, each as
     * {@code category/type/lang/name<}; then features sorted, each followed by {@code <}; then the XEP-0128
     * extended forms sorted by FORM_TYPE, each as its FORM_TYPE, then its other fields sorted by var, each var and
     * its sorted values followed by {@code <}. Sorting is by UTF-8 bytes ("i;octet"), which for these strings is
     * the order of their code points.
     */
    public static String verificationString(DiscoInfo info) {
        StringBuilder s = new StringBuilder();
        info.identities().stream()
                .map(id -> id.category() + "/" + id.type() + "/" + id.lang().orElse("") + "/" + id.name().orElse(""))
                .sorted(OCTETS)
                .forEach(identity -> s.append(identity).append('<'));
        info.features().stream().sorted(OCTETS).forEach(feature -> s.append(feature).append('<'));
        List<XmlElement> forms = new ArrayList<>(info.extensions().stream()
                .filter(element -> element.is(DATA_FORMS, "x") && formType(element).isPresent())
                .toList());
        forms.sort(Comparator.comparing(form -> formType(form).orElseThrow(), OCTETS));
        for (XmlElement form : forms) {
            s.append(formType(form).orElseThrow()).append('<');
            form.children(DATA_FORMS, "field").stream()
                    .filter(field -> !field.attribute("var").orElse("").equals("FORM_TYPE"))
                    .sorted(Comparator.comparing(field -> field.attribute("var").orElse(""), OCTETS))
                    .forEach(field -> {
                        s.append(field.attribute("var").orElse("")).append('<');
                        field.children(DATA_FORMS, "value").stream().map(XmlElement::text).sorted(OCTETS)
                                .forEach(value -> s.append(value).append('<'));
                    });
        }
        return s.toString();
    }

    /** The capabilities a presence carries, if any. */
    public static Optional<EntityCapabilities> of(Presence presence) {
        return presence.extension(NAMESPACE, "c").flatMap(c -> {
            Optional<String> node = c.attribute("node");
            Optional<String> ver = c.attribute("ver");
            Optional<String> hash = c.attribute("hash");
            if (node.isEmpty() || ver.isEmpty() || hash.isEmpty()) {
                return Optional.empty();   // the legacy format of XEP-0115 1.3 carries no hash: not cacheable
            }
            return Optional.of(new EntityCapabilities(node.get(), ver.get(), hash.get()));
        });
    }

    /** The disco#info node that describes these capabilities, {@code node#ver} (XEP-0115 §6.2). */
    public String discoNode() {
        return node + "#" + ver;
    }

    /** The {@code <c/>} element to put into presence. */
    public XmlElement toXml() {
        return XmlElement.builder(NAMESPACE, "c").attribute("hash", hash).attribute("node", node)
                .attribute("ver", ver).build();
    }

    private static Optional<String> formType(XmlElement form) {
        return form.children(DATA_FORMS, "field").stream()
                .filter(field -> field.attribute("var").orElse("").equals("FORM_TYPE"))
                .findFirst()
                .flatMap(field -> field.child(DATA_FORMS, "value"))
                .map(XmlElement::text);
    }

    private static final Comparator<String> OCTETS = Comparator.comparing(
            text -> text.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned);
}
