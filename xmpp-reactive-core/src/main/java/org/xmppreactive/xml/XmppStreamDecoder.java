package org.xmppreactive.xml;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.reactivestreams.Publisher;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;
import reactor.core.publisher.Flux;

/**
 * Turns the bytes of an XMPP stream, in any chunking, into {@link StreamEvent}s: the stream header, each
 * top-level element as an immutable {@link XmlElement}, and the stream's end. It does no I/O: whoever owns the
 * socket feeds it.
 *
 * <p>Input is held to RFC 6120 §11: strict UTF-8 and XML 1.0 characters, no comments, processing instructions,
 * DTDs or non-predefined entities ({@code restricted-xml}), no text directly under the stream root, and the
 * {@link DecoderLimits} ({@code policy-violation}). Every violation is a {@link StreamErrorException} naming the
 * condition; elements completed before the offending byte are still returned first. After an error the decoder
 * stays failed and repeats the error.
 *
 * <p>Two ways to drive it:
 * <pre>{@code
 * // All events of a chunk at once:
 * List<StreamEvent> events = decoder.feed(chunk);
 *
 * // One event at a time, when a stream restart may happen in the middle of a chunk:
 * decoder.offer(chunk);
 * while (decoder.hasNext()) {
 *     StreamEvent event = decoder.next();
 *     if (isSaslSuccess(event)) {
 *         decoder.restart();   // the rest of this chunk is decoded as the new stream
 *     }
 * }
 * }</pre>
 * The decoder reads the offered buffer in place (without changing its position) until {@link #hasNext()} returns
 * false, so the caller must not reuse the buffer before then. A decoder is not thread-safe; one serves one
 * connection, driven from one thread at a time.
 */
public final class XmppStreamDecoder {

    /** The most bytes handed to the parser at once, which bounds how far past a limit it can ever read. */
    private static final int MAX_SLICE = 16 * 1024;

    private DecoderLimits limits;
    // One per decoder, not shared: Aalto keeps name tables in its factory, and one peer's names must not grow
    // what every connection uses.
    private final AsyncXMLInputFactory factory = newFactory();
    private final RestrictedXmlScanner scanner = new RestrictedXmlScanner();
    private final ElementBuilder builder = new ElementBuilder();
    private AsyncXMLStreamReader<AsyncByteBufferFeeder> reader = factory.createAsyncForByteBuffer();

    private ByteBuffer chunk;          // zero-based view of the offered bytes; null once drained
    private int restartAt = -1;        // chunk index a restart left unread, until hasNext() or discardPending()
    private int sliceStart;            // chunk index of the first byte of the slice the parser holds
    private int sliceEnd;              // chunk index just past that slice
    private int acceptedEnd;           // chunk index where the scanner found the first bad byte, or the limit
    private final byte[] carry = new byte[4];   // an incomplete UTF-8 sequence that ended the last chunk
    private int carryLength;
    private long fed;                  // bytes of this generation fed to the parser, current slice included

    private int depth;                 // 0 outside the root, 1 inside the stream, 2 inside a top-level element...
    private boolean opened;            // the stream header of this generation has been read
    private long accumulatingFrom;     // generation offset where the bytes not yet part of an event began:
                                       // the current top-level element's '<', or the end of the last event
    private final Set<String> names = new HashSet<>();   // names and namespace URIs the parser has learned
    private int namesAtElementStart;
    private boolean renewParser;       // its name tables are full: renew it before the next element
    private String rootName;           // the stream root's qualified name and namespace declarations, to prime
    private Map<String, String> streamNamespaces = Map.of();   // a renewed parser with
    private StreamEvent ready;         // parsed ahead by hasNext()
    private StreamErrorException failure;

    /** A decoder with the {@linkplain DecoderLimits#defaults() default limits}. */
    public XmppStreamDecoder() {
        this(DecoderLimits.defaults());
    }

