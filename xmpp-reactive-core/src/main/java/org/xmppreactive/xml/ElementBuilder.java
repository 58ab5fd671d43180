package org.xmppreactive.xml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one top-level element from parser events without recursion: a stack of frames, one per open element,
 * reused from element to element. Adjacent text is merged here, because a CDATA section arrives as a piece of
 * its own between the text around it.
 */
final class ElementBuilder {

    private static final int RETAINED_NODES = 64;

    private static final class Frame {
        String namespace;
        String localName;
        List<XmlAttribute> attributes;
        XmlNode[] nodes = new XmlNode[4];
        int nodeCount;
        String text;                 // the first piece of pending text
        StringBuilder moreText;      // set when a second piece arrives

        void add(XmlNode node) {
            if (nodeCount == nodes.length) {
                nodes = Arrays.copyOf(nodes, nodeCount * 2);
            }
            nodes[nodeCount++] = node;
        }

        void flushText() {
            if (text != null) {
                add(new XmlText(moreText != null ? moreText.toString() : text));
                text = null;
                moreText = null;
            }
        }

        // The content as an immutable list: List.of(a) for one node, else an exact copy nobody else holds.
        List<XmlNode> takeNodes() {
            List<XmlNode> taken = switch (nodeCount) {
                case 0 -> List.of();
                case 1 -> List.of(nodes[0]);
                default -> new FrozenList<>(Arrays.copyOf(nodes, nodeCount));
            };
            clear();
            return taken;
        }

        void clear() {
            if (nodes.length > RETAINED_NODES) {
                nodes = new XmlNode[4];    // an element with thousands of children leaves no large array behind
            } else {
                for (int i = 0; i < nodeCount; i++) {
                    nodes[i] = null;       // for the few nodes of most elements, cheaper than Arrays.fill
                }
            }
            nodeCount = 0;
            text = null;
            moreText = null;
            attributes = null;
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
        List<XmlAttribute> attributes = frame.attributes;
        XmlElement element = new XmlElement(frame.namespace, frame.localName, attributes, frame.takeNodes());
        if (open > 0) {
            frames.get(open - 1).add(element);
        }
        return element;
    }

    /** Forgets any half-built element, for a new stream generation. */
    void reset() {
        for (int i = 0; i < open; i++) {
            frames.get(i).clear();
        }
        open = 0;
    }
}
