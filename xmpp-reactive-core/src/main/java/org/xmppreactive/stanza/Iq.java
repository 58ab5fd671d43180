package org.xmppreactive.stanza;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;

/**
 * An IQ stanza (RFC 6120 §8.2.3): a request ({@code get} or {@code set}, exactly one payload) and its answer
 * ({@code result} with zero or one payload, or {@code error}).
 *
 * <pre>{@code
 * Iq ping = Iq.get("ping-1", XmlElement.builder("urn:xmpp:ping", "ping").build())
 *         .withTo(Jid.parse("example.com"));
 * Iq pong = ping.result();              // type result, same id, addresses swapped, no payload
 * }</pre>
 *
 * @param to      the intended recipient
 * @param from    the sender
 * @param id      the id, required: it correlates a request with its answer
 * @param type    the type
 * @param lang    the stanza's own {@code xml:lang}
 * @param payload the one child of a request, the child of a result if any, and for an error the request's
 *                child if the sender echoed it
 * @param error   the error, present exactly when the type is {@link IqType#ERROR}
 */
public record Iq(Optional<Jid> to, Optional<Jid> from, String id, IqType type, Optional<String> lang,
        Optional<XmlElement> payload, Optional<StanzaError> error) implements Stanza {

    /** The one child an IQ models, in its content namespace: every other child element is a payload. */
    private static final List<String> MODELLED = List.of(StanzaXml.ERROR);

    /**
     * Checks the rules of RFC 6120 §8.2.3.
     *
     * @throws IllegalArgumentException if the id is empty, a get or set has no payload, or an error is present
     *     without type {@code error} or the reverse
     */
    public Iq {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(error, "error");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("an IQ needs a non-empty id (RFC 6120 §8.2.3)");
        }
        if ((type == IqType.GET || type == IqType.SET) && payload.isEmpty()) {
            throw new IllegalArgumentException("an IQ " + type.value() + " carries exactly one payload "
                    + "(RFC 6120 §8.2.3)");
        }
        if ((type == IqType.ERROR) != error.isPresent()) {
            throw new IllegalArgumentException("an IQ carries an error exactly when its type is 'error' "
                    + "(RFC 6120 §8.3.1)");
        }
    }

    /** A {@code get} request with id {@code id} and its one payload. */
    public static Iq get(String id, XmlElement payload) {
        return new Iq(Optional.empty(), Optional.empty(), id, IqType.GET, Optional.empty(), Optional.of(payload),
                Optional.empty());
    }

    /** A {@code set} request with id {@code id} and its one payload. */
    public static Iq set(String id, XmlElement payload) {
        return new Iq(Optional.empty(), Optional.empty(), id, IqType.SET, Optional.empty(), Optional.of(payload),
                Optional.empty());
    }

    /** A copy addressed to {@code to}. */
    @Override
    public Iq withTo(Jid to) {
        return new Iq(Optional.of(to), from, id, type, lang, payload, error);
    }

    /** A copy from {@code from}. */
    @Override
    public Iq withFrom(Jid from) {
        return new Iq(to, Optional.of(from), id, type, lang, payload, error);
    }

    /** The payload as a list of zero or one element. */
    @Override
    public List<XmlElement> extensions() {
        return payload.map(List::of).orElse(List.of());
    }

    /** Whether this is a request ({@code get} or {@code set}), which must be answered. */
    public boolean isRequest() {
        return type == IqType.GET || type == IqType.SET;
    }

    /** The empty {@code result} answering this request: same id, {@code to} and {@code from} swapped. */
    public Iq result() {
        return result(Optional.empty());
    }

    /** The {@code result} answering this request with {@code payload}. */
    public Iq result(XmlElement payload) {
        return result(Optional.of(payload));
    }

    /** The {@code error} answering this request with {@code error}; the request's payload is not echoed. */
    public Iq error(StanzaError error) {
        requireRequest("error");
        return new Iq(from, to, id, IqType.ERROR, Optional.empty(), Optional.empty(), Optional.of(error));
    }

    private Iq result(Optional<XmlElement> payload) {
        requireRequest("result");
        return new Iq(from, to, id, IqType.RESULT, Optional.empty(), payload, Optional.empty());
    }

    private void requireRequest(String answer) {
        if (!isRequest()) {
            throw new IllegalStateException("only a get or set is answered with a " + answer + "; this IQ is a "
                    + type.value() + " (RFC 6120 §8.2.3)");
        }
    }

    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder xml = StanzaXml.start(contentNamespace, "iq", to, from, Optional.of(id), type.value(),
                lang);
        payload.ifPresent(xml::child);
        error.ifPresent(e -> xml.child(e.toXml(contentNamespace)));
        return xml.build();
    }

    /** Reads an {@code <iq/>} in {@code namespace}; rule breaks throw {@link MalformedStanzaException}. */
    static Iq fromXml(XmlElement element, String namespace) {
        StanzaAttributes attributes = StanzaAttributes.of(element);
        String id = attributes.id;
        if (id == null || id.isEmpty()) {
            throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST,
                    "an IQ without an id (RFC 6120 §8.2.3)");
        }
        String typeValue = attributes.type;
        if (typeValue == null) {
            throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST,
                    "an IQ without a type (RFC 6120 §8.2.3)");
        }
        IqType type = IqType.fromValue(typeValue).orElseThrow(() -> new MalformedStanzaException(
                StanzaErrorCondition.BAD_REQUEST, "unknown IQ type '" + typeValue + "' (RFC 6120 §8.2.3)"));
        Optional<StanzaError> error = StanzaXml.error(element, namespace, type == IqType.ERROR);
        List<XmlElement> payloads = StanzaXml.extensions(element, namespace, MODELLED);
        boolean request = type == IqType.GET || type == IqType.SET;
        if (request && payloads.size() != 1 || !request && payloads.size() > 1) {
            throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST, "an IQ " + type.value()
                    + " with " + payloads.size() + " child elements; " + (request ? "exactly one" : "at most one")
                    + " is allowed (RFC 6120 §8.2.3)");
        }
        Optional<XmlElement> payload = payloads.isEmpty() ? Optional.empty() : Optional.of(payloads.get(0));
        return new Iq(StanzaXml.address(attributes.to, "to"), StanzaXml.address(attributes.from, "from"), id, type,
                Optional.ofNullable(attributes.lang), payload, error);
    }
}
