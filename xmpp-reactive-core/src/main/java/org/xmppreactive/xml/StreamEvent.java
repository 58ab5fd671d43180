package org.xmppreactive.xml;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of bytes completed on an XML stream: the stream header, one top-level element, or the end of the
 * stream.
 */
public sealed interface StreamEvent permits StreamEvent.Opened, StreamEvent.Element, StreamEvent.Closed {

    /** The namespace of the stream root, {@code <stream:stream>} (RFC 6120 §4.8.1). */
    String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";

    /**
     * The peer opened a stream. Nothing here is judged yet: whether the root is {@code stream} in
     * {@link #STREAM_NAMESPACE}, and whether the content namespace fits, is the session's call.
     *
     * @param header     the root element with its attributes ({@code to}, {@code from}, {@code id},
     *                   {@code version}, {@code xml:lang}) and no content
     * @param namespaces the namespace declarations on the header, prefix to URI ({@code ""} for the default)
     */
    record Opened(XmlElement header, Map<String, String> namespaces) implements StreamEvent {

        /** Copies the declarations. */
        public Opened {
            Objects.requireNonNull(header, "header");
            namespaces = Map.copyOf(namespaces);
        }

        /** The default namespace declared on the header, e.g. {@code jabber:client}. */
        public Optional<String> contentNamespace() {
            return Optional.ofNullable(namespaces.get(""));
        }
    }

    /**
     * One complete top-level element: a stanza or a nonza.
     *
     * @param element the element, namespace-resolved against the stream header's declarations
     */
    record Element(XmlElement element) implements StreamEvent {

        /** Requires an element. */
        public Element {
            Objects.requireNonNull(element, "element");
        }
    }

    /** The peer closed its stream with {@code </stream:stream>}. */
    record Closed() implements StreamEvent {
    }
}
