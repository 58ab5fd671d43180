package org.xmppreactive.xml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

/**
 * Finds where each piece of markup and each run of text begins and ends in the bytes of a stream generation, so
 * that the decoder can parse every tag in one go once it is complete. It keeps its state from one call to the next,
 * so a tag may arrive in any number of pieces; it never looks at a byte twice except to check a two- or three-byte
 * delimiter that a chunk boundary split.
 *
 * <p>It works on bytes that {@link RestrictedXmlScanner} has already accepted: valid UTF-8, XML characters only,
 * no comments, processing instructions, DTDs or non-predefined entity references. What it checks itself is the
 * shape of the stream: only whitespace outside top-level elements, {@code <} never inside a tag, {@code ]]>} never
 * in text, and CDATA sections only inside an element. Names and attributes are left to {@link TagParser}.
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

    // Bytes that end a plain run of text inside an element, and of a tag outside quotes.
    private static final boolean[] TEXT_STOP = new boolean[256];
    private static final boolean[] TAG_STOP = new boolean[256];
    // In an attribute value: 1 for a byte that needs decoding (a reference, whitespace to normalise), 2 for one
    // that may end the value or is not allowed in it.
    private static final byte[] VALUE_CLASS = new byte[256];

    static {
        TEXT_STOP['<'] = true;
        TEXT_STOP['&'] = true;
        TEXT_STOP['\r'] = true;
        TEXT_STOP[']'] = true;
        TAG_STOP['>'] = true;
        TAG_STOP['<'] = true;
        TAG_STOP['\''] = true;
        TAG_STOP['"'] = true;
        VALUE_CLASS['&'] = 1;
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
    private boolean closed;            // the stream's end tag has been read

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
                            throw notWellFormed(closed ? "nothing but whitespace may follow the end of the stream"
                                    : depth == 0 ? "text is not allowed before the stream header"
                                    : "text is not allowed outside a top-level element: '" + excerpt(bytes, i,
                                            available) + "'");
                        }
                        constructStart = i;
                        inConstruct = true;
                        markupStart = i++;
                        state = AFTER_LT;
                        continue;
                    }
                    while (i < available && !TEXT_STOP[bytes[i] & 0xFF]) {
                        i++;
                    }
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
                    } else {
                        textNeedsDecoding = true;        // '&' or '\r'
                        i++;
                    }
                }
                case AFTER_LT -> {
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    byte b = bytes[i++];
                    valueCount = 0;
                    if (closed && b != '!' && b != '?') {
                        // comments and the like are left to the restricted-XML scanner, which names them
                        throw notWellFormed("nothing but whitespace may follow the end of the stream");
                    }
                    state = b == '/' ? CLOSING_TAG : b == '!' ? CDATA_OPENING : b == '?' ? XML_DECLARATION : TAG;
                }
                case TAG -> {
                    while (i < available && !TAG_STOP[bytes[i] & 0xFF]) {
                        i++;
                    }
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    byte b = bytes[i++];
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
                        }
                        special |= kind;
                        i++;
                    }
                    valueSpecial = special;
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    addValue(openValueStart, i, (special & 1) == 0);
                    i++;
                    state = TAG;
                }
                case CLOSING_TAG -> {
                    while (i < available && bytes[i] != '>' && bytes[i] != '<') {
                        i++;
                    }
                    if (i == available) {
                        pos = i;
                        return NEED_MORE;
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
                    while (i + 2 < available && !(bytes[i] == ']' && bytes[i + 1] == ']' && bytes[i + 2] == '>')) {
                        i++;
                    }
                    if (i + 2 >= available) {
                        pos = i;
                        return NEED_MORE;
                    }
                    return token(CDATA, textStart, i + 3, i);
                }
                case XML_DECLARATION -> {
                    while (i + 1 < available && !(bytes[i] == '?' && bytes[i + 1] == '>')) {
                        i++;
                    }
                    if (i + 1 >= available) {
                        pos = i;
                        return NEED_MORE;
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

    private void addValue(int from, int to, boolean plain) {
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

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    private static String excerpt(byte[] bytes, int from, int available) {
        int to = Math.min(available, from + 40);
        while (to > from && to < available && (bytes[to] & 0xC0) == 0x80) {
            to--;                           // not inside a UTF-8 sequence
        }
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static StreamErrorException notWellFormed(String message) {
        return new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, message);
    }
}