    /** A decoder that enforces {@code limits}. */
    public XmppStreamDecoder(DecoderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Enforces {@code limits} from now on, for the element being read and every later one: for example a
     * server's stricter limits for a client that has not authenticated yet, relaxed once it has.
     */
    public void limits(DecoderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Runs a decoder as a Reactor operator: each buffer is decoded inside {@code onNext}, so the upstream may
     * recycle it as soon as {@code onNext} returns; events are emitted as downstream demand allows, and the next
     * buffer is requested only when the events of the last one are delivered and more are wanted. At most the
     * events of one buffer are ever held. A decoding error is signalled as {@link StreamErrorException} and
     * cancels the upstream.
     *
     * <pre>{@code
     * Flux<StreamEvent> events = XmppStreamDecoder.decode(connection.receive(), DecoderLimits.defaults());
     * }</pre>
     */
    public static Flux<StreamEvent> decode(Publisher<ByteBuffer> bytes, DecoderLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return new DecodingFlux(Flux.from(bytes), limits);
    }

    /**
     * Decodes {@code bytes} completely and returns the events they completed, in order. Bytes that follow the
     * last complete event are kept by the parser for the next call. Use {@link #offer} and {@link #next} instead
     * when a {@link #restart()} may be due in the middle of a chunk.
     *
     * @throws StreamErrorException if the bytes break the rules; events before the offending byte are lost to
     *     this call, so use {@link #offer}/{@link #next} where they matter
     */
    public List<StreamEvent> feed(ByteBuffer bytes) {
        offer(bytes);
        List<StreamEvent> events = new ArrayList<>(4);
        while (hasNext()) {
            events.add(next());
        }
        return events;
    }

    /**
     * Hands the decoder a chunk of bytes (from its position to its limit; the position is not changed). The
     * previous chunk must have been drained: {@link #hasNext()} returned false.
     */
    public void offer(ByteBuffer bytes) {
        Objects.requireNonNull(bytes, "bytes");
        rethrowFailure();
        if (chunk != null || ready != null) {
            throw new IllegalStateException("the previous chunk is not fully decoded: call next() until "
                    + "hasNext() returns false before offering more bytes");
        }
        if (!bytes.hasRemaining()) {
            return;
        }
        chunk = bytes.slice();
        startChunkAt(0);
    }

    /**
     * Whether the offered bytes complete another event. Parses up to the end of that event and no further.
     *
     * @throws StreamErrorException if the bytes up to the next event break the rules
     */
    public boolean hasNext() {
        rethrowFailure();
        if (ready == null && chunk != null) {
            if (restartAt >= 0) {
                startChunkAt(restartAt);
                restartAt = -1;
            } else if (renewParser) {
                renewParser();
            }
            try {
                ready = parseNext();
            } catch (StreamErrorException e) {
                throw fail(e);
            } catch (XMLStreamException e) {
                throw fail(scannerErrorOr(new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                        e.getMessage(), e)));
            } catch (RuntimeException e) {
                // Aalto signals some malformed input with unchecked exceptions
                throw fail(scannerErrorOr(new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                        String.valueOf(e.getMessage()), e)));
            }
        }
        return ready != null;
    }

