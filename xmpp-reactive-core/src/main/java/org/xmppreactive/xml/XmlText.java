package org.xmppreactive.xml;

import java.util.Objects;

/**
 * Character data inside an element. Adjacent text, however the bytes were chunked and whatever character
 * references or CDATA sections it was written with, is merged into one {@code XmlText}.
 *
 * @param value the characters, with references resolved; never empty in a decoded tree
 */
public record XmlText(String value) implements XmlNode {

    /** Creates a text node; {@code value} must not be null. */
    public XmlText {
        Objects.requireNonNull(value, "value");
    }
}
