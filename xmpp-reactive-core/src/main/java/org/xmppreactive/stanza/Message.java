package org.xmppreactive.stanza;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;

/**
 * A message stanza (RFC 6120 §8.2.1, RFC 6121 §5): push content from one entity to another.
 *
 * <pre>{@code
 * Message hello = Message.builder()
 *         .to(Jid.parse("juliet@example.com"))
 *         .type(MessageType.CHAT)
 *         .body("Art thou not Romeo?")
 *         .body("cs", "Nejsi Romeo?")
 *         .build();
 * hello.body();   // Optional[Art thou not Romeo?]
 * }</pre>
 *
 * @param to           the intended recipient
 * @param from         the sender
 * @param id           the stanza id, if any
 * @param type         the type; {@link MessageType#NORMAL} when absent or unknown (RFC 6121 §5.2.2)
 * @param lang         the stanza's own {@code xml:lang}
 * @param bodies       body text by language, {@code ""} for a body without {@code xml:lang}, in document order
 * @param subjects     subject text by language, likewise
 * @param thread       the {@code <thread/>} identifier
 * @param parentThread the thread's {@code parent} attribute, only with a thread
 * @param error        the error, present exactly when the type is {@link MessageType#ERROR}
 * @param extensions   every other child element, kept and written back unchanged
 */
