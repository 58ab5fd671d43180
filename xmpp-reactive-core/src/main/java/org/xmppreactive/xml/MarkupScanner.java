package org.xmppreactive.xml;

import java.util.Arrays;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

/**
 * Finds where each piece of markup and each run of text begins and ends in the bytes of a stream generation, so
 * that the decoder can parse every tag in one go once it is complete, and screens every byte on the way. It keeps
 * its state from one call to the next, so a tag may arrive in any number of pieces; it looks at a byte twice only
 * when a chunk boundary split a character, a reference or a delimiter of two or three bytes, which it then reads
 * again whole.
 *
 * <p>What it checks, each a {@link StreamErrorException} naming the condition:
 * <ul>
 *   <li>strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no C0, C1, F5–FF lead
 *       bytes, no stray or missing continuation bytes → {@code not-well-formed};</li>
 *   <li>XML 1.0 {@code Char}: no control character other than tab, LF and CR, no U+FFFE or U+FFFF, raw or as a
 *       character reference → {@code not-well-formed};</li>
 *   <li>RFC 6120 §11.1 restricted XML: no comments, DTDs or markup declarations, no processing instructions, an XML
 *       declaration only at the generation's first byte, no entity references but the five predefined ones
 *       → {@code restricted-xml};</li>
 *   <li>the shape of the stream: only whitespace outside top-level elements and after the stream's end,
 *       {@code <} never inside a tag or an attribute value, {@code ]]>} never in text, CDATA sections only inside
 *       an element, character references well-formed → {@code not-well-formed}.</li>
 * </ul>
 * Names and attributes are left to {@link TagParser}.
 *
 * <p>Indexes are into the caller's buffer; when the caller moves its bytes towards the start of the buffer it
 * calls {@link #shift}.
 */
final class MarkupScanner {

    /** Not enough bytes to complete the next token. */
    static final int NEED_MORE = 0;
    /** {@code <?xml …?>} at the start of the generation, from {@link #start} to {@link #end}. */
    static final int DECLARATION = 1;
    /** A start tag, from its {@code <} ({@link #start}) to just past its {@code >} ({@link #end}). */
    static final int START_TAG = 2;
    /** An empty-element tag {@code <…/>}. */
    static final int EMPTY_TAG = 3;
    /** An end tag {@code </…>}. */
    static final int END_TAG = 4;
    /** Character data inside an element, from {@link #start} to {@link #end}, references not yet resolved. */
    static final int TEXT = 5;
    /** The content of a CDATA section, from {@link #start} to {@link #end}. */
    static final int CDATA = 6;

    private static final int CONTENT = 0;
    private static final int AFTER_LT = 1;
    private static final int TAG = 2;
    private static final int QUOTED = 3;
    private static final int CLOSING_TAG = 4;
    private static final int CDATA_OPENING = 5;
    private static final int CDATA_CONTENT = 6;
    private static final int XML_DECLARATION = 7;

    private static final byte[] CDATA_OPENER = {'[', 'C', 'D', 'A', 'T', 'A', '['};

    // The five predefined entity names (XML 1.0 §4.6), each packed into an int one ASCII byte at a time.
    private static final int AMP = pack("amp");
    private static final int LT = pack("lt");
    private static final int GT = pack("gt");
    private static final int APOS = pack("apos");
    private static final int QUOT = pack("quot");
    private static final String ONLY_PREDEFINED =
            "only the five predefined entity references are allowed (RFC 6120 §11.1)";

    // The longest character reference read: "&#x10FFFF;" with a few leading zeros. A longer one (all zeros, say)
    // is refused rather than waited for, so that a peer cannot make the scanner read it again with every byte.
    static final int MAX_REFERENCE = 32;

