package org.xmppreactive.xml;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
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

    /** The most bytes taken from a chunk at once, which bounds how far past a limit the decoder ever reads. */
    private static final int MAX_SLICE = 16 * 1024;
    /** A buffer grown larger than this for a big element is given back once that element is done. */
    private static final int RETAINED_BUFFER = 4 * MAX_SLICE;

    private DecoderLimits limits;
    private final MarkupScanner markup = new MarkupScanner();
    private final TagParser tags = new TagParser();
    private final OpenElements open = new OpenElements();
    private final ElementBuilder builder = new ElementBuilder();

    private ByteBuffer chunk;          // zero-based view of the offered bytes; null once drained
    private int chunkPosition;         // chunk index of the first byte not yet copied into `buffer`
    private byte[] buffer = new byte[MAX_SLICE];   // the unfinished construct, and bytes after it
    private int buffered;
    private int lastEventEnd;          // buffer index just past the last event returned

    private int namesAtElementStart;   // size of the name table when the current top-level element began
    private boolean closePending;      // an empty root element: the stream closes right after it opens
    private StreamEvent ready;         // parsed ahead by hasNext()
    private StreamErrorException failure;

    /** A decoder with the {@linkplain DecoderLimits#defaults() default limits}. */
    public XmppStreamDecoder() {
        this(DecoderLimits.defaults());
    }

    /** A decoder that enforces {@code limits}. */
    public XmppStreamDecoder(DecoderLimits limits) {
        limits(limits);
    }

    /**
     * Enforces {@code limits} from now on, for the element being read and every later one: for example a
     * server's stricter limits for a client that has not authenticated yet, relaxed once it has.
     */
    public void limits(DecoderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        markup.maxValues(limits.maxAttributes());
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
        chunkPosition = 0;
    }

    /**
     * Whether the offered bytes complete another event. Parses up to the end of that event and no further.
     *
     * @throws StreamErrorException if the bytes up to the next event break the rules
     */
    public boolean hasNext() {
        rethrowFailure();
        if (ready == null && closePending) {
            closePending = false;
            ready = new StreamEvent.Closed();
        } else if (ready == null && chunk != null) {
            try {
                ready = parseNext();
            } catch (StreamErrorException e) {
                throw fail(e);
            } catch (RuntimeException e) {
                // a fault of the decoder's own, not of the input: the decoder stays failed all the same
                throw fail(new StreamErrorException(StreamErrorCondition.INTERNAL_SERVER_ERROR,
                        "the decoder failed: " + e, e));
            }
            if (ready != null) {
                lastEventEnd = markup.position();
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
     * read as the new stream). Call it right after the {@code next()} that returned the old stream's last event,
     * before anything reads on: a {@code hasNext()} that returned true, or one that read further bytes of the old
     * stream, leaves nothing the decoder could hand over.
     *
     * @return a read-only view of those bytes, empty if the last event ended the chunk; valid until the caller
     *     reuses the buffer it offered
     * @throws IllegalStateException if the decoder has read past the last event returned
     */
    public ByteBuffer restart() {
        rethrowFailure();
        if (ready != null) {
            throw new IllegalStateException("restart() must follow next(), not hasNext(): an event was parsed "
                    + "ahead in the old stream");
        }
        int unread = buffered - lastEventEnd;        // bytes copied from the chunk but not read since
        if (markup.position() != lastEventEnd || (unread > 0 && (chunk == null || unread > chunkPosition))) {
            throw new IllegalStateException("restart() must follow the next() that returned the old stream's last "
                    + "event: the decoder has read on since, into the old stream");
        }
        int pendingFrom = chunk == null ? 0 : chunkPosition - unread;
        ByteBuffer pending = chunk == null ? ByteBuffer.allocate(0) : chunk.slice(pendingFrom,
                chunk.limit() - pendingFrom);
        startGeneration();
        if (pending.hasRemaining()) {
            chunkPosition = pendingFrom;       // nothing is screened or parsed until the caller asks for it
        } else {
            chunk = null;
        }
        return pending.asReadOnlyBuffer();
    }

    /** Drops the bytes a {@link #restart()} carried into the new generation. */
    public void discardPending() {
        chunk = null;
    }

    private StreamEvent parseNext() {
        while (true) {
            int token = markup.next(buffer, buffered);
            switch (token) {
                case MarkupScanner.NEED_MORE -> {
                    checkUnfinishedConstruct();
                    if (!bufferNextSlice()) {
                        chunk = null;
                        return null;
                    }
                }
                case MarkupScanner.DECLARATION -> {
                    checkConstructSize("an XML declaration");
                    tags.declaration(buffer, markup.start, markup.end);
                }
                case MarkupScanner.START_TAG, MarkupScanner.EMPTY_TAG -> {
                    StreamEvent event = startTag(token == MarkupScanner.EMPTY_TAG);
                    if (event != null) {
                        return event;
                    }
                }
                case MarkupScanner.END_TAG -> {
                    StreamEvent event = endTag();
                    if (event != null) {
                        return event;
                    }
                }
                case MarkupScanner.TEXT -> builder.text(markup.textNeedsDecoding
                        ? CharacterData.text(buffer, markup.start, markup.end, true)
                        : tags.names().value(buffer, markup.start, markup.end));
                case MarkupScanner.CDATA -> {
                    if (markup.end > markup.start) {
                        builder.text(CharacterData.text(buffer, markup.start, markup.end, false));
                    }
                }
                default -> throw new IllegalStateException("markup token " + token);
            }
        }
    }

    private StreamEvent startTag(boolean empty) {
        int level = open.depth();        // nesting inside the top-level element; 0 for the stream root
        if (level > limits.maxDepth()) {
            throw policy("element nesting deeper than " + limits.maxDepth());
        }
        NameTable names = tags.names();
        if (level == 1 && names.size() > limits.maxDistinctNames()) {
            names.clear();
        }
        if (level <= 1) {
            namesAtElementStart = names.size();
        }
        checkConstructSize(level == 0 ? "a stream header" : "a top-level element");
        tags.startTag(buffer, markup.start, markup.end, empty, markup, open, limits);
        if (names.size() - namesAtElementStart > limits.maxDistinctNames()) {
            throw policy("more than " + limits.maxDistinctNames() + " distinct names in one element");
        }
        if (level == 0) {
            StreamEvent.Opened opened = new StreamEvent.Opened(new XmlElement(tags.namespace, tags.localName,
                    tags.attributes, List.of()), open.declaredHere());
            if (empty) {
                open.pop();
                closePending = true;
            }
            return opened;
        }
        builder.start(tags.namespace, tags.localName, tags.attributes);
        if (!empty) {
            return null;
        }
        open.pop();
        return endElement(level);
    }

    private StreamEvent endTag() {
        int level = open.depth() - 1;    // of the element the tag closes; 0 for the stream root
        tags.endTag(buffer, markup.start, markup.end, open);
        return level == 0 ? new StreamEvent.Closed() : endElement(level);
    }

    // The element at `level` is complete; a top-level one is an event.
    private StreamEvent endElement(int level) {
        XmlElement element = builder.end();
        if (level > 1) {
            return null;
        }
        checkConstructSize("a top-level element");
        return new StreamEvent.Element(element);
    }

    private void checkConstructSize(String what) {
        long size = markup.end - markup.constructStart();
        if (size > limits.maxElementBytes()) {
            throw policy(what + " of " + size + " bytes exceeds the limit of " + limits.maxElementBytes());
        }
    }

    // Called when the bytes buffered so far complete no token: what they hold of an unfinished element (or of the
    // stream header) must not already be over the limit. This covers a start tag that never ends, too.
    private void checkUnfinishedConstruct() {
        if (markup.inConstruct() && buffered - markup.constructStart() > limits.maxElementBytes()) {
            throw policy(open.depth() == 0 ? "no complete stream header (or XML declaration) within "
                    + limits.maxElementBytes() + " bytes" : "a top-level element (or the stream's end tag) exceeds "
                    + "the limit of " + limits.maxElementBytes() + " bytes before its end");
        }
    }

    // A new stream generation: nothing buffered, no element open, the header expected.
    private void startGeneration() {
        markup.reset(0);
        open.reset();
        builder.reset();
        buffered = 0;
        lastEventEnd = 0;
        closePending = false;
        tags.names().clear();              // a new stream brings its own names
    }

    /*
     * Moves the next bytes of the chunk, at most MAX_SLICE of them, into the buffer behind the bytes the markup
     * scanner still needs, dropping those it is done with. Returns false when the chunk is used up.
     */
    private boolean bufferNextSlice() {
        if (chunkPosition >= chunk.limit()) {
            return false;
        }
        int keep = markup.keepFrom();
        if (keep > 0) {
            System.arraycopy(buffer, keep, buffer, 0, buffered - keep);
            buffered -= keep;
            lastEventEnd -= keep;
            markup.shift(keep);
        }
        int length = Math.min(MAX_SLICE, chunk.limit() - chunkPosition);
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffered + length, buffer.length * 2));
        } else if (buffered == 0 && buffer.length > RETAINED_BUFFER) {
            buffer = new byte[MAX_SLICE];
        }
        chunk.get(chunkPosition, buffer, buffered, length);
        buffered += length;
        chunkPosition += length;
        return true;
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
}
