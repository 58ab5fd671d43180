package org.xmppreactive.xml;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array that nothing else holds or changes: how the decoder hands an element its
 * attributes and content without copying them once more. {@link XmlElement} keeps such a list as it is; every
 * other list it is given it copies.
 */
final class FrozenList<E> extends AbstractList<E> implements RandomAccess {

    private final E[] elements;

    /** Takes over {@code elements}, which the caller must neither keep nor change, and which hold no null. */
    FrozenList(E[] elements) {
        this.elements = elements;
    }

    @Override
    public E get(int index) {
        return elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }
}
