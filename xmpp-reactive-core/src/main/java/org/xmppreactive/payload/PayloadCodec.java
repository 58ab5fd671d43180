package org.xmppreactive.payload;

import java.util.function.Function;
import org.xmppreactive.xml.XmlElement;

/**
 * Reads and writes one kind of payload: the element named {@link #elementName()} in {@link #namespace()}, as
 * values of {@link #type()}. A codec holds no mutable state and may be shared between sessions and threads.
 *
 * <p>Implement it for a hand-written codec (see {@link Ping} and {@link DiscoInfo}), use
 * {@link JacksonPayloadCodec} for an annotated POJO, or build one from two functions:
 * <pre>{@code
 * record Mood(String value) { }
 * PayloadCodec<Mood> codec = PayloadCodec.of("urn:example:mood", "mood", Mood.class,
 *         element -> new Mood(element.text()),
 *         mood -> XmlElement.builder("urn:example:mood", "mood").text(mood.value()).build());
 * }</pre>
 *
 * @param <T> the Java type of the payload
 */
public interface PayloadCodec<T> {

    /** The namespace of the element this codec handles, such as {@code urn:xmpp:ping}. */
    String namespace();

    /** The local name of the element this codec handles, such as {@code ping}. */
    String elementName();

    /** The Java type values are read as and written from. */
    Class<T> type();

    /**
     * Reads {@code element} as a value.
     *
     * @throws PayloadException if the element is not the one this codec handles, or breaks the rules of its
     *     specification; the message says what was wrong
     */
    T decode(XmlElement element);

    /**
     * Writes {@code payload} as an element named {@link #elementName()} in {@link #namespace()}.
     *
     * @throws IllegalArgumentException if the value cannot be written (a {@link PayloadException} for codecs that
     *     go through another representation, such as {@link JacksonPayloadCodec})
     */
    XmlElement encode(T payload);

    /** Whether {@code element} is named {@link #elementName()} in {@link #namespace()}. */
    default boolean handles(XmlElement element) {
        return element.is(namespace(), elementName());
    }

    /**
     * A codec made of two functions. The returned codec checks the element's name before calling {@code decoder},
     * and turns an {@link IllegalArgumentException} from {@code decoder} into a {@link PayloadException}.
     */
    static <T> PayloadCodec<T> of(String namespace, String elementName, Class<T> type,
            Function<XmlElement, T> decoder, Function<T, XmlElement> encoder) {
        return new FunctionalPayloadCodec<>(namespace, elementName, type, decoder, encoder);
    }
}