public record Message(Optional<Jid> to, Optional<Jid> from, Optional<String> id, MessageType type,
        Optional<String> lang, Map<String, String> bodies, Map<String, String> subjects, Optional<String> thread,
        Optional<String> parentThread, Optional<StanzaError> error, List<XmlElement> extensions)
        implements Stanza {

    private static final List<String> MODELLED = List.of("body", "subject", "thread", StanzaXml.ERROR);

    /**
     * Checks that the parts fit together.
     *
     * @throws IllegalArgumentException if an error is present without type {@code error} or the reverse, or a
     *     parent thread is given without a thread
     */
    public Message {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lang, "lang");
        bodies = StanzaXml.orderedCopy(bodies);
        subjects = StanzaXml.orderedCopy(subjects);
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(parentThread, "parentThread");
        Objects.requireNonNull(error, "error");
        extensions = List.copyOf(extensions);
        if ((type == MessageType.ERROR) != error.isPresent()) {
            throw new IllegalArgumentException("a message carries an error exactly when its type is 'error' "
                    + "(RFC 6120 §8.3.1); type is " + type.value() + ", error is "
                    + (error.isPresent() ? "set" : "unset"));
        }
        if (parentThread.isPresent() && thread.isEmpty()) {
            throw new IllegalArgumentException("a parent thread needs a thread (RFC 6121 §5.2.5)");
        }
    }

    /** Starts building a message of type {@link MessageType#NORMAL}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A one-to-one chat message (RFC 6121 §5.2.2) with {@code body}: the commonest thing a client sends. */
    public static Message chat(Jid to, String body) {
        return builder().type(MessageType.CHAT).to(to).body(body).build();
    }

    /**
     * A reply to this message with {@code body}: to its sender, of the same type (a groupchat reply goes to the
     * room's bare JID), in the same thread (RFC 6121 §5.2.5).
     *
     * @throws IllegalStateException if this message has no sender, or is an error (never answered, RFC 6120
     *     §8.3.1) or a headline (not to be answered, RFC 6121 §5.2.2)
     */
    public Message reply(String body) {
        Jid sender = from.orElseThrow(() -> new IllegalStateException("a message without 'from' cannot be replied to"));
        if (type == MessageType.ERROR) {
            throw new IllegalStateException("an error message is not answered (RFC 6120 §8.3.1)");
        }
        if (type == MessageType.HEADLINE) {
            throw new IllegalStateException("a headline message is not answered (RFC 6121 §5.2.2)");
        }
        Builder reply = builder().type(type).to(type == MessageType.GROUPCHAT ? sender.bare() : sender).body(body);
        thread.ifPresent(value -> reply.thread(value));
        return reply.build();
    }

    /** A copy from {@code from}, as a server stamps it (RFC 6120 §8.1.2.1). */
    @Override
    public Message withFrom(Jid from) {
        return new Message(to, Optional.of(from), id, type, lang, bodies, subjects, thread, parentThread, error,
                extensions);
    }

    /** A copy addressed to {@code to}. */
    @Override
    public Message withTo(Jid to) {
        return new Message(Optional.of(to), from, id, type, lang, bodies, subjects, thread, parentThread, error,
                extensions);
    }

    /** The body without {@code xml:lang}, else the first body. */
    public Optional<String> body() {
        return StanzaXml.preferred(bodies);
    }

    /**
     * The body in the language {@code lang}: the body with that {@code xml:lang}, or the body without one when the
     * message itself is in {@code lang} (a body inherits the stanza's language, RFC 6120 §8.1.5). Language tags
     * are compared without regard to case, as BCP 47 says.
     */
    public Optional<String> body(String lang) {
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            if (!body.getKey().isEmpty() && body.getKey().equalsIgnoreCase(lang)) {
                return Optional.of(body.getValue());
            }
        }
        return this.lang.filter(lang::equalsIgnoreCase).flatMap(own -> Optional.ofNullable(bodies.get("")));
    }

    /** The subject without {@code xml:lang}, else the first subject. */
    public Optional<String> subject() {
        return StanzaXml.preferred(subjects);
    }

    /** The first extension named {@code localName} in {@code namespace}. */
    public Optional<XmlElement> extension(String namespace, String localName) {
        return extensions.stream().filter(e -> e.is(namespace, localName)).findFirst();
    }

    /** A builder that starts from this message, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.to = to;
        builder.from = from;
        builder.id = id;
        builder.type = type;
        builder.lang = lang;
        builder.bodies.putAll(bodies);
        builder.subjects.putAll(subjects);
        builder.thread = thread;
        builder.parentThread = parentThread;
        builder.error = error;
        builder.extensions.addAll(extensions);
        return builder;
    }

    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder xml = StanzaXml.start(contentNamespace, "message", to, from, id,
                type == MessageType.NORMAL ? "" : type.value(), lang);
        StanzaXml.writeTexts(xml, contentNamespace, "subject", subjects);
        StanzaXml.writeTexts(xml, contentNamespace, "body", bodies);
        thread.ifPresent(value -> {
            XmlElement.Builder threadXml = XmlElement.builder(contentNamespace, "thread").text(value);
            parentThread.ifPresent(parent -> threadXml.attribute("parent", parent));
            xml.child(threadXml.build());
        });
        error.ifPresent(e -> xml.child(e.toXml(contentNamespace)));
        extensions.forEach(xml::child);
        return xml.build();
    }

    /** Reads a {@code <message/>} in {@code namespace}; rule breaks throw {@link MalformedStanzaException}. */
    static Message fromXml(XmlElement element, String namespace) {
        StanzaAttributes attributes = StanzaAttributes.of(element);
        MessageType type = attributes.type == null ? MessageType.NORMAL
                : MessageType.fromValue(attributes.type).orElse(MessageType.NORMAL);
        XmlElement thread = StanzaXml.child(element, namespace, "thread");
        List<XmlElement> extensions = StanzaXml.extensions(element, namespace, MODELLED);
        return new Message(StanzaXml.address(attributes.to, "to"), StanzaXml.address(attributes.from, "from"),
                Optional.ofNullable(attributes.id), type, Optional.ofNullable(attributes.lang),
                StanzaXml.textsByLang(element, namespace, "body"), StanzaXml.textsByLang(element, namespace, "subject"),
                thread == null ? Optional.empty() : Optional.of(thread.text()),
                thread == null ? Optional.empty() : Optional.ofNullable(StanzaXml.attribute(thread, "", "parent")),
                StanzaXml.error(element, namespace, type == MessageType.ERROR), extensions);
    }

    /** Builds a {@link Message}; {@link #build()} checks it. */
    public static final class Builder {
        private Optional<Jid> to = Optional.empty();
        private Optional<Jid> from = Optional.empty();
        private Optional<String> id = Optional.empty();
        private MessageType type = MessageType.NORMAL;
        private Optional<String> lang = Optional.empty();
        private final Map<String, String> bodies = new LinkedHashMap<>();
        private final Map<String, String> subjects = new LinkedHashMap<>();
        private Optional<String> thread = Optional.empty();
        private Optional<String> parentThread = Optional.empty();
        private Optional<StanzaError> error = Optional.empty();
        private final List<XmlElement> extensions = new ArrayList<>();

        private Builder() {
        }

        /** Sets the recipient. */
        public Builder to(Jid to) {
            this.to = Optional.of(to);
            return this;
        }

        /** Sets the sender. */
        public Builder from(Jid from) {
            this.from = Optional.of(from);
            return this;
        }

        /** Sets the id. */
        public Builder id(String id) {
            this.id = Optional.of(id);
            return this;
        }

        /** Sets the type. */
        public Builder type(MessageType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Sets the stanza's {@code xml:lang}. */
        public Builder lang(String lang) {
            this.lang = Optional.of(lang);
            return this;
        }

        /** Sets the body without a language. */
        public Builder body(String text) {
            return body("", text);
        }

        /** Sets the body for {@code lang} ({@code ""} for none). */
        public Builder body(String lang, String text) {
            bodies.put(Objects.requireNonNull(lang, "lang"), Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Sets the subject without a language. */
        public Builder subject(String text) {
            return subject("", text);
        }

        /** Sets the subject for {@code lang} ({@code ""} for none). */
        public Builder subject(String lang, String text) {
            subjects.put(Objects.requireNonNull(lang, "lang"), Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Sets the thread. */
        public Builder thread(String thread) {
            this.thread = Optional.of(thread);
            return this;
        }

        /** Sets the thread and its parent. */
        public Builder thread(String thread, String parent) {
            this.thread = Optional.of(thread);
            this.parentThread = Optional.of(parent);
            return this;
        }

        /** Makes this an error message carrying {@code error}. */
        public Builder error(StanzaError error) {
            this.error = Optional.of(error);
            this.type = MessageType.ERROR;
            return this;
        }

        /** Appends an extension element. */
        public Builder extension(XmlElement extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /**
         * Builds the message.
         *
         * @throws IllegalArgumentException if the parts do not fit together (see {@link Message#Message})
         */
        public Message build() {
            return new Message(to, from, id, type, lang, bodies, subjects, thread, parentThread, error, extensions);
        }
    }
}
