package org.xmppreactive.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one top-level element from parser events without recursion: a stack of frames, one per open element,
 * reused from element to element. Adjacent text is merged here, because a CDATA section arrives as a piece of
 * its own between the text around it.
 */
final class ElementBuilder {

    private static final class Frame {
        String namespace;
        String localName;
        List<XmlAttribute> attributes;
        final List<XmlNode> nodes = new ArrayList<>();
        String text;                 // the first piece of pending text
        StringBuilder moreText;      // set when a second piece arrives

        void flushText() {
            if (text != null) {
                nodes.add(new XmlText(moreText != null ? moreText.toString() : text));
                text = null;
                moreText = null;
            }
        }
    }

    private final List<Frame> frames = new ArrayList<>();
    private int open;

    /** Opens a child of the current element (or the top-level element itself). */
    void start(String namespace, String localName, List<XmlAttribute> attributes) {
        if (open > 0) {
            frames.get(open - 1).flushText();
        }
        if (open == frames.size()) {
            frames.add(new Frame());
        }
        Frame frame = frames.get(open++);
        frame.namespace = namespace;
        frame.localName = localName;
        frame.attributes = attributes;
    }

    /** Adds text to the current element. */
    void text(String piece) {
        Frame frame = frames.get(open - 1);
        if (frame.text == null) {
            frame.text = piece;
        } else {
            if (frame.moreText == null) {
                frame.moreText = new StringBuilder(frame.text.length() + piece.length()).append(frame.text);
            }
            frame.moreText.append(piece);
        }
    }

    /** Closes the current element and returns it; it has also been added to its parent, if any. */
    XmlElement end() {
        Frame frame = frames.get(--open);
        frame.flushText();
        XmlElement element = new XmlElement(frame.namespace, frame.localName, frame.attributes,
                immutable(frame.nodes));
        frame.nodes.clear();
        frame.attributes = null;
        if (open > 0) {
            Frame parent = frames.get(open - 1);
            parent.nodes.add(element);
        }
        return element;
    }

    // Most elements hold no more than two nodes: List.of(a, b) copies no array, List.copyOf two.
    private static List<XmlNode> immutable(List<XmlNode> nodes) {
        return switch (nodes.size()) {
            case 0 -> List.of();
            case 1 -> List.of(nodes.get(0));
            case 2 -> List.of(nodes.get(0), nodes.get(1));
            default -> List.copyOf(nodes);
        };
    }

    /** Forgets any half-built element, for a new stream generation. */
    void reset() {
        for (int i = 0; i < open; i++) {
            Frame frame = frames.get(i);
            frame.nodes.clear();
            frame.text = null;
            frame.moreText = null;
            frame.attributes = null;
        }
        open = 0;
    }
}
