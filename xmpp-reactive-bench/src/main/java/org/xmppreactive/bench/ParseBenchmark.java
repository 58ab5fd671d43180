package org.xmppreactive.bench;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.SmackXmlParser;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stream.StreamElements;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmppStreamDecoder;

/**
 * Parses the whole {@link Corpus} (one operation = one complete stream, about 10 MiB) three ways:
 *
 * <ul>
 *   <li>{@link #xmppReactive}: our {@link XmppStreamDecoder}, fed 16 KiB chunks, building every top-level
 *       element as an {@code XmlElement} with all checks and limits on;</li>
 *   <li>{@link #aaltoScan}: Aalto's async reader over the same chunks, only walking tokens: the floor for any
 *       decoder built on Aalto;</li>
 *   <li>{@link #smack}: Smack 4.4.8 the way {@code XMPPTCPConnection}'s reader does it: one pull parser over
 *       the whole stream (a UTF-8 {@code Reader}), {@code PacketParserUtils.parseStanza} for each top-level
 *       element, with all of Smack's providers registered (roster, caps, chat states, forwarding, delay, MAM).</li>
 * </ul>
 *
 * Each method returns the number of top-level stanzas it saw and throws if that differs from the corpus, so a
 * broken parser cannot pass for a fast one. Every parsed object goes to the {@link Blackhole}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {

    private static final String CONTENT_NAMESPACE = "jabber:client";

    private Corpus corpus;
    private byte[] bytes;
    private ByteBuffer[] chunks;
    private int expected;
    private AsyncXMLInputFactory aalto;

    /** Generates the corpus, cuts it into reads and initializes Smack (which loads all its providers). */
    @Setup(Level.Trial)
    @SuppressWarnings("deprecation") // getVersion() reads SmackInitialization's constant, which initializes Smack
    public void setup() {
        corpus = Corpus.standard();
        bytes = corpus.bytes();
        chunks = corpus.chunks(Corpus.DEFAULT_CHUNK);
        expected = corpus.stanzaCount();

        // The same configuration as the decoder's own factory.
        aalto = new InputFactoryImpl();
        aalto.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        aalto.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        aalto.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        aalto.setProperty(XMLInputFactory.IS_COALESCING, false);

        // Runs SmackInitialization: smack-config.xml, the core/im/extensions/experimental providers.
        SmackConfiguration.getVersion();
    }

    /** The corpus being parsed. */
    public Corpus corpus() {
        return corpus;
    }

    /** Which pull parser Smack's StAX backend ended up with (whatever {@code XMLInputFactory} resolves to). */
    public static String smackParserBackend() {
        try {
            XmlPullParser parser = SmackXmlParser.newXmlParser(new java.io.StringReader("<a/>"));
            return SmackXmlParser.getXmlPullParserFactory().getClass().getName() + " over "
                    + XMLInputFactory.newInstance().getClass().getName() + " (" + parser.getClass().getSimpleName()
                    + ")";
        } catch (XmlPullParserException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Our decoder and typing, as the library's inbound path runs them: a fresh decoder per stream, every chunk fed
     * as it would come off the socket, and every top-level element typed once into a {@code Message},
     * {@code Presence} or {@code Iq} (what Smack's {@code parseStanza} produces too).
     */
    @Benchmark
    public int xmppReactive(Blackhole blackhole) {
        return decode("xmppReactive", blackhole, true);
    }

    /** The decoder alone: every element built as an {@code XmlElement} tree, not typed. The cost of typing is the
     * difference to {@link #xmppReactive}. */
    @Benchmark
    public int xmppReactiveTree(Blackhole blackhole) {
        return decode("xmppReactiveTree", blackhole, false);
    }

    private int decode(String name, Blackhole blackhole, boolean typed) {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        int elements = 0;
        boolean closed = false;
        for (ByteBuffer chunk : chunks) {
            List<StreamEvent> events = decoder.feed(chunk.duplicate());
            for (int i = 0, n = events.size(); i < n; i++) {
                StreamEvent event = events.get(i);
                if (event instanceof StreamEvent.Element element) {
                    if (typed) {
                        StreamElement stanza = StreamElements.decode(element.element(), CONTENT_NAMESPACE);
                        if (stanza instanceof org.xmppreactive.stanza.Stanza) {
                            elements++;
                        }
                        blackhole.consume(stanza);
                    } else {
                        elements++;
                        blackhole.consume(element.element());
                    }
                } else {
                    closed |= event instanceof StreamEvent.Closed;
                    blackhole.consume(event);
                }
            }
        }
        return verify(name, elements, closed);
    }

    /** Bare Aalto async: feed, walk tokens, count depth-1 end tags. No text, no names, no objects. */
    @Benchmark
    public int aaltoScan() throws XMLStreamException {
        AsyncXMLStreamReader<AsyncByteBufferFeeder> reader = aalto.createAsyncForByteBuffer();
        AsyncByteBufferFeeder feeder = reader.getInputFeeder();
        int depth = 0;
        int stanzas = 0;
        boolean closed = false;
        for (ByteBuffer chunk : chunks) {
            if (feeder.needMoreInput()) {
                feeder.feedInput(chunk.duplicate());
            }
            int token;
            while ((token = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                if (token == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (token == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 1) {
                        stanzas++;
                    } else if (depth == 0) {
                        closed = true;
                    }
                }
            }
        }
        reader.close();
        return verify("aaltoScan", stanzas, closed);
    }

    /**
     * Smack's reader loop: one long-lived parser; at each top-level start tag,
     * {@code PacketParserUtils.parseStanza(parser, streamEnvironment)}, as
     * {@code AbstractXMPPConnection.parseAndProcessStanza} does.
     */
    @Benchmark
    public int smack(Blackhole blackhole) throws XmlPullParserException, IOException, SmackParsingException {
        return verify("smack", parseWithSmack(bytes, blackhole::consume), true);
    }

    /**
     * Parses a whole stream with Smack into its stanza objects, handing each to {@code sink}, and returns how
     * many there were.
     *
     * @throws IllegalStateException if the stream does not start with a header or is not closed
     */
    static int parseWithSmack(byte[] stream, Consumer<? super Stanza> sink)
            throws XmlPullParserException, IOException, SmackParsingException {
        // XMPPTCPConnection wraps the socket stream the same way: a BufferedReader over a UTF-8 InputStreamReader.
        XmlPullParser parser = PacketParserUtils.getParserFor(new BufferedReader(
                new InputStreamReader(new ByteArrayInputStream(stream), StandardCharsets.UTF_8)));
        // getParserFor() leaves the parser on the first start tag: <stream:stream>.
        if (!"stream".equals(parser.getName())) {
            throw new IllegalStateException("smack: expected the stream header, got " + parser.getName());
        }
        XmlEnvironment streamEnvironment = XmlEnvironment.from(parser);
        int stanzas = 0;
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT -> {
                    sink.accept(PacketParserUtils.parseStanza(parser, streamEnvironment));
                    stanzas++;
                }
                case END_ELEMENT -> {
                    return stanzas;     // the only end tag at this level is </stream:stream>
                }
                case END_DOCUMENT -> throw new IllegalStateException("smack: the stream was not closed");
                default -> {
                    // whitespace between stanzas
                }
            }
        }
    }

    private int verify(String variant, int stanzas, boolean closed) {
        if (stanzas != expected || !closed) {
            throw new IllegalStateException(variant + " saw " + stanzas + " top-level stanzas (stream closed: "
                    + closed + "), the corpus has " + expected);
        }
        return stanzas;
    }
}
