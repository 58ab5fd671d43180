package org.xmppreactive.payload;

import java.util.Objects;
import java.util.function.Function;
import org.xmppreactive.xml.XmlElement;

/** The codec {@link PayloadCodec#of} builds from two functions. */
record FunctionalPayloadCodec<T>(String namespace, String elementName, Class<T> type,
        Function<XmlElement, T> decoder, Function<T, XmlElement> encoder) implements PayloadCodec<T> {

    FunctionalPayloadCodec {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(elementName, "elementName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(encoder, "encoder");
    }

    @Override
    public T decode(XmlElement element) {
        if (!handles(element)) {
            throw PayloadException.unexpectedElement(namespace, elementName, element);
        }
        T value;
        try {
            value = decoder.apply(element);
        } catch (PayloadException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new PayloadException(PayloadException.describe(namespace, elementName) + " is not valid: "
                    + e.getMessage(), e);
        }
        return Objects.requireNonNull(value, () -> "the decoder for " + type.getName() + " returned null");
    }

    @Override
    public XmlElement encode(T payload) {
        XmlElement element = encoder.apply(Objects.requireNonNull(payload, "payload"));
        if (!handles(element)) {
            throw new IllegalStateException("the encoder for " + type.getName() + " wrote <" + element.localName()
                    + " xmlns='" + element.namespace() + "'/> instead of "
                    + PayloadException.describe(namespace, elementName));
        }
        return element;
    }
}
