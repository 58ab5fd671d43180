package org.xmppreactive.xml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

/**
 * The names and namespace URIs a stream has used, looked up by their bytes, so that the name of every element and
 * attribute is checked and turned into a {@code String} once per table rather than once per occurrence. A stream
 * uses few distinct names, and a table that has grown past {@link DecoderLimits#maxDistinctNames()} is cleared
 * between top-level elements by the decoder, so it stays small whatever a peer sends.
 *
 * <p>Most names in a stream are at most eight bytes long ({@code message}, {@code from}, {@code body}…). Those
 * are first looked up in a small direct-mapped cache keyed by their bytes read as one {@code long}, which costs a
 * multiplication and a comparison instead of hashing and comparing byte by byte.
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

        /** The prefix, {@code ""} for none; interned, so that prefixes compare by identity. */
        final String prefix;
        /** The local part; interned for a {@code xmlns:p} declaration, where it is the prefix declared. */
        final String localName;
        final String qualified;
        final int kind;
        private final byte[] bytes;
        private final int hash;
        private final long word;        // the bytes of a name of at most eight bytes, as the cache reads them
        private Name next;

        private Name(byte[] bytes, int hash, String qualified, int colon) {
            this.bytes = bytes;
            this.hash = hash;
            this.word = bytes.length <= Long.BYTES ? wordOf(bytes, 0, bytes.length) : 0;
            this.qualified = qualified;
            this.prefix = colon < 0 ? "" : qualified.substring(0, colon).intern();
            this.kind = colon < 0 ? (qualified.equals("xmlns") ? DEFAULT_DECLARATION : ORDINARY)
                    : prefix.equals("xmlns") ? PREFIX_DECLARATION : ORDINARY;
            String local = colon < 0 ? qualified : qualified.substring(colon + 1);
            this.localName = kind == PREFIX_DECLARATION ? local.intern() : local;
        }

        /** Whether {@code bytes[from, to)} are the bytes this name was read from. */
        boolean isWrittenAs(byte[] bytes, int from, int to) {
            return sameBytes(this.bytes, bytes, from, to);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int CACHE_BITS = 8;
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private final long seed = ThreadLocalRandom.current().nextLong();
    private final Name[] cache = new Name[1 << CACHE_BITS];
    private final String[] shortStrings = new String[1 << CACHE_BITS];
    private final long[] shortWords = new long[1 << CACHE_BITS];
    private final byte[] shortLengths = new byte[1 << CACHE_BITS];
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
        Arrays.fill(cache, null);
        Arrays.fill(names, null);
        Arrays.fill(uris, null);
        nameCount = 0;
        uriCount = 0;
    }

    /**
     * The name written as {@code bytes[from, to)}, added if new.
     *
     * @throws StreamErrorException {@code not-well-formed} if it is not a qualified name (Namespaces in XML 1.0)
     */
    Name name(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > Long.BYTES || from + Long.BYTES > bytes.length) {
            return tableName(bytes, from, to);
        }
        long word = wordOf(bytes, from, length);
        int slot = (int) ((word * MIX) >>> (Long.SIZE - CACHE_BITS));
        Name cached = cache[slot];
        if (cached != null && cached.word == word && cached.bytes.length == length) {
            return cached;
        }
        Name name = tableName(bytes, from, to);
        cache[slot] = name;
        return name;
    }

    private Name tableName(byte[] bytes, int from, int to) {
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

    /**
     * {@code bytes[from, to)}, which need no decoding, as a {@code String}; one of up to eight bytes is shared with
     * the last equal one found in the same slot of a small cache, so that the values a stream repeats
     * ({@code chat}, {@code result}, {@code away}, a priority) are not allocated again each time.
     */
    String value(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length == 0 || length > Long.BYTES || from + Long.BYTES > bytes.length) {
            return new String(bytes, from, length, StandardCharsets.UTF_8);
        }
        long word = wordOf(bytes, from, length);
        int slot = (int) ((word * MIX) >>> (Long.SIZE - CACHE_BITS));
        String cached = shortStrings[slot];
        if (cached != null && shortWords[slot] == word && shortLengths[slot] == length) {
            return cached;
        }
        String value = new String(bytes, from, length, StandardCharsets.UTF_8);
        shortStrings[slot] = value;
        shortWords[slot] = word;
        shortLengths[slot] = (byte) length;
        return value;
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
            if (e.hash == hash && sameBytes(e.bytes, bytes, from, to)) {
                return e;
            }
        }
        return null;
    }

    // Names are short: a plain loop beats Arrays.equals, whose set-up costs more than the comparison.
    private static boolean sameBytes(byte[] known, byte[] bytes, int from, int to) {
        if (known.length != to - from) {
            return false;
        }
        for (int i = 0; i < known.length; i++) {
            if (known[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    // The `length` bytes from `from` in the low bytes of a long, the rest zero; reads past `from + length` only
    // within the array (the caller has checked that eight bytes are there, or reads the name's own copy).
    private static long wordOf(byte[] bytes, int from, int length) {
        if (from + Long.BYTES > bytes.length) {
            long word = 0;
            for (int i = length - 1; i >= 0; i--) {
                word = word << 8 | (bytes[from + i] & 0xFF);
            }
            return word;
        }
        long word = (long) LONGS.get(bytes, from);
        return length == Long.BYTES ? word : word & ((1L << (length * Byte.SIZE)) - 1);
    }

    // Eight bytes at a time from a seed of this table's own, each block multiplied and its high bits folded down,
    // so that every byte reaches the low bits the bucket index is taken from: a peer can neither predict nor choose
    // names that collide.
    private int hash(byte[] bytes, int from, int to) {
        long h = seed ^ (to - from);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = mix(h ^ (long) LONGS.get(bytes, i));
        }
        long tail = 0;
        for (int k = to - 1; k >= i; k--) {
            tail = tail << 8 | (bytes[k] & 0xFF);
        }
        return (int) mix(h ^ tail);
    }

    private static long mix(long h) {
        h *= MIX;
        return h ^ (h >>> 29);
    }

    /** The longest chain of entries that share a bucket, for tests. */
    int longestChain() {
        int longest = 0;
        for (Name[] table : new Name[][] {names, uris}) {
            for (Name head : table) {
                int length = 0;
                for (Name e = head; e != null; e = e.next) {
                    length++;
                }
                longest = Math.max(longest, length);
            }
        }
        return longest;
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
