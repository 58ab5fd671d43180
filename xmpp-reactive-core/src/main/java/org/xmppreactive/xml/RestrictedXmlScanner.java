package org.xmppreactive.xml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

/**
 * Screens every byte of a stream generation before the markup is parsed, so that the parser can take for granted
 * what a protocol whose peers must agree on where a stanza ends cannot leave to chance:
 * <ul>
 *   <li>strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no FE/FF, sequences
 *       checked across chunk boundaries (a lenient decoder reads the overlong form {@code C0 BC} as {@code <});</li>
 *   <li>XML 1.0 {@code Char}: no control characters other than tab, LF and CR, no U+FFFE/U+FFFF, raw or as a
 *       character reference;</li>
 *   <li>RFC 6120 §11.1 restricted XML: no comments, processing instructions, DTDs, or entity references other
 *       than the five predefined ones; an XML declaration only at the very start of the generation.</li>
 * </ul>
 * The scanner is a small state machine that keeps its state from one chunk to the next. It reports the index at
 * which the first offending construct starts, so that everything before it can still be decoded.
 */
final class RestrictedXmlScanner {

    // Markup states. Only ASCII bytes move them; CDATA content is exempt from the markup rules.
    private static final int CONTENT = 0;
    private static final int AFTER_LT = 1;          // seen '<'
    private static final int AFTER_LT_BANG = 2;     // seen '<!'
    private static final int CDATA = 3;             // inside <![CDATA[ ... ]]>
    private static final int CDATA_BRACKET = 4;     // inside CDATA, seen ']'
    private static final int CDATA_BRACKETS = 5;    // inside CDATA, seen ']]'
    private static final int AFTER_AMP = 6;         // seen '&'
    private static final int ENTITY_NAME = 7;       // seen '&' and name characters
    private static final int AFTER_HASH = 8;        // seen '&#'
    private static final int DECIMAL_REF = 9;       // seen '&#' and digits
    private static final int AFTER_HASH_X = 10;     // seen '&#x'
    private static final int HEX_REF = 11;          // seen '&#x' and hex digits

    // The five predefined entity names (XML 1.0 §4.6), each packed into an int one ASCII byte at a time.
    private static final int AMP = pack("amp");
    private static final int LT = pack("lt");
    private static final int GT = pack("gt");
    private static final int APOS = pack("apos");
    private static final int QUOT = pack("quot");

