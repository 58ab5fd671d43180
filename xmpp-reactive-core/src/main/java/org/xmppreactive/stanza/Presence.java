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
 * A presence stanza (RFC 6120 §8.2.2, RFC 6121 §4): availability, and subscription requests and answers.
 *
 * <pre>{@code
 * Presence away = Presence.builder().show(Show.AWAY).status("At the ball").priority(5).build();
 * Presence request = Presence.builder().to(Jid.parse("romeo@example.net")).type(PresenceType.SUBSCRIBE).build();
 * }</pre>
 *
 * @param to         the intended recipient; absent for a broadcast
 * @param from       the sender
 * @param id         the stanza id, if any
 * @param type       the type; {@link PresenceType#AVAILABLE} when the attribute is absent
 * @param lang       the stanza's own {@code xml:lang}
 * @param show       the availability sub-state
 * @param statuses   status text by language, {@code ""} for a status without {@code xml:lang}, in document order
 * @param priority   the resource's priority, −128 to 127; 0 when absent (RFC 6121 §4.7.2.3)
 * @param error      the error, present exactly when the type is {@link PresenceType#ERROR}
 * @param extensions every other child element, kept and written back unchanged
 */
public record Presence(Optional<Jid> to, Optional<Jid> from, Optional<String> id, PresenceType type,
        Optional<String> lang, Optional<Show> show, Map<String, String> statuses, int priority,
        Optional<StanzaError> error, List<XmlElement> extensions) implements Stanza {

    private static final List<String> MODELLED = List.of("show", "status", "priority", StanzaXml.ERROR);

    /**
     * Checks that the parts fit together.
     *
     * @throws IllegalArgumentException if the priority is outside −128..127, or an error is present without type
     *     {@code error} or the reverse
     */
    public Presence {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(show, "show");
        statuses = StanzaXml.orderedCopy(statuses);
        Objects.requireNonNull(error, "error");
        extensions = List.copyOf(extensions);
        if (priority < -128 || priority > 127) {
            throw new IllegalArgumentException("priority " + priority + " is outside -128..127 (RFC 6121 §4.7.2.3)");
        }
        if ((type == PresenceType.ERROR) != error.isPresent()) {
            throw new IllegalArgumentException("a presence carries an error exactly when its type is 'error' "
                    + "(RFC 6120 §8.3.1)");
        }
    }

    /** Starts building an available presence. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy from {@code from}, as a server stamps it (RFC 6120 §8.1.2.1). */
    @Override
    public Presence withFrom(Jid from) {
        return new Presence(to, Optional.of(from), id, type, lang, show, statuses, priority, error, extensions);
    }

    /** A copy addressed to {@code to}. */
    @Override
    public Presence withTo(Jid to) {
        return new Presence(Optional.of(to), from, id, type, lang, show, statuses, priority, error, extensions);
    }

    /** The status without {@code xml:lang}, else the first status. */
    public Optional<String> status() {
        return StanzaXml.preferred(statuses);
    }

    /** The first extension named {@code localName} in {@code namespace}. */
    public Optional<XmlElement> extension(String namespace, String localName) {
        return extensions.stream().filter(e -> e.is(namespace, localName)).findFirst();
    }

    @Override
    public XmlElement toXml(String contentNamespace) {
        XmlElement.Builder xml = StanzaXml.start(contentNamespace, "presence", to, from, id, type.value(), lang);
        show.ifPresent(value -> xml.child(XmlElement.builder(contentNamespace, "show").text(value.value()).build()));
        StanzaXml.writeTexts(xml, contentNamespace, "status", statuses);
        if (priority != 0) {
            xml.child(XmlElement.builder(contentNamespace, "priority").text(Integer.toString(priority)).build());
        }
        error.ifPresent(e -> xml.child(e.toXml(contentNamespace)));
        extensions.forEach(xml::child);
        return xml.build();
    }

    /** Reads a {@code <presence/>} in {@code namespace}; rule breaks throw {@link MalformedStanzaException}. */
    static Presence fromXml(XmlElement element, String namespace) {
        StanzaAttributes attributes = StanzaAttributes.of(element);
        String typeValue = attributes.type;
        PresenceType type = typeValue == null ? PresenceType.AVAILABLE : PresenceType.fromValue(typeValue)
                .orElseThrow(() -> new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST,
                        "unknown presence type '" + typeValue + "' (RFC 6121 §4.7.1)"));
        Optional<Show> show = Optional.empty();
        XmlElement showElement = StanzaXml.onlyChild(element, namespace, "show");
        if (showElement != null) {
            String value = showElement.text();
            show = Optional.of(Show.fromValue(value).orElseThrow(() -> new MalformedStanzaException(
                    StanzaErrorCondition.BAD_REQUEST, "unknown <show/> value '" + value + "' (RFC 6121 §4.7.2.1)")));
        }
        int priority = 0;
        XmlElement priorityElement = StanzaXml.onlyChild(element, namespace, "priority");
        if (priorityElement != null) {
            priority = parsePriority(priorityElement.text().strip());
        }
        List<XmlElement> extensions = StanzaXml.extensions(element, namespace, MODELLED);
        return new Presence(StanzaXml.address(attributes.to, "to"), StanzaXml.address(attributes.from, "from"),
                Optional.ofNullable(attributes.id), type, Optional.ofNullable(attributes.lang), show,
                StanzaXml.textsByLang(element, namespace, "status"), priority,
                StanzaXml.error(element, namespace, type == PresenceType.ERROR), extensions);
    }

    private static int parsePriority(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= -128 && value <= 127) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedStanzaException(StanzaErrorCondition.BAD_REQUEST,
                "<priority/> '" + text + "' is not an integer from -128 to 127 (RFC 6121 §4.7.2.3)");
    }

    /** Builds a {@link Presence}; {@link #build()} checks it. */
    public static final class Builder {
        private Optional<Jid> to = Optional.empty();
        private Optional<Jid> from = Optional.empty();
        private Optional<String> id = Optional.empty();
        private PresenceType type = PresenceType.AVAILABLE;
        private Optional<String> lang = Optional.empty();
        private Optional<Show> show = Optional.empty();
        private final Map<String, String> statuses = new LinkedHashMap<>();
        private int priority;
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
        public Builder type(PresenceType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Sets the stanza's {@code xml:lang}. */
        public Builder lang(String lang) {
            this.lang = Optional.of(lang);
            return this;
        }

        /** Sets the availability sub-state. */
        public Builder show(Show show) {
            this.show = Optional.of(show);
            return this;
        }

        /** Sets the status without a language. */
        public Builder status(String text) {
            return status("", text);
        }

        /** Sets the status for {@code lang} ({@code ""} for none). */
        public Builder status(String lang, String text) {
            statuses.put(Objects.requireNonNull(lang, "lang"), Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Sets the priority, −128 to 127 (checked by {@link #build()}). */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** Makes this an error presence carrying {@code error}. */
        public Builder error(StanzaError error) {
            this.error = Optional.of(error);
            this.type = PresenceType.ERROR;
            return this;
        }

        /** Appends an extension element, such as entity capabilities. */
        public Builder extension(XmlElement extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /**
         * Builds the presence.
         *
         * @throws IllegalArgumentException if the parts do not fit together, e.g. priority 200
         */
        public Presence build() {
            return new Presence(to, from, id, type, lang, show, statuses, priority, error, extensions);
        }
    }
}