    /**
     * The next event the offered bytes completed.
     *
     * @throws NoSuchElementException if {@link #hasNext()} is false
     */
    public StreamEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the offered bytes complete no further event");
        }
        StreamEvent event = ready;
        ready = null;
        return event;
    }

    /**
     * Starts a new stream generation, as after STARTTLS or SASL success (RFC 6120 §5.4.3.3, §6.4.6): a fresh
     * parser that expects a new stream header. The bytes of the current chunk that follow the last event
     * returned by {@link #next()} belong to the new generation; they are decoded by the next {@link #hasNext()}
     * unless the caller drops them with {@link #discardPending()} (as after STARTTLS, where they must never be
     * read as the new stream).
     *
     * @return a read-only view of those bytes, empty if the last event ended the chunk; valid until the caller
     *     reuses the buffer it offered
     */
    public ByteBuffer restart() {
        rethrowFailure();
        if (ready != null) {
            throw new IllegalStateException("restart() must follow next(), not hasNext(): an event was parsed "
                    + "ahead in the old stream");
        }
        int pendingFrom = chunk == null ? 0 : consumedIndex();
        ByteBuffer pending = chunk == null ? ByteBuffer.allocate(0) : chunk.slice(pendingFrom,
                chunk.limit() - pendingFrom);
        reader = factory.createAsyncForByteBuffer();
        scanner.reset();
        builder.reset();
        carryLength = 0;
        names.clear();
        renewParser = false;
        depth = 0;
        opened = false;
        accumulatingFrom = 0;
        fed = 0;
        if (pending.hasRemaining()) {
            restartAt = pendingFrom;       // nothing is scanned or parsed until the caller asks for it
        } else {
            chunk = null;
        }
        return pending.asReadOnlyBuffer();
    }

    /** Drops the bytes a {@link #restart()} carried into the new generation. */
    public void discardPending() {
        chunk = null;
        restartAt = -1;
    }

    private StreamEvent parseNext() throws XMLStreamException {
        while (true) {
            int token = reader.next();
            switch (token) {
                case AsyncXMLStreamReader.EVENT_INCOMPLETE -> {
                    checkIncompleteElement();
                    if (!feedNextSlice()) {
                        if (acceptedEnd < chunk.limit()) {
                            throw scanner.error();
                        }
                        chunk = null;
                        return null;
                    }
                }
                case XMLStreamConstants.START_DOCUMENT -> {
                    checkEncoding();
                    if (reader.getVersion() != null) {
                        accumulatingFrom = endOffset();   // the header is measured without the XML declaration
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    StreamEvent event = startElement();
                    if (event != null) {
                        return event;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    StreamEvent event = endElement();
                    if (event != null) {
                        return event;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.DTD,
                        XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.NOTATION_DECLARATION ->
                        throw new StreamErrorException(StreamErrorCondition.RESTRICTED_XML,
                                "comments, processing instructions, DTDs and entity references are not allowed "
                                        + "(RFC 6120 §11.1)");
                case XMLStreamConstants.END_DOCUMENT -> {
                    // only after the stream is closed; nothing to report twice
                }
                default -> throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                        "unexpected XML construct (StAX event " + token + ")");
            }
        }
    }

    private StreamEvent startElement() {
        int level = depth++;             // nesting inside the top-level element; 0 for the stream root
        if (level > limits.maxDepth()) {
            throw policy("element nesting deeper than " + limits.maxDepth());
        }
        if (level == 1) {
            accumulatingFrom = reader.getLocationInfo().getStartingByteOffset();
            namesAtElementStart = names.size();
        }
        String localName = reader.getLocalName();
        String prefix = reader.getPrefix();
        checkName(localName, prefix);
        learn(localName);
        learn(prefix);
        int attributeCount = reader.getAttributeCount();
        int namespaceCount = reader.getNamespaceCount();
        if (attributeCount + namespaceCount > limits.maxAttributes()) {
            throw policy("more than " + limits.maxAttributes() + " attributes and namespace declarations on <"
                    + localName + ">");
        }
        for (int i = 0; i < namespaceCount; i++) {
            learn(reader.getNamespacePrefix(i));
            learn(reader.getNamespaceURI(i));
        }
        List<XmlAttribute> attributes = attributeCount == 0 ? List.of() : attributes(attributeCount);
        String namespace = orEmpty(reader.getNamespaceURI());
        if (level == 0) {
            // Aalto reports the root's starting offset as the document's start, so measure from the last boundary.
            long size = endOffset() - accumulatingFrom;
            if (size > limits.maxElementBytes()) {
                throw policy("a stream header of " + size + " bytes exceeds the limit of " + limits.maxElementBytes());
            }
            Map<String, String> namespaces = new HashMap<>();
            for (int i = 0; i < namespaceCount; i++) {
                namespaces.put(orEmpty(reader.getNamespacePrefix(i)), orEmpty(reader.getNamespaceURI(i)));
            }
            opened = true;
            accumulatingFrom = endOffset();
            rootName = prefix == null || prefix.isEmpty() ? localName : prefix + ':' + localName;
            streamNamespaces = namespaces;
            return new StreamEvent.Opened(new XmlElement(namespace, localName, attributes, List.of()), namespaces);
        }
        builder.start(namespace, localName, attributes);
        return null;
    }

    private List<XmlAttribute> attributes(int count) {
        XmlAttribute[] attributes = new XmlAttribute[count];
        for (int i = 0; i < count; i++) {
            String localName = reader.getAttributeLocalName(i);
            String prefix = reader.getAttributePrefix(i);
            checkName(localName, prefix);
            learn(localName);
            learn(prefix);
            attributes[i] = new XmlAttribute(orEmpty(reader.getAttributeNamespace(i)), localName,
                    reader.getAttributeValue(i));
        }
        return List.of(attributes);
    }

    private StreamEvent endElement() {
        int level = --depth;
        if (level == 0) {
            return new StreamEvent.Closed();
        }
        XmlElement element = builder.end();
        if (level > 1) {
            return null;
        }
        long end = endOffset();
        if (end - accumulatingFrom > limits.maxElementBytes()) {
            throw policy("a top-level element of " + (end - accumulatingFrom) + " bytes exceeds the limit of "
                    + limits.maxElementBytes());
        }
        accumulatingFrom = end;
        renewParser = names.size() > limits.maxDistinctNames();
        return new StreamEvent.Element(element);
    }

    private void text() throws XMLStreamException {
        if (depth >= 2) {
            builder.text(reader.getText());
        } else if (!reader.isWhiteSpace()) {
            throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED,
                    "text is not allowed outside a top-level element: '" + abbreviate(reader.getText()) + "'");
        } else {
            accumulatingFrom = endOffset();   // whitespace outside any element (a keepalive), read and forgotten
        }
    }

    // Aalto's name tables get slower with every distinct name (quadratically: 80,000 names cost seconds), so the
    // names one element may bring are limited, and a parser that has learned too many is renewed between elements.
    private void learn(String name) {
        if (name != null && !name.isEmpty() && names.add(name)
                && names.size() - namesAtElementStart > limits.maxDistinctNames()) {
            throw policy("more than " + limits.maxDistinctNames() + " distinct names in one element");
        }
    }

    // A fresh parser, primed with a copy of the stream header's namespace context, takes over at the chunk index
    // just past the last element; the scanner, which has already accepted the bytes, goes on as it was.
    private void renewParser() {
        int from = consumedIndex();
        reader = factory.createAsyncForByteBuffer();
        names.clear();
        renewParser = false;
        fed = 0;
        StringBuilder header = new StringBuilder("<").append(rootName);
        streamNamespaces.forEach((prefix, uri) -> {
            header.append(prefix.isEmpty() ? " xmlns='" : " xmlns:" + prefix + "='");
            XmppStreamEncoder.escapeAttribute(uri, header);
            header.append('\'');
        });
        feedParser(ByteBuffer.wrap(header.append('>').toString().getBytes(StandardCharsets.UTF_8)));
        try {
            int token;
            while ((token = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                if (token != XMLStreamConstants.START_DOCUMENT && token != XMLStreamConstants.START_ELEMENT) {
                    throw new IllegalStateException("the renewed parser's header gave StAX event " + token);
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the renewed parser refused its header", e);
        }
        accumulatingFrom = fed;
        sliceStart = from;
        sliceEnd = from;
    }

    private void checkEncoding() {
        String encoding = reader.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new StreamErrorException(StreamErrorCondition.UNSUPPORTED_ENCODING,
                    "the stream declares encoding '" + encoding + "'; XMPP streams are UTF-8 (RFC 6120 §11.6)");
        }
    }

    private void checkName(String localName, String prefix) {
        int length = localName.length() + (prefix == null || prefix.isEmpty() ? 0 : prefix.length() + 1);
        if (length > limits.maxNameLength()) {
            throw policy("a name of " + length + " characters exceeds the limit of " + limits.maxNameLength());
        }
    }

    // Called when the parser has used up its slice: what it holds of an unfinished element (or of the stream
    // header) must not already be over the limit. This covers a start tag that never ends, too.
    private void checkIncompleteElement() {
        if (!opened && fed - accumulatingFrom > limits.maxElementBytes()) {
            throw policy("no complete stream header within " + limits.maxElementBytes() + " bytes");
        }
        if (depth >= 1 && fed - accumulatingFrom > limits.maxElementBytes()) {
            throw policy("a top-level element exceeds the limit of " + limits.maxElementBytes()
                    + " bytes before its end");
        }
    }

    private long endOffset() {
        try {
            return reader.getLocationInfo().getEndingByteOffset();
        } catch (XMLStreamException e) {
            throw new StreamErrorException(StreamErrorCondition.NOT_WELL_FORMED, e.getMessage(), e);
        }
    }

    // Scans the chunk from index `from` in the current generation, and hands the parser its first bytes.
    private void startChunkAt(int from) {
        acceptedEnd = scanner.scan(chunk, from, chunk.limit());
        sliceStart = from;
        sliceEnd = from;
        feedNextSlice();
    }

    /*
     * Hands the parser the next accepted bytes of the chunk, at most MAX_SLICE of them, and never ends a feed inside
     * a UTF-8 sequence: Aalto 1.4.0 corrupts a 4-byte character split between two feeds when it is in an attribute
     * value (U+1F600 comes out as U+F600). An incomplete sequence at the end of a chunk is carried over and fed whole
     * with the bytes that complete it. Returns false when no accepted byte is left to feed.
     */
    private boolean feedNextSlice() {
        int from = sliceEnd;
        if (carryLength > 0) {
            return feedCarry(from);
        }
        int end = characterBoundary(from, Math.min(acceptedEnd, from + MAX_SLICE));
        if (end == from) {
            if (acceptedEnd == chunk.limit()) {
                carryLength = acceptedEnd - from;          // at most three bytes of one character
                chunk.get(from, carry, 0, carryLength);
                sliceEnd = acceptedEnd;
            }
            return false;
        }
        feedParser(chunk.slice(from, end - from));
        sliceStart = from;
        sliceEnd = end;
        return true;
    }

    private boolean feedCarry(int from) {
        int length = utf8Length(carry[0]);
        int take = Math.min(length - carryLength, acceptedEnd - from);
        chunk.get(from, carry, carryLength, take);
        carryLength += take;
        sliceStart = from + take;
        sliceEnd = from + take;
        if (carryLength < length) {
            return false;                                  // this chunk held only part of the rest
        }
        feedParser(ByteBuffer.wrap(carry, 0, carryLength));
        carryLength = 0;
        return true;
    }

    // `end`, or the start of the UTF-8 sequence that begins before `end` and finishes after it.
    private int characterBoundary(int from, int end) {
        for (int i = end - 1; i >= Math.max(from, end - 3); i--) {
            int b = chunk.get(i) & 0xFF;
            if (b < 0x80) {
                return end;
            }
            if (b >= 0xC0) {
                return i + utf8Length(b) > end ? i : end;
            }
        }
        return end;
    }

    private static int utf8Length(int leadByte) {
        int b = leadByte & 0xFF;
        return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }

    private void feedParser(ByteBuffer bytes) {
        fed += bytes.remaining();
        try {
            reader.getInputFeeder().feedInput(bytes);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the parser still held unread input", e);
        }
    }

    // Chunk index just past the last event returned: where a restart splits the chunk.
    private int consumedIndex() {
        return sliceEnd - (int) (fed - endOffset());
    }

    private StreamErrorException scannerErrorOr(StreamErrorException parserError) {
        // The parser may choke on the first bytes of a construct the scanner rejects more precisely.
        return acceptedEnd < (chunk == null ? 0 : chunk.limit()) ? scanner.error() : parserError;
    }

    private StreamErrorException fail(StreamErrorException e) {
        failure = e;
        chunk = null;
        ready = null;
        return e;
    }

    private void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    private static StreamErrorException policy(String message) {
        return new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION, message);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