    // Bytes that need a closer look wherever they are: controls other than tab, LF and CR, and every non-ASCII byte.
    private static final boolean[] CHECKED = new boolean[256];
    // Bytes that end a plain run of text inside an element, of a tag outside quotes, of an end tag, of CDATA content
    // and of the XML declaration.
    private static final boolean[] TEXT_STOP = new boolean[256];
    private static final boolean[] TAG_STOP = new boolean[256];
    private static final boolean[] END_TAG_STOP = new boolean[256];
    private static final boolean[] CDATA_STOP = new boolean[256];
    private static final boolean[] DECLARATION_STOP = new boolean[256];
    // In an attribute value: 1 for whitespace to normalise, 2 for a byte that may end the value, is not allowed in
    // it, or begins a reference or a character to check.
    private static final byte[] VALUE_CLASS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            CHECKED[b] = (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b >= 0x80;
            TEXT_STOP[b] = CHECKED[b];
            TAG_STOP[b] = CHECKED[b];
            END_TAG_STOP[b] = CHECKED[b];
            CDATA_STOP[b] = CHECKED[b];
            DECLARATION_STOP[b] = CHECKED[b];
            VALUE_CLASS[b] = (byte) (CHECKED[b] ? 2 : 0);
        }
        END_TAG_STOP['>'] = true;
        END_TAG_STOP['<'] = true;
        CDATA_STOP[']'] = true;
        DECLARATION_STOP['?'] = true;
        TEXT_STOP['<'] = true;
        TEXT_STOP['&'] = true;
        TEXT_STOP['\r'] = true;
        TEXT_STOP[']'] = true;
        TAG_STOP['>'] = true;
        TAG_STOP['<'] = true;
        TAG_STOP['\''] = true;
        TAG_STOP['"'] = true;
        VALUE_CLASS['&'] = 2;
        VALUE_CLASS['\t'] = 1;
        VALUE_CLASS['\n'] = 1;
        VALUE_CLASS['\r'] = 1;
        VALUE_CLASS['\''] = 2;
        VALUE_CLASS['"'] = 2;
        VALUE_CLASS['<'] = 2;
    }

    private int state = CONTENT;
    private int pos;                   // next byte to look at
    private int depth;                 // 0 before the stream header, 1 inside the stream, 2 inside a top-level element
    private int markupStart;           // the '<' of the markup being read
    private int constructStart;        // the '<' of the last top-level element (or header, or declaration) begun
    private boolean inConstruct;       // and it is not finished
    private int textStart;             // first byte of the text being read inside an element
    private byte quote;
    private int openValueStart;        // first byte of the attribute value being read
    private int valueSpecial;          // its VALUE_CLASS bits so far
    private int[] values = new int[24];   // of the tag being read: start, end, plain (1 or 0) of each value
    private int valueCount;
    private int maxValues = Integer.MAX_VALUE;   // DecoderLimits.maxAttributes: a tag with more is refused at once
    private boolean closed;            // the stream's end tag has been read
    private long dropped;              // bytes of this generation the caller dropped from the start of its buffer

    /** Where the last token starts and ends (exclusive). */
    int start;
    int end;
    /** For {@link #TEXT}: whether it holds references or carriage returns, which the decoder must resolve. */
    boolean textNeedsDecoding;

    /** Starts a new stream generation at index {@code from}. */
    void reset(int from) {
        state = CONTENT;
        pos = from;
        depth = 0;
        inConstruct = false;
        closed = false;
        dropped = -from;
    }

    /** 0 before the stream header, 1 between top-level elements, 2 or more inside one. */
    int depth() {
        return depth;
    }

    /** The index where the last top-level element, stream header or declaration began. */
    int constructStart() {
        return constructStart;
    }

    /** Whether that element, header or declaration is unfinished. */
    boolean inConstruct() {
        return inConstruct;
    }

    /** The first index the scanner still needs: bytes before it may be dropped. */
    int keepFrom() {
        return inConstruct ? constructStart : pos;
    }

    /** The index just past the last token returned. */
    int position() {
        return pos;
    }

    /**
     * Refuses a tag with more than {@code max} quoted values as soon as the one too many is read, so that a start
     * tag that never ends cannot make the scanner record values without bound.
     */
    void maxValues(int max) {
        maxValues = max;
    }

    /** How many quoted attribute values the last start or empty-element tag held. */
    int valueCount() {
        return valueCount;
    }

    /** Where the {@code index}th attribute value of the last tag starts, just after its opening quote. */
    int valueStart(int index) {
        return values[3 * index];
    }

    /** Where that value ends, at its closing quote. */
    int valueEnd(int index) {
        return values[3 * index + 1];
    }

    /** Whether that value holds no reference and no tab, LF or CR: its bytes are its characters. */
    boolean valueIsPlain(int index) {
        return values[3 * index + 2] != 0;
    }

    /** The caller moved its bytes {@code distance} places towards the start of its buffer. */
    void shift(int distance) {
        for (int k = 0; k < 3 * valueCount; k += 3) {
            values[k] -= distance;
            values[k + 1] -= distance;
        }
        openValueStart -= distance;
        dropped += distance;
        pos -= distance;
        markupStart -= distance;
        textStart -= distance;
        constructStart -= distance;
    }

    /**
     * Reads the next token from {@code bytes[position(), available)}.
     *
     * @return the token's kind, or {@link #NEED_MORE} when the bytes up to {@code available} complete none
     */
    int next(byte[] bytes, int available) {
        int i = pos;
        while (true) {
            switch (state) {
                case CONTENT -> {
                    if (depth < 2) {
                        while (i < available && isWhitespace(bytes[i])) {
                            i++;
                        }
                        pos = i;
                        if (i == available) {
                            return NEED_MORE;
                        }
                        if (bytes[i] != '<') {
                            if (CHECKED[bytes[i] & 0xFF] && checkCharacter(bytes, i, available) == 0) {
                                pos = i;                  // an invalid character is named as such first
                                return NEED_MORE;
                            }
                            throw notWellFormed(closed ? "nothing but whitespace may follow the end of the stream"
                                    : depth == 0 ? "text is not allowed before the stream header"
                                    : "text is not allowed outside a top-level element: '"
                                            + CharacterData.excerpt(bytes, i, available) + "'");
                        }
                        constructStart = i;
                        inConstruct = true;
                        markupStart = i++;
                        state = AFTER_LT;
                        continue;
                    }
                    i = skip(bytes, i, available, TEXT_STOP);
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    byte b = bytes[i];
                    if (b == '<') {
                        markupStart = i;
                        state = AFTER_LT;
                        if (i > textStart) {
                            start = textStart;
                            end = i;
                            pos = i + 1;
                            return TEXT;
                        }
                        i++;
                    } else if (b == ']') {
                        if (available - i < 3) {
                            pos = i;
                            return NEED_MORE;
                        }
                        if (bytes[i + 1] == ']' && bytes[i + 2] == '>') {
                            throw notWellFormed("']]>' is not allowed in text (XML 1.0 §2.4)");
                        }
                        i++;
                    } else if (b == '&') {
                        int length = checkReference(bytes, i, available);
                        if (length == 0) {
                            pos = i;
                            return NEED_MORE;
                        }
                        textNeedsDecoding = true;
                        i += length;
                    } else if (b == '\r') {
                        textNeedsDecoding = true;
                        i++;
                    } else {
                        int length = checkCharacter(bytes, i, available);
                        if (length == 0) {
                            pos = i;
                            return NEED_MORE;
                        }
                        i += length;
                    }
                }
                case AFTER_LT -> {
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    byte b = bytes[i];
                    valueCount = 0;
                    if (b == '!') {
                        if (i + 1 == available) {
                            pos = i;
                            return NEED_MORE;
                        }
                        if (bytes[i + 1] != '[') {
                            String what = bytes[i + 1] == '-' ? "comments" : "DTDs and markup declarations";
                            throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                                    what + " are not allowed (RFC 6120 §11.1)");
                        }
                        state = CDATA_OPENING;
                        i++;
                    } else if (b == '?') {
                        if (dropped + markupStart != 0) {
                            throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                                    "processing instructions and late XML declarations are not allowed "
                                            + "(RFC 6120 §11.1)");
                        }
                        state = XML_DECLARATION;
                        i++;
                    } else if (closed) {
                        throw notWellFormed("nothing but whitespace may follow the end of the stream");
                    } else if (b == '/') {
                        state = CLOSING_TAG;
                        i++;
                    } else {
                        state = TAG;                      // the name's first byte is the tag scan's to check
                    }
                }
                case TAG -> {
                    i = skip(bytes, i, available, TAG_STOP);
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    byte b = bytes[i];
                    if (CHECKED[b & 0xFF]) {
                        int length = checkCharacter(bytes, i, available);
                        if (length == 0) {
                            pos = i;
                            return NEED_MORE;
                        }
                        i += length;
                        continue;
                    }
                    i++;
                    if (b == '>') {
                        return tagEnd(bytes, i);
                    }
                    if (b == '<') {
                        throw notWellFormed("'<' inside a tag");
                    }
                    quote = b;
                    openValueStart = i;
                    valueSpecial = 0;
                    state = QUOTED;
                }
                case QUOTED -> {
                    byte q = quote;
                    int special = valueSpecial;
                    while (i < available) {
                        byte b = bytes[i];
                        int kind = VALUE_CLASS[b & 0xFF];
                        if (kind == 2) {
                            if (b == q) {
                                break;
                            }
                            if (b == '<') {
                                throw notWellFormed("'<' is not allowed in an attribute value");
                            }
                            int length = b == '&' ? checkReference(bytes, i, available)
                                    : CHECKED[b & 0xFF] ? checkCharacter(bytes, i, available) : 1;
                            if (length == 0) {
                                break;                    // more bytes needed
                            }
                            special |= b == '&' ? 1 : 0;
                            i += length;
                            continue;
                        }
                        special |= kind;
                        i++;
                    }
                    valueSpecial = special;
                    if (i == available || bytes[i] != q) {
                        pos = i;
                        return NEED_MORE;
                    }
                    addValue(openValueStart, i, (special & 1) == 0);
                    i++;
                    state = TAG;
                }
                case CLOSING_TAG -> {
                    i = skip(bytes, i, available, END_TAG_STOP);
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    if (CHECKED[bytes[i] & 0xFF]) {
                        int length = checkCharacter(bytes, i, available);
                        if (length == 0) {
                            pos = i;
                            return NEED_MORE;
                        }
                        i += length;
                        continue;
                    }
                    if (bytes[i++] == '<') {
                        throw notWellFormed("'<' inside an end tag");
                    }
                    if (depth == 0) {
                        throw notWellFormed("an end tag before the stream header");
                    }
                    if (--depth <= 1) {
                        inConstruct = false;
                        closed = depth == 0;
                    }
                    return token(END_TAG, markupStart, i);
                }
                case CDATA_OPENING -> {
                    if (available - i < CDATA_OPENER.length) {
                        pos = i;
                        return NEED_MORE;
                    }
                    for (int k = 0; k < CDATA_OPENER.length; k++) {
                        if (bytes[i + k] != CDATA_OPENER[k]) {
                            throw notWellFormed("'<!' that does not open a CDATA section");
                        }
                    }
                    if (depth < 2) {
                        throw notWellFormed("a CDATA section outside a top-level element: text is not allowed "
                                + "there");
                    }
                    i += CDATA_OPENER.length;
                    textStart = i;                    // the content's start, while the section is read
                    state = CDATA_CONTENT;
                }
                case CDATA_CONTENT -> {
                    i = skip(bytes, i, available, CDATA_STOP);
                    int length = i == available ? 0 : bytes[i] != ']' ? checkCharacter(bytes, i, available)
                            : available - i < 3 ? 0 : bytes[i + 1] == ']' && bytes[i + 2] == '>' ? -1 : 1;
                    if (length == 0) {
                        pos = i;
                        return NEED_MORE;
                    }
                    if (length < 0) {
                        return token(CDATA, textStart, i + 3, i);
                    }
                    i += length;
                }
                case XML_DECLARATION -> {
                    i = skip(bytes, i, available, DECLARATION_STOP);
                    int length = i == available ? 0 : bytes[i] != '?' ? checkCharacter(bytes, i, available)
                            : available - i < 2 ? 0 : bytes[i + 1] == '>' ? -1 : 1;
                    if (length == 0) {
                        pos = i;
                        return NEED_MORE;
                    }
                    if (length > 0) {
                        i += length;
                        continue;
                    }
                    if (depth != 0) {
                        throw notWellFormed("an XML declaration inside the stream");
                    }
                    inConstruct = false;
                    return token(DECLARATION, markupStart, i + 2);
                }
                default -> throw new IllegalStateException("markup state " + state);
            }
        }
    }

    /**
     * Checks the character that starts at {@code bytes[i]}, a control or a non-ASCII byte.
     *
     * @return its length in bytes, or 0 if it is not complete before {@code available}
     */
    private static int checkCharacter(byte[] bytes, int i, int available) {
        int b = bytes[i] & 0xFF;
        if (b < 0x80) {
            throw notWellFormed(String.format("control character U+%04X is not allowed in XML 1.0", b));
        }
        int length;
        int lower = 0x80;
        int upper = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            lower = b == 0xE0 ? 0xA0 : lower;        // below is an overlong form
            upper = b == 0xED ? 0x9F : upper;        // above are the surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            lower = b == 0xF0 ? 0x90 : lower;        // below is an overlong form
            upper = b == 0xF4 ? 0x8F : upper;        // above is past U+10FFFF
        } else {
            throw notWellFormed(String.format("invalid UTF-8: byte 0x%02X cannot start a character", b));
        }
        for (int k = 1; k < length; k++) {
            if (i + k == available) {
                return 0;
            }
            int c = bytes[i + k] & 0xFF;
            if (c < lower || c > upper) {
                throw notWellFormed(String.format("invalid UTF-8: byte 0x%02X cannot continue this sequence "
                        + "(overlong form, surrogate, code point above U+10FFFF or truncated sequence)", c));
            }
            lower = 0x80;
            upper = 0xBF;
        }
        if (b == 0xEF && bytes[i + 1] == (byte) 0xBF && (bytes[i + 2] & 0xFE) == 0xBE) {
            throw notWellFormed(String.format("character U+%04X is not allowed in XML 1.0",
                    0xFFFE | (bytes[i + 2] & 1)));
        }
        return length;
    }

    /**
     * Checks the reference that starts with the {@code &} at {@code bytes[i]}: a character reference to a character
     * XML allows, or one of the five predefined entities.
     *
     * @return its length in bytes, {@code ;} included, or 0 if it is not complete before {@code available}
     */
    private static int checkReference(byte[] bytes, int i, int available) {
        int j = i + 1;
        if (j == available) {
            return 0;
        }
        if (bytes[j] == '#') {
            return checkCharacterReference(bytes, i, available);
        }
        int first = bytes[j] & 0xFF;
        if (first == ';') {
            throw notWellFormed("empty entity reference '&;'");
        }
        if (first >= 0x80) {
            throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML, ONLY_PREDEFINED);
        }
        if (!isEntityNameChar(first) || (first >= '0' && first <= '9') || first == '-' || first == '.') {
            throw bareAmpersand();
        }
        int name = 0;
        for (; j < available; j++) {
            int b = bytes[j] & 0xFF;
            if (b == ';') {
                if (name != AMP && name != LT && name != GT && name != APOS && name != QUOT) {
                    throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML, ONLY_PREDEFINED);
                }
                return j + 1 - i;
            }
            if (b >= 0x80 || (isEntityNameChar(b) && j - i > 4)) {
                throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML, ONLY_PREDEFINED);
            }
            if (!isEntityNameChar(b)) {
                throw bareAmpersand();                     // "&amp " or "&lt'": no reference at all
            }
            name = name << 8 | b;
        }
        return 0;
    }

    private static int checkCharacterReference(byte[] bytes, int i, int available) {
        int j = i + 2;
        if (j == available) {
            return 0;
        }
        int radix = bytes[j] == 'x' ? 16 : 10;
        if (radix == 16) {
            j++;
        }
        int value = 0;
        int digits = 0;
        for (; j < available; j++) {
            if (j - i >= MAX_REFERENCE) {
                throw notWellFormed("a character reference longer than " + MAX_REFERENCE + " bytes");
            }
            byte b = bytes[j];
            if (b == ';' && digits > 0) {
                if (!isXmlChar(value)) {
                    throw notWellFormed(String.format("character reference to U+%04X, which XML 1.0 does not allow",
                            value));
                }
                return j + 1 - i;
            }
            int digit = b < 0x80 ? Character.digit(b, radix) : -1;
            if (digit < 0) {
                throw notWellFormed("malformed character reference");
            }
            value = value * radix + digit;
            if (value > 0x10FFFF) {
                throw notWellFormed("malformed character reference: beyond U+10FFFF");
            }
            digits++;
        }
        return 0;
    }

    private static boolean isEntityNameChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '_' || b == '-' || b == '.' || b == ':';
    }

    static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static StreamErrorException bareAmpersand() {
        return notWellFormed("'&' that does not begin a reference ending in ';' (XML 1.0 §4.1): write '&amp;'");
    }

    private void addValue(int from, int to, boolean plain) {
        if (valueCount == maxValues) {
            throw new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION, "more than " + maxValues
                    + " attributes and namespace declarations on one element");
        }
        if (3 * valueCount + 3 > values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[3 * valueCount] = from;
        values[3 * valueCount + 1] = to;
        values[3 * valueCount + 2] = plain ? 1 : 0;
        valueCount++;
    }

    private int tagEnd(byte[] bytes, int after) {
        boolean empty = bytes[after - 2] == '/';
        if (!empty) {
            depth++;
        }
        if (depth <= 1) {
            inConstruct = false;   // the stream header, or a top-level element that is one empty tag
            closed = depth == 0;   // an empty root element opens and ends the stream at once
        }
        return token(empty ? EMPTY_TAG : START_TAG, markupStart, after);
    }

    private int token(int kind, int from, int after) {
        return token(kind, from, after, after);
    }

    // A token spanning [from, to), after which reading goes on at `resume`.
    private int token(int kind, int from, int resume, int to) {
        start = from;
        end = to;
        pos = resume;
        textStart = resume;
        textNeedsDecoding = false;
        state = CONTENT;
        return kind;
    }

    // The index of the first byte from `from` on that `stops` marks, or `available`.
    private static int skip(byte[] bytes, int from, int available, boolean[] stops) {
        int i = from;
        while (i < available && !stops[bytes[i] & 0xFF]) {
            i++;
        }
        return i;
    }

    private static int pack(String name) {
        int packed = 0;
        for (int i = 0; i < name.length(); i++) {
            packed = packed << 8 | name.charAt(i);
        }
        return packed;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    private static StreamErrorException notWellFormed(String message) {
        return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, message);
    }
}
