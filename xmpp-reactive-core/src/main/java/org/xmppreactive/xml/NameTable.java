package org.xmppreactive.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

/**
 * The names and namespace URIs a stream has used, looked up by their bytes, so that the name of every element and
 * attribute is checked and turned into a {@code String} once per table rather than once per occurrence. A stream
 * uses few distinct names, and a table that has grown past {@link DecoderLimits#maxDistinctNames()} is cleared
 * between top-level elements by the decoder, so it stays small whatever a peer sends.
 */
final class NameTable {

    /** A qualified name as written: {@code prefix:localName}, or {@code localName} with the empty prefix. */
    static final class Name {
        /** An ordinary element or attribute name. */
        static final int ORDINARY = 0;
        /** {@code xmlns}: declares the default namespace. */
        static final int DEFAULT_DECLARATION = 1;
        /** {@code xmlns:p}: declares the prefix {@code p}. */
        static final int PREFIX_DECLARATION = 2;

        final String prefix;
        final String localName;
        final String qualified;
        final int kind;
        private final byte[] bytes;
        private final int hash;
        private Name next;

        private Name(byte[] bytes, int hash, String qualified, int colon) {
            this.bytes = bytes;
            this.hash = hash;
            this.qualified = qualified;
            this.prefix = colon < 0 ? "" : qualified.substring(0, colon);
            this.localName = colon < 0 ? qualified : qualified.substring(colon + 1);
            this.kind = colon < 0 ? (qualified.equals("xmlns") ? DEFAULT_DECLARATION : ORDINARY)
                    : prefix.equals("xmlns") ? PREFIX_DECLARATION : ORDINARY;
        }

        /** Its length in UTF-16 characters, prefix and colon included, as {@link DecoderLimits} counts it. */
        int length() {
            return qualified.length();
        }
    }

    private Name[] names = new Name[64];
    private Name[] uris = new Name[64];
    private int nameCount;
    private int uriCount;

    /** How many names and URIs the table holds. */
    int size() {
        return nameCount + uriCount;
    }

    /** Forgets every name and URI. */
    void clear() {
        Arrays.fill(names, null);
        Arrays.fill(uris, null);
        nameCount = 0;
        uriCount = 0;
    }

    /** The name written as {@code bytes[from, to)}, if the table holds it. */
    Name find(byte[] bytes, int from, int to) {
        return find(names, bytes, from, to, hash(bytes, from, to));
    }

    /**
     * The name written as {@code bytes[from, to)}, added if new.
     *
     * @throws StreamErrorException {@code not-well-formed} if it is not a qualified name (Namespaces in XML 1.0)
     */
    Name name(byte[] bytes, int from, int to) {
        int hash = hash(bytes, from, to);
        Name known = find(names, bytes, from, to, hash);
        if (known != null) {
            return known;
        }
        String qualified = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        Name name = new Name(Arrays.copyOfRange(bytes, from, to), hash, qualified, checkQualifiedName(qualified));
        names = add(names, ++nameCount, name);
        return name;
    }

    /** The namespace URI written as {@code bytes[from, to)} with nothing to resolve in it, added if new. */
    String uri(byte[] bytes, int from, int to) {
        int hash = hash(bytes, from, to);
        Name known = find(uris, bytes, from, to, hash);
        if (known != null) {
            return known.qualified;
        }
        Name uri = new Name(Arrays.copyOfRange(bytes, from, to), hash,
                new String(bytes, from, to - from, StandardCharsets.UTF_8), -1);
        uris = add(uris, ++uriCount, uri);
        return uri.qualified;
    }

    private static Name[] add(Name[] table, int count, Name entry) {
        if (count > table.length / 2) {
            table = rehash(table);
        }
        int slot = entry.hash & (table.length - 1);
        entry.next = table[slot];
        table[slot] = entry;
        return table;
    }

    private static Name[] rehash(Name[] table) {
        Name[] larger = new Name[table.length * 2];
        for (Name head : table) {
            for (Name e = head; e != null; ) {
                Name next = e.next;
                int slot = e.hash & (larger.length - 1);
                e.next = larger[slot];
                larger[slot] = e;
                e = next;
            }
        }
        return larger;
    }

    private static Name find(Name[] table, byte[] bytes, int from, int to, int hash) {
        for (Name e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && Arrays.equals(e.bytes, 0, e.bytes.length, bytes, from, to)) {
                return e;
            }
        }
        return null;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = to - from;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 16);
    }

    // Returns the index of the colon, or -1 for an unprefixed name.
    private static int checkQualifiedName(String name) {
        int colon = -1;
        boolean atStart = true;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (c == ':' && colon < 0 && i > 0) {
                colon = i;
                atStart = true;
            } else if (atStart ? !XmlNames.isNameStart(c) : !XmlNames.isNameChar(c)) {
                throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, String.format(
                        "'%s' is not an XML name: U+%04X is not allowed at index %d", name, c, i));
            } else {
                atStart = false;
            }
            i += Character.charCount(c);
        }
        if (name.isEmpty() || atStart) {
            throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, "'" + name + "' is not an XML name");
        }
        return colon;
    }
}