    // Printable ASCII other than '<' and '&', and tab, LF, CR: bytes that change nothing in the CONTENT state.
    private static final boolean[] ORDINARY = new boolean[256];
    // After '<': the first byte of an ASCII element name, or the '/' of an end tag.
    private static final boolean[] TAG_START = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            ORDINARY[b] = b != '<' && b != '&';
        }
        for (int b = 'a'; b <= 'z'; b++) {
            TAG_START[b] = true;
            TAG_START[b - 'a' + 'A'] = true;
        }
        TAG_START['_'] = true;
        TAG_START['/'] = true;
        ORDINARY['\t'] = true;
        ORDINARY['\n'] = true;
        ORDINARY['\r'] = true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private byte[] block;             // the bytes being scanned
    private int blockStart;           // index in `block` where this scan began
    private long position;            // bytes of this generation scanned before block[blockStart]
    private int markup;
    private long markupAt;            // generation position of the '<' or '&' that began the current construct
    private int entityName;           // the entity name read so far, packed like AMP
    private int entityLength;
    private int referenceValue;

    private int utf8Remaining;        // continuation bytes still expected
    private int utf8Lower = 0x80;     // bounds of the next continuation byte (narrowed after E0, ED, F0, F4)
    private int utf8Upper = 0xBF;
    private int codePoint;

    private StreamErrorException error;

    /** Starts a new stream generation: position zero, no state carried over. */
    void reset() {
        position = 0;
        markup = CONTENT;
        entityLength = 0;
        utf8Remaining = 0;
        utf8Lower = 0x80;
        utf8Upper = 0xBF;
        error = null;
    }

    /** The error found by the last {@link #scan}, if it returned less than {@code to}. */
    StreamErrorException error() {
        return error;
    }

    /**
     * Scans {@code bytes[from, to)}, continuing from the state the previous call left.
     *
     * @return {@code to} if every byte is acceptable; otherwise the index where the first offending construct
     *     starts in these bytes (or {@code from} if it started before them), with {@link #error()} set
     */
    int scan(byte[] bytes, int from, int to) {
        if (error != null) {
            return from;
        }
        block = bytes;
        blockStart = from;
        try {
            return scanBlock(from, to);
        } finally {
            block = null;
        }
    }

    // Scans block[from, to); `blockStart` is `from`.
    private int scanBlock(int from, int to) {
        byte[] block = this.block;
        int offset = blockStart;
        for (int i = offset; i < to; i++) {
            if (markup == CONTENT && utf8Remaining == 0) {
                // the fast path: plain ASCII content, nothing to check or track; eight bytes at a time first.
                // A '<' that begins a start or end tag changes nothing either, so it is passed over here too.
                while (true) {
                    while (i + 8 <= to && isOrdinary((long) LONGS.get(block, i))) {
                        i += 8;
                    }
                    while (i < to && ORDINARY[block[i] & 0xFF]) {
                        i++;
                    }
                    if (i + 1 < to && block[i] == '<' && TAG_START[block[i + 1] & 0xFF]) {
                        i += 2;
                    } else {
                        break;
                    }
                }
                if (i == to) {
                    break;
                }
            }
            int b = block[i] & 0xFF;
            if (utf8Remaining > 0) {
                if (b < utf8Lower || b > utf8Upper) {
                    return fail(from, i, StreamErrorCondition.NOT_WELL_FORMED, String.format(
                            "invalid UTF-8: byte 0x%02X cannot continue this sequence (overlong form, surrogate, "
                                    + "code point above U+10FFFF or truncated sequence)", b));
                }
                utf8Lower = 0x80;
                utf8Upper = 0xBF;
                codePoint = (codePoint << 6) | (b & 0x3F);
                if (--utf8Remaining == 0) {
                    if (codePoint == 0xFFFE || codePoint == 0xFFFF) {
                        return fail(from, i, StreamErrorCondition.NOT_WELL_FORMED, String.format(
                                "character U+%04X is not allowed in XML 1.0", codePoint));
                    }
                    StreamErrorException rejected = rejectNonAscii();
                    if (rejected != null) {
                        return fail(from, markupIndex(from), rejected);
                    }
                }
                continue;
            }
            if (b >= 0x80) {
                if (!startSequence(b)) {
                    return fail(from, i, StreamErrorCondition.NOT_WELL_FORMED, String.format(
                            "invalid UTF-8: byte 0x%02X cannot start a character", b));
                }
                continue;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                return fail(from, i, StreamErrorCondition.NOT_WELL_FORMED, String.format(
                        "control character U+%04X is not allowed in XML 1.0", b));
            }
            switch (markup) {
                case CONTENT -> {
                    if (b == '<') {
                        markup = AFTER_LT;
                        markupAt = position + (i - offset);
                    } else if (b == '&') {
                        markup = AFTER_AMP;
                        markupAt = position + (i - offset);
                    }
                }
                case AFTER_LT -> {
                    if (b == '?') {
                        if (markupAt != 0) {
                            return fail(from, markupIndex(from), StreamErrorCondition.RESTRICTED_XML,
                                    "processing instructions and late XML declarations are not allowed "
                                            + "(RFC 6120 §11.1)");
                        }
                        markup = CONTENT;   // the XML declaration; TagParser checks its syntax and encoding
                    } else if (b == '!') {
                        markup = AFTER_LT_BANG;
                    } else {
                        markup = b == '<' ? AFTER_LT : CONTENT;
                        markupAt = position + (i - offset);
                    }
                }
                case AFTER_LT_BANG -> {
                    if (b != '[') {
                        return fail(from, markupIndex(from), StreamErrorCondition.RESTRICTED_XML,
                                (b == '-' ? "comments" : "DTDs and markup declarations")
                                        + " are not allowed (RFC 6120 §11.1)");
                    }
                    markup = CDATA;   // "<![" can only go on as "CDATA[": MarkupScanner checks the rest
                }
                case CDATA -> markup = b == ']' ? CDATA_BRACKET : CDATA;
                case CDATA_BRACKET -> markup = b == ']' ? CDATA_BRACKETS : CDATA;
                case CDATA_BRACKETS -> markup = b == '>' ? CONTENT : b == ']' ? CDATA_BRACKETS : CDATA;
                case AFTER_AMP -> {
                    if (b == '#') {
                        markup = AFTER_HASH;
                        referenceValue = 0;
                    } else if (b == ';') {
                        return fail(from, markupIndex(from), StreamErrorCondition.NOT_WELL_FORMED,
                                "empty entity reference '&;'");
                    } else if (!isEntityNameChar(b) || (b >= '0' && b <= '9') || b == '-' || b == '.') {
                        return failBareAmpersand(from);
                    } else {
                        markup = ENTITY_NAME;
                        entityName = b;
                        entityLength = 1;
                    }
                }
                case ENTITY_NAME -> {
                    if (b == ';') {
                        if (!isPredefined()) {
                            return failEntity(from);
                        }
                        markup = CONTENT;
                    } else if (!isEntityNameChar(b)) {
                        return failBareAmpersand(from);          // "&amp " or "&lt'": no reference at all
                    } else if (entityLength == 4) {
                        return failEntity(from);                 // a name longer than any predefined one
                    } else {
                        entityName = entityName << 8 | b;
                        entityLength++;
                    }
                }
                case AFTER_HASH -> {
                    if (b == 'x') {
                        markup = AFTER_HASH_X;
                    } else if (!addDigit(b, 10)) {
                        return failReference(from);
                    } else {
                        markup = DECIMAL_REF;
                    }
                }
                case AFTER_HASH_X -> {
                    if (!addDigit(b, 16)) {
                        return failReference(from);
                    }
                    markup = HEX_REF;
                }
                case DECIMAL_REF, HEX_REF -> {
                    if (b == ';') {
                        if (!isXmlChar(referenceValue)) {
                            return fail(from, markupIndex(from), StreamErrorCondition.NOT_WELL_FORMED, String.format(
                                    "character reference to U+%04X, which XML 1.0 does not allow",
                                    referenceValue));
                        }
                        markup = CONTENT;
                    } else if (!addDigit(b, markup == HEX_REF ? 16 : 10)) {
                        return failReference(from);
                    }
                }
                default -> throw new IllegalStateException("markup state " + markup);
            }
        }
        position += to - offset;
        return to;
    }

    // A completed non-ASCII character: fine in content and CDATA, an error inside markup that takes only ASCII.
    private StreamErrorException rejectNonAscii() {
        switch (markup) {
            case AFTER_LT -> markup = CONTENT;                    // a non-ASCII element name
            case CDATA_BRACKET, CDATA_BRACKETS -> markup = CDATA;
            case AFTER_LT_BANG -> {
                return new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                        "markup declarations are not allowed (RFC 6120 §11.1)");
            }
            case AFTER_AMP, ENTITY_NAME -> {
                return new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                        "only the five predefined entity references are allowed (RFC 6120 §11.1)");
            }
            case AFTER_HASH, AFTER_HASH_X, DECIMAL_REF, HEX_REF -> {
                return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, "malformed character reference");
            }
            default -> {
                // CONTENT and CDATA: any character is fine
            }
        }
        return null;
    }

    // Index where the current construct began, or `from` if it began before this scan.
    private int markupIndex(int from) {
        return (int) Math.max(from, blockStart + (markupAt - position));
    }

    private boolean startSequence(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            utf8Remaining = 1;
            codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            utf8Remaining = 2;
            codePoint = b & 0x0F;
            if (b == 0xE0) {
                utf8Lower = 0xA0;       // below is an overlong form
            } else if (b == 0xED) {
                utf8Upper = 0x9F;       // above are the surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            utf8Remaining = 3;
            codePoint = b & 0x07;
            if (b == 0xF0) {
                utf8Lower = 0x90;       // below is an overlong form
            } else if (b == 0xF4) {
                utf8Upper = 0x8F;       // above is past U+10FFFF
            }
        } else {
            return false;               // 80..C1 (continuation or overlong lead) and F5..FF
        }
        return true;
    }

    private static boolean isEntityNameChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '_' || b == '-' || b == '.' || b == ':';
    }

    private boolean isPredefined() {
        return entityName == AMP || entityName == LT || entityName == GT || entityName == APOS || entityName == QUOT;
    }

    private static int pack(String name) {
        int packed = 0;
        for (int i = 0; i < name.length(); i++) {
            packed = packed << 8 | name.charAt(i);
        }
        return packed;
    }

    private boolean addDigit(int b, int radix) {
        int digit = Character.digit(b, radix);
        if (digit < 0) {
            return false;
        }
        referenceValue = referenceValue * radix + digit;
        return referenceValue <= 0x10FFFF;
    }

    // Whether none of the eight bytes is non-ASCII, below 0x20, '<' or '&' (tab, LF and CR are sent the slow way).
    private static boolean isOrdinary(long word) {
        long lt = word ^ (ONES * '<');
        long amp = word ^ (ONES * '&');
        long special = word                                   // non-ASCII
                | ((word - ONES * 0x20) & ~word)              // a byte below 0x20
                | ((lt - ONES) & ~lt)                         // a zero byte where '<' was
                | ((amp - ONES) & ~amp);                      // a zero byte where '&' was
        return (special & HIGH_BITS) == 0;
    }

    static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private int failEntity(int from) {
        return fail(from, markupIndex(from), StreamErrorCondition.RESTRICTED_XML,
                "only the five predefined entity references are allowed (RFC 6120 §11.1)");
    }

    private int failBareAmpersand(int from) {
        return fail(from, markupIndex(from), StreamErrorCondition.NOT_WELL_FORMED,
                "'&' that does not begin a reference ending in ';' (XML 1.0 §4.1): write '&amp;'");
    }

    private int failReference(int from) {
        return fail(from, markupIndex(from), StreamErrorCondition.NOT_WELL_FORMED, "malformed character reference");
    }

    private int fail(int from, int at, StreamErrorCondition condition, String message) {
        return fail(from, at, new StreamErrorException(condition, message));
    }

    private int fail(int from, int at, StreamErrorException found) {
        error = found;
        return Math.max(from, at);
    }
}
