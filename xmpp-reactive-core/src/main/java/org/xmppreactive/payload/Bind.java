package org.xmppreactive.payload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;

/**
 * Resource binding (RFC 6120 §7), {@code <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>}: in an IQ set the
 * client's request, empty to let the server choose the resourcepart (§7.6) or with the {@code <resource/>} it would
 * like (§7.7); in the IQ result the full JID the session is bound to.
 *
 * <pre>{@code
 * Bind.request();                     // <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>
 * Bind.request("balcony");            // <bind ...><resource>balcony</resource></bind>
 * Bind.result(Jid.parse("juliet@im.example.com/balcony"))
 *         .jid();                     // Optional[juliet@im.example.com/balcony]
 * }</pre>
 *
 * <p>Rules kept: a bind has a resource or a JID, not both; the resource is a valid resourcepart (RFC 7622 §3.4,
 * PRECIS OpaqueString) and is kept in its prepared form; the JID of a result is a full JID (§7.6.1). Reading
 * refuses a second {@code <resource/>} or {@code <jid/>} and a malformed JID, and ignores other children, such as
 * the {@code <required/>} that RFC 3920 servers put in the stream feature of the same name.
 *
 * @param resource the resourcepart the client asks for, prepared; empty to let the server choose, and in a result
 * @param jid      the full JID the server bound, in a result
 */
public record Bind(Optional<String> resource, Optional<Jid> jid) {

    /** The namespace of the bind element, also the name of the stream feature. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-bind";

    /** The local name of the bind element. */
    public static final String ELEMENT = "bind";

    /** Any JID will do: it only lends {@link Jid#withResource} its bare part to prepare a resource with. */
    private static final Jid PLACEHOLDER = Jid.parse("x@example.com");

    private static final PayloadCodec<Bind> CODEC =
            PayloadCodec.of(NAMESPACE, ELEMENT, Bind.class, Bind::read, Bind::write);

    /**
     * Prepares the resource and checks the rules listed above.
     *
     * @throws IllegalArgumentException if both are present, the resource is not a valid resourcepart, or the JID
     *     has no resourcepart; the message says which
     */
    public Bind {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(jid, "jid");
        if (resource.isPresent() && jid.isPresent()) {
            throw new IllegalArgumentException("a <bind/> carries either a <resource/> (a request, RFC 6120 §7.7) "
                    + "or a <jid/> (a result, §7.6.1), not both");
        }
        resource = resource.map(Bind::prepareResource);
        jid.ifPresent(bound -> {
            if (bound.isBare()) {
                throw new IllegalArgumentException("the <jid/> of a bind result must be a full JID (RFC 6120 §7.6.1), "
                        + "but " + bound + " has no resourcepart");
            }
        });
    }

    /**
     * The request that lets the server choose the resourcepart (RFC 6120 §7.6).
     *
     * @return an empty bind
     */
    public static Bind request() {
        return new Bind(Optional.empty(), Optional.empty());
    }

    /**
     * The request for the resourcepart {@code resource} (RFC 6120 §7.7). The server may still bind another one.
     *
     * @param resource the resourcepart wanted, prepared with PRECIS OpaqueString
     * @return a bind with a resource
     * @throws IllegalArgumentException if {@code resource} is not a valid resourcepart (empty, too long, or with
     *     characters OpaqueString refuses)
     */
    public static Bind request(String resource) {
        return new Bind(Optional.of(resource), Optional.empty());
    }

    /**
     * The server's answer: the session is bound to {@code jid}.
     *
     * @param jid the full JID of the session
     * @return a bind with a JID
     * @throws IllegalArgumentException if {@code jid} is bare
     */
    public static Bind result(Jid jid) {
        return new Bind(Optional.empty(), Optional.of(jid));
    }

    /**
     * Whether this is a result, one with a JID.
     *
     * @return true if {@link #jid()} is present
     */
    public boolean isResult() {
        return jid.isPresent();
    }

    /**
     * The codec for {@code <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>}. Reading a bind that breaks a rule
     * throws a {@link PayloadException}; from a client, the fitting answer is {@code bad-request} (§7.7.2.1).
     *
     * @return the codec, stateless and shared
     */
    public static PayloadCodec<Bind> codec() {
        return CODEC;
    }

    private static String prepareResource(String resource) {
        try {
            return PLACEHOLDER.withResource(resource).resourcepart().orElseThrow();
        } catch (InvalidJidException e) {
            throw new IllegalArgumentException("the resource of a <bind/> request is not a valid resourcepart "
                    + "(RFC 6120 §7.7.2.1): " + e.getMessage(), e);
        }
    }

    private static Bind read(XmlElement bind) {
        Optional<String> resource = single(bind, "resource").map(XmlElement::text);
        Optional<Jid> jid = single(bind, "jid").map(element -> {
            try {
                return Jid.parse(element.text());
            } catch (InvalidJidException e) {
                throw new PayloadException("the <jid/> of a bind result is not a valid JID: " + e.getMessage(), e);
            }
        });
        return new Bind(resource, jid);
    }

    private static Optional<XmlElement> single(XmlElement bind, String name) {
        List<XmlElement> found = bind.children(NAMESPACE, name);
        if (found.size() > 1) {
            throw new PayloadException("a <bind/> has " + found.size() + " <" + name + "/> elements; "
                    + "RFC 6120 §7 allows one");
        }
        return found.stream().findFirst();
    }

    /** Writes the {@code <resource/>} or {@code <jid/>}, if there is one. */
    private static XmlElement write(Bind bind) {
        XmlElement.Builder element = XmlElement.builder(NAMESPACE, ELEMENT);
        bind.resource().ifPresent(r -> element.child(XmlElement.builder(NAMESPACE, "resource").text(r).build()));
        bind.jid().ifPresent(j -> element.child(XmlElement.builder(NAMESPACE, "jid").text(j.toString()).build()));
        return element.build();
    }
}
