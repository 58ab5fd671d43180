package org.xmppreactive.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlAttribute;
import org.xmppreactive.xml.XmlElement;

/**
 * The attributes of a stream header, {@code <stream:stream>} (RFC 6120 §4.7): who it is to and from, the stream
 * id the receiving entity assigns, the protocol version, and the default language.
 *
 * <pre>{@code
 * StreamHeader.initiating("example.com", Optional.empty());   // to='example.com' version='1.0'
 * }</pre>
 *
 * @param to      the {@code to} attribute
 * @param from    the {@code from} attribute
 * @param id      the stream id (receiving entity only)
 * @param version the {@code version} attribute; absent means a pre-1.0 peer (RFC 6120 §4.7.5)
 * @param lang    the {@code xml:lang} attribute
 */
public record StreamHeader(Optional<String> to, Optional<String> from, Optional<String> id,
                           Optional<String> version, Optional<String> lang) {

    /** The only version this library speaks. */
    public static final String VERSION = "1.0";

    /** Requires every part. */
    public StreamHeader {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(lang, "lang");
    }

    /** The initiating entity's header: {@code to} the domain, {@code from} if given, version 1.0. */
    public static StreamHeader initiating(String to, Optional<String> from) {
        return new StreamHeader(Optional.of(to), from, Optional.empty(), Optional.of(VERSION), Optional.empty());
    }

    /** Reads the header of a stream the peer opened. */
    public static StreamHeader of(StreamEvent.Opened opened) {
        XmlElement header = opened.header();
        return new StreamHeader(header.attribute("to"), header.attribute("from"), header.attribute("id"),
                header.attribute("version"), header.lang());
    }

    /**
     * Whether the peer speaks version 1.0 or a later minor version of major version 1 (RFC 6120 §4.7.5: the
     * major and minor numbers are separate integers; a missing version means 0.9).
     */
    public boolean supportsVersion1() {
        if (version.isEmpty()) {
            return false;
        }
        String[] parts = version.get().split("\\.", -1);
        if (parts.length != 2 || !isNumber(parts[0]) || !isNumber(parts[1])) {
            return false;
        }
        return parts[0].replaceFirst("^0+(?=.)", "").equals("1");
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The attributes in the order they are written. */
    public List<XmlAttribute> toAttributes() {
        List<XmlAttribute> attributes = new ArrayList<>(5);
        from.ifPresent(value -> attributes.add(new XmlAttribute("", "from", value)));
        to.ifPresent(value -> attributes.add(new XmlAttribute("", "to", value)));
        id.ifPresent(value -> attributes.add(new XmlAttribute("", "id", value)));
        version.ifPresent(value -> attributes.add(new XmlAttribute("", "version", value)));
        lang.ifPresent(value -> attributes.add(new XmlAttribute(XmlAttribute.XML_NAMESPACE, "lang", value)));
        return attributes;
    }
}
