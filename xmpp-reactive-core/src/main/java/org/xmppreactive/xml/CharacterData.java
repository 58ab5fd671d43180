package org.xmppreactive.xml;

import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of text and of attribute values into the characters XML 1.0 says they stand for: line ends
 * normalised (§2.11), the five predefined entities and character references resolved (§4.6, §4.1), and in
 * attribute values whitespace characters turned into spaces (§3.3.3). The bytes have already been checked by
 * {@link MarkupScanner}, so every reference here is well-formed, predefined and to an allowed character.
 */
final class CharacterData {

    private CharacterData() {
    }

    /** Text or CDATA content: references resolved if {@code references}, line ends normalised. */
    static String text(byte[] bytes, int from, int to, boolean references) {
        String raw = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return references || raw.indexOf('\r') >= 0 ? resolve(raw, references, false) : raw;
    }

    /** An attribute value between its quotes that holds a reference or a tab, LF or CR. */
    static String attributeValue(byte[] bytes, int from, int to) {
        return resolve(new String(bytes, from, to - from, StandardCharsets.UTF_8), true, true);
    }

    /**
     * At most the first 40 bytes of {@code bytes[from, to)} as text, for an error message: a peer's bytes are
     * quoted, never copied whole, since the message may go back to the peer as the stream error's text.
     */
    static String excerpt(byte[] bytes, int from, int to) {
        int end = Math.min(to, from + 40);
        while (end > from && end < to && (bytes[end] & 0xC0) == 0x80) {
            end--;                          // not inside a UTF-8 sequence
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8) + (end < to ? "…" : "");
    }

    private static String resolve(String raw, boolean references, boolean attribute) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r') {
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    i++;
                }
                out.append(attribute ? ' ' : '\n');
            } else if (attribute && (c == '\n' || c == '\t')) {
                out.append(' ');
            } else if (c == '&' && references) {
                int semicolon = raw.indexOf(';', i);
                appendReference(raw, i + 1, semicolon, out);
                i = semicolon;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void appendReference(String raw, int from, int to, StringBuilder out) {
        if (raw.charAt(from) == '#') {
            boolean hex = raw.charAt(from + 1) == 'x';
            out.appendCodePoint(Integer.parseInt(raw, hex ? from + 2 : from + 1, to, hex ? 16 : 10));
            return;
        }
        switch (raw.substring(from, to)) {
            case "amp" -> out.append('&');
            case "lt" -> out.append('<');
            case "gt" -> out.append('>');
            case "apos" -> out.append('\'');
            case "quot" -> out.append('"');
            default -> throw new IllegalStateException("entity reference the scanner let through: " + raw);
        }
    }
}
