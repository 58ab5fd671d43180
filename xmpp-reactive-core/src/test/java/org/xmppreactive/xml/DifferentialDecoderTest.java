package org.xmppreactive.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

/**
 * {@link XmppStreamDecoder} against a reference XML parser: the JDK's own namespace-aware SAX parser, with the
 * XMPP rules added on top (RFC 6120 §11: no comments or processing instructions, no text directly under the
 * stream root). The whole stream, from the header to {@code </stream:stream>}, is one XML document to the
 * reference parser; the children of its root are the top-level elements.
 *
 * <ul>
 *   <li>Random valid streams, fed in several chunkings, must give exactly the events the reference parser sees.</li>
 *   <li>Random valid streams with one byte-level mutation in the stanzas must be either rejected, or read exactly
 *       as the reference parser reads them. If only the decoder rejects, its condition must name an XMPP rule the
 *       input breaks. Events delivered before an error must be those the reference parser completed first.</li>
 *   <li>Fixed cases pin interesting corners, each with the verdict the XML and XMPP specifications give.</li>
 * </ul>
 *
 * <p>The JDK parser still checks names against the XML 1.0 4th edition tables. RFC 6120 cites the 5th edition,
 * which allows many more name characters (U+2C00, U+203F, everything from U+10000 to U+EFFFF...). So before the
 * reference parser reads an input, each such character is replaced by a stand-in that the 4th edition allows in
 * the same place, and put back in what it reports ({@link NameSwap}).
 */
class DifferentialDecoderTest {

    static final String STREAM_NS = StreamEvent.STREAM_NAMESPACE;
    static final String XML_NS = XmlAttribute.XML_NAMESPACE;
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
    static final String CLOSE = "</stream:stream>";

    /** Far above anything generated, so that no limit fires on valid input. */
    static final DecoderLimits LIMITS = new DecoderLimits(1 << 20, 64, 64, 256, 1 << 16);

    static final int SEEDS = 200;
    static final int MUTATIONS_PER_SEED = 4;

    static LongStream seeds() {
        return LongStream.range(0, SEEDS).map(i -> 0xD1FF_0000L + i);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Random valid streams
    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void validRandomStreamsDecodeAsTheReferenceParserReadsThem(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Generated stream = new Generator(random, 6, 6).generate(0);
        byte[] input = stream.bytes();

        Reading reference = Reference.read(input);
        assertThat(reference.error()).as("the reference parser refused a generated stream:%n%s", show(input))
                .isNull();
        assertThat(reference.forbiddenWhat()).as("generated stream%n%s", show(input)).isNull();
        assertThat(reference.events()).as("the reference parser's reading against the generator's, for%n%s",
                show(input)).isEqualTo(stream.expected());

        for (Plan plan : Plan.forValid(random, input.length)) {
            Run run = decode(input, plan);
            assertThat(run.error()).as("%s: unexpected error on%n%s", plan, show(input)).isNull();
            assertThat(run.events()).as("%s: events of%n%s", plan, show(input)).isEqualTo(reference.events());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Random mutations of valid streams
    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedStreamsAreRejectedOrReadAsTheReferenceParserReadsThem(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Generated stream = new Generator(random, 4, 5).generate(1);
        for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
            Mutation mutation = Mutation.random(random, stream);
            byte[] input = mutation.bytes();
            Reading reference = Reference.read(input);
            for (Plan plan : Plan.forMutated(random, input.length)) {
                Run run = decode(input, plan);
                assertThat(disagreement(run, reference)).as("%s, %s%n%s%ndecoder: %s%nreference: %s", mutation,
                        plan, show(input), describe(run), describe(reference)).isNull();
            }
        }
    }

    /**
     * Why the decoder's run disagrees with a reading, or null if it does not. The decoder may refuse what the
     * reference parser accepts only for a construct XMPP forbids, with that construct's condition, after delivering
     * exactly the events before it. Whatever both refuse, the decoder must not have delivered an event the
     * reference parser did not complete before its error.
     */
    static String disagreement(Run run, Reading reading) {
        List<StreamEvent> events = run.events();
        if (run.error() == null && run.closed()) {
            if (!reading.accepted()) {
                return "the decoder accepted input the reference parser refuses: " + reading.error();
            }
            if (reading.forbiddenWhat() != null) {
                return "the decoder accepted " + reading.forbiddenWhat() + ", which RFC 6120 forbids";
            }
            return events.equals(reading.events()) ? null : "the decoder read the stream differently";
        }
        if (run.error() == null) {
            if (reading.accepted()) {
                return "the decoder stopped before </stream:stream> without an error";
            }
        } else if (reading.accepted()) {
            StreamErrorException error = run.error();
            if (reading.forbiddenWhat() == null) {
                return "the decoder refused well-formed input that XMPP allows: " + error.getMessage();
            }
            if (error.condition() != reading.forbidden()) {
                return "expected <" + reading.forbidden().elementName() + "> for " + reading.forbiddenWhat()
                        + ", got " + error.getMessage();
            }
            return events.equals(reading.events().subList(0, reading.eventsBefore())) ? null
                    : "the events delivered before the error are not those before " + reading.forbiddenWhat();
        }
        int limit = reading.forbiddenWhat() == null ? reading.events().size()
                : Math.min(reading.events().size(), reading.eventsBefore());
        if (events.size() > limit || !events.equals(reading.events().subList(0, events.size()))) {
            return "the decoder delivered events the reference parser does not complete before "
                    + (reading.forbiddenWhat() != null ? reading.forbiddenWhat() : "its error: " + reading.error());
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Fixed cases
    // ------------------------------------------------------------------------------------------------------------

    static final StreamErrorCondition NOT_WELL_FORMED = StreamErrorCondition.NOT_WELL_FORMED;
    static final StreamErrorCondition RESTRICTED_XML = StreamErrorCondition.RESTRICTED_XML;

    static Arguments accepted(String description, String stanzas) {
        return arguments(description, stanzas, null);
    }

    static Arguments refused(String description, String stanzas, StreamErrorCondition condition) {
        return arguments(description, stanzas, condition);
    }

    static Stream<Arguments> fixedCases() {
        return Stream.of(
                // well-formed and allowed
                accepted("]]> in an attribute value is allowed", "<a b=']]>' c=\"]]>\"/>"),
                accepted("raw > and ]] in text", "<a>x>y]]z]</a>"),
                accepted("CDATA holding <, & and ]] not followed by >", "<a><![CDATA[<b>&amp;]]]]></a>"),
                accepted("empty CDATA sections next to text add nothing", "<b>x<![CDATA[]]>y<![CDATA[]]></b>"),
                accepted("an empty CDATA section alone adds no text node",
                        "<a><![CDATA[]]></a><b><c/><![CDATA[]]></b>"),
                accepted("attribute values: raw tab, LF, CR, CR LF become spaces, references stay",
                        "<a b='1\t2\n3\r4\r\n5&#9;&#10;&#13;&#xD;&#xa;'/>"),
                accepted("text: CR LF and lone CR become LF, &#13; stays CR", "<a>1\r\n2\r3&#13;4\r</a>"),
                accepted("CR LF inside CDATA becomes LF", "<a><![CDATA[1\r\n2\r3]]></a>"),
                accepted("supplementary characters as references and raw",
                        "<a b='&#x1F600;&#128512;\uD83D\uDE00'>&#x1f600;&#x10FFFF;\uDBFF\uDFFF</a>"),
                accepted("<, &, quotes and > through every predefined entity and references",
                        "<a b='&lt;&gt;&amp;&apos;&quot;&#60;&#x3C;\"' c=\"'\">&lt;&gt;&amp;&apos;&quot;</a>"),
                accepted("the xml prefix may be declared with its own namespace",
                        "<a xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='en'/>"),
                accepted("one local name in no namespace and in a namespace",
                        "<a xmlns:p='urn:p' p:x='1' x='2'/>"),
                accepted("one namespace through two prefixes, different local names",
                        "<a xmlns:p='urn:u' xmlns:q='urn:u' p:x='1' q:y='2'/>"),
                accepted("the header's stream prefix inside a stanza", "<a><stream:b stream:c='1'/></a>"),
                accepted("the stream prefix rebound inside a stanza", "<a xmlns:stream='urn:other'><stream:b/></a>"),
                accepted("default namespace redeclared, then undeclared with xmlns=''",
                        "<a xmlns='urn:a'><b xmlns=''><c/></b><d/></a>"),
                accepted("a declaration after the attribute that uses it", "<a p:x='1' xmlns:p='urn:p'/>"),
                accepted("the default namespace does not apply to attributes", "<a xmlns='urn:a' x='1'/>"),
                accepted("whitespace around = and before > and />, end tag with trailing whitespace",
                        "<a \r\n b \n=\t'1'\t><c /><d\n/></a \r\n\t>"),
                accepted("non-ASCII names, prefixes and combining characters",
                        "<\u00e9:\u4e2d\u6587 xmlns:\u00e9='urn:e' \u00f1\u00b7\u0300-.9='1' \u00e9:\u00df='2'/>"),
                accepted("whitespace keepalives between stanzas", "\n<a/> \r\n\t<b/>\r"),
                // names the XML 1.0 5th edition allows and the 4th does not
                accepted("5th edition name characters: U+10000", "<\uD800\uDC00/>"),
                accepted("5th edition name characters: U+2C00, U+203F, U+1F600",
                        "<\u2C00\u203F \uD83D\uDE00='1'/>"),
                accepted("5th edition name characters in a prefix",
                        "<\uD800\uDC00:b xmlns:\uD800\uDC00='urn:p' \uD800\uDC00:c='1'/>"),
                // well-formed XML that XMPP forbids
                refused("text directly under the stream root", "<a/>x<b/>", NOT_WELL_FORMED),
                refused("CDATA directly under the stream root", "<a/><![CDATA[x]]>", NOT_WELL_FORMED),
                refused("a character reference directly under the stream root", "<a/>&#65;", NOT_WELL_FORMED),
                refused("a processing instruction inside a stanza", "<a><?p x?></a>", RESTRICTED_XML),
                refused("a comment between stanzas", "<a/><!-- c --><b/>", RESTRICTED_XML),
                // not well-formed, or not namespace-well-formed
                refused("]]> in text, also when a chunk boundary splits it", "<a>x]]>y</a>", NOT_WELL_FORMED),
                refused("< in an attribute value", "<a b='x<y'/>", NOT_WELL_FORMED),
                refused("one attribute twice through two prefixes bound to the same namespace",
                        "<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>", NOT_WELL_FORMED),
                refused("one attribute twice through the header's prefix and another",
                        "<a xmlns:s='http://etherx.jabber.org/streams' stream:x='1' s:x='2'/>", NOT_WELL_FORMED),
                refused("xml:lang twice", "<a xml:lang='en' xml:lang='fr'/>", NOT_WELL_FORMED),
                refused("one prefix declared twice", "<a xmlns:p='u' xmlns:p='v'/>", NOT_WELL_FORMED),
                refused("an unbound element prefix", "<a><p:b/></a>", NOT_WELL_FORMED),
                refused("an unbound attribute prefix", "<a p:x='1'/>", NOT_WELL_FORMED),
                refused("a prefix declared on a sibling only", "<a><b xmlns:p='u'/><p:c/></a>", NOT_WELL_FORMED),
                refused("an end tag that differs only in prefix",
                        "<p:a xmlns:p='u' xmlns:q='u'></q:a>", NOT_WELL_FORMED),
                refused("an end tag that adds a prefix", "<a xmlns:p='jabber:client'></p:a>", NOT_WELL_FORMED),
                refused("the xml prefix rebound", "<a xmlns:xml='urn:x'/>", NOT_WELL_FORMED),
                refused("another prefix bound to the xml namespace",
                        "<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>", NOT_WELL_FORMED),
                refused("the default namespace set to the xml namespace",
                        "<a xmlns='http://www.w3.org/XML/1998/namespace'/>", NOT_WELL_FORMED),
                refused("the xmlns prefix declared", "<a xmlns:xmlns='urn:x'/>", NOT_WELL_FORMED),
                refused("a prefix bound to the xmlns namespace", "<a xmlns:p='http://www.w3.org/2000/xmlns/'/>",
                        NOT_WELL_FORMED),
                // Namespaces in XML 1.0 §3 forbids these three.
                refused("xmlns:p=''", "<a xmlns:p=''/>", NOT_WELL_FORMED),
                refused("xmlns:p=\"\" undeclaring a prefix that is then used",
                        "<a xmlns:p='urn:p'><b xmlns:p=\"\"><p:c/></b></a>", NOT_WELL_FORMED),
                refused("xmlns: with an empty prefix", "<a xmlns:='urn:p'/>", NOT_WELL_FORMED),
                // The JDK parser accepts the next two; the reference parser adds the QName check.
                refused("an element name starting with a colon", "<:a/>", NOT_WELL_FORMED),
                refused("an attribute name starting with a colon", "<a :x='1'/>", NOT_WELL_FORMED),
                refused("a name with two colons", "<p:a:b xmlns:p='u'/>", NOT_WELL_FORMED),
                refused("an empty local part, prefix unbound", "<p:/>", NOT_WELL_FORMED),
                refused("an element with an empty local part, prefix bound", "<p: xmlns:p='u'/>", NOT_WELL_FORMED),
                refused("an attribute with an empty local part, prefix bound", "<a xmlns:p='u' p:='1'/>",
                        NOT_WELL_FORMED),
                refused("whitespace after </", "<a></ a>", NOT_WELL_FORMED),
                refused("whitespace between / and >", "<a/ >", NOT_WELL_FORMED),
                refused("a character reference in a name", "<&#97;/>", NOT_WELL_FORMED),
                refused("&#X41; with an upper-case X", "<a>&#X41;</a>", NOT_WELL_FORMED),
                refused("&#65 without ;", "<a>&#65</a>", NOT_WELL_FORMED),
                // not-well-formed rather than restricted-xml: these are no entity references at all
                refused("a lone & in text", "<a>a & b</a>", NOT_WELL_FORMED),
                refused("&amp without ;", "<a b='&amp'/>", NOT_WELL_FORMED),
                refused("a reference beyond U+10FFFF", "<a>&#x110000;</a>", NOT_WELL_FORMED),
                refused("a reference to a surrogate", "<a b='&#xD800;'/>", NOT_WELL_FORMED),
                refused("an unquoted attribute value", "<a b=1/>", NOT_WELL_FORMED),
                refused("attributes without whitespace between them", "<a b='1'c='2'/>", NOT_WELL_FORMED));
    }

    /** Each fixed case, fed whole, byte by byte and split in two at every byte of its stanzas. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedCases")
    void fixedCasesGetTheVerdictTheSpecificationsGive(String description, String stanzas,
            StreamErrorCondition expected) {
        byte[] input = (HEADER + stanzas + CLOSE).getBytes(UTF_8);
        Reading reference = Reference.read(input);
        StreamErrorCondition verdict = !reference.accepted() ? NOT_WELL_FORMED : reference.forbidden();
        assertThat(verdict).as("the reference parser's verdict (%s, %s)", reference.error(),
                reference.forbiddenWhat()).isEqualTo(expected);

        int stanzasFrom = HEADER.getBytes(UTF_8).length;
        List<Plan> plans = new ArrayList<>(List.of(Plan.whole(input.length), Plan.byteByByte(input.length)));
        for (int split = stanzasFrom; split <= input.length - CLOSE.length(); split++) {
            plans.add(new Plan("split at byte " + split, new int[] {split, input.length - split}, false));
        }
        for (Plan plan : plans) {
            Run run = decode(input, plan);
            assertThat(disagreement(run, reference)).as("%s%n%s%ndecoder: %s%nreference: %s", plan, show(input),
                    describe(run), describe(reference)).isNull();
            if (expected != null) {
                assertThat(run.error()).as("%s: %s", plan, describe(run)).isNotNull();
                assertThat(run.error().condition()).as("%s: %s", plan, run.error().getMessage()).isEqualTo(expected);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The decoder
    // ------------------------------------------------------------------------------------------------------------

    /** What the decoder gave: the events, and the error that stopped it (null if none). */
    record Run(List<StreamEvent> events, StreamErrorException error) {
        boolean closed() {
            return !events.isEmpty() && events.get(events.size() - 1) instanceof StreamEvent.Closed;
        }
    }

    /** How an input is cut into chunks, and whether they go through {@code feed} or {@code offer/next}. */
    record Plan(String name, int[] sizes, boolean feed) {

        static Plan whole(int length) {
            return new Plan("whole", new int[] {length}, false);
        }

        static Plan byteByByte(int length) {
            int[] sizes = new int[length];
            Arrays.fill(sizes, 1);
            return new Plan("byte by byte", sizes, false);
        }

        static Plan random(SplittableRandom random, int length, int maxChunk, boolean feed) {
            List<Integer> sizes = new ArrayList<>();
            for (int left = length; left > 0; ) {
                int size = Math.min(left, 1 + random.nextInt(maxChunk));
                sizes.add(size);
                left -= size;
            }
            return new Plan("random chunks of 1-" + maxChunk + " bytes " + sizes + (feed ? " through feed()" : ""),
                    sizes.stream().mapToInt(Integer::intValue).toArray(), feed);
        }

        static List<Plan> forValid(SplittableRandom random, int length) {
            List<Plan> plans = new ArrayList<>(List.of(whole(length), new Plan("whole through feed()",
                    new int[] {length}, true), random(random, length, 1 + random.nextInt(16), false),
                    random(random, length, 1 + random.nextInt(600), true)));
            if (length <= 4096) {
                plans.add(byteByByte(length));
            }
            return plans;
        }

        static List<Plan> forMutated(SplittableRandom random, int length) {
            List<Plan> plans = new ArrayList<>(List.of(whole(length), random(random, length, 24, false)));
            if (length <= 1500) {
                plans.add(byteByByte(length));
            }
            return plans;
        }

        boolean whole() {
            return sizes.length == 1;
        }

        @Override
        public String toString() {
            return name.length() <= 200 ? name : name.substring(0, 200) + "…]";
        }
    }

    /** Feeds the input chunk by chunk, each in a fresh array that is scribbled over once drained. */
    static Run decode(byte[] input, Plan plan) {
        XmppStreamDecoder decoder = new XmppStreamDecoder(LIMITS);
        List<StreamEvent> events = new ArrayList<>();
        int at = 0;
        try {
            for (int size : plan.sizes()) {
                byte[] chunk = Arrays.copyOfRange(input, at, at + size);
                at += size;
                if (plan.feed()) {
                    events.addAll(decoder.feed(ByteBuffer.wrap(chunk)));
                } else {
                    decoder.offer(ByteBuffer.wrap(chunk));
                    while (decoder.hasNext()) {
                        events.add(decoder.next());
                    }
                }
                Arrays.fill(chunk, (byte) '!');
            }
        } catch (StreamErrorException e) {
            return new Run(events, e);
        }
        return new Run(events, null);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The reference parser
    // ------------------------------------------------------------------------------------------------------------

    /**
     * How the reference parser read an input, in the decoder's terms.
     *
     * @param events        the events it completed (all of them if it accepted the input)
     * @param error         why it refused the input, or null if it accepted it
     * @param forbidden     the condition of the first construct it accepted that XMPP forbids, or null
     * @param forbiddenWhat that construct in words, or null
     * @param eventsBefore  how many events it had completed when it met that construct
     */
    record Reading(List<StreamEvent> events, String error, StreamErrorCondition forbidden, String forbiddenWhat,
            int eventsBefore) {

        boolean accepted() {
            return error == null;
        }
    }

    static final class Reference {

        private static final ThreadLocal<XMLReader> READER = ThreadLocal.withInitial(Reference::newReader);
        private static final Map<String, Boolean> JDK_ACCEPTS = new ConcurrentHashMap<>();

        private Reference() {
        }

        private static XMLReader newReader() {
            try {
                // the JDK's own parser: Aalto and Woodstox are on the class path and would otherwise be found
                SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return factory.newSAXParser().getXMLReader();
            } catch (Exception e) {
                throw new IllegalStateException("no JDK SAX parser", e);
            }
        }

        /**
         * Reads {@code input} as one document. Strict UTF-8 is checked first: the parser then reads the characters
         * before the first bad byte, so that it completes every element before it. Names follow the XML 1.0 5th
         * edition, through {@link NameSwap}.
         */
        static Reading read(byte[] input) {
            CharsetDecoder utf8 = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer bytes = ByteBuffer.wrap(input);
            CharBuffer chars = CharBuffer.allocate(input.length);
            CoderResult result = utf8.decode(bytes, chars, true);
            if (!result.isError()) {
                result = utf8.flush(chars);
            }
            String badUtf8 = result.isError() ? "invalid UTF-8 at byte " + bytes.position() : null;
            String text = chars.flip().toString();
            NameSwap swap = NameSwap.of(text);
            Handler handler = new Handler(swap);
            XMLReader reader = READER.get();
            try {
                reader.setContentHandler(handler);
                reader.setErrorHandler(handler);
                reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
                reader.parse(new InputSource(new StringReader(swap.forward(text))));
            } catch (SAXException e) {
                return handler.reading(badUtf8 != null ? badUtf8 : e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return handler.reading(badUtf8);
        }

        static boolean jdkNameStart(int c) {
            return JDK_ACCEPTS.computeIfAbsent("<" + Character.toString(c) + "/>", Reference::jdkAccepts);
        }

        static boolean jdkNameChar(int c) {
            return JDK_ACCEPTS.computeIfAbsent("<a" + Character.toString(c) + "/>", Reference::jdkAccepts);
        }

        private static boolean jdkAccepts(String document) {
            XMLReader reader = READER.get();
            Handler handler = new Handler(NameSwap.NONE);
            try {
                reader.setContentHandler(handler);
                reader.setErrorHandler(handler);
                reader.parse(new InputSource(new StringReader(document)));
                return true;
            } catch (SAXException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Builds the decoder's events from SAX callbacks, and notes what XMPP forbids. */
    private static final class Handler extends DefaultHandler2 {

        private static final class Frame {
            final String namespace;
            final String localName;
            final List<XmlAttribute> attributes;
            final List<XmlNode> nodes = new ArrayList<>();
            final StringBuilder text = new StringBuilder();

            Frame(String namespace, String localName, List<XmlAttribute> attributes) {
                this.namespace = namespace;
                this.localName = localName;
                this.attributes = attributes;
            }
        }

        private final NameSwap swap;
        private final List<StreamEvent> events = new ArrayList<>();
        private final List<Frame> frames = new ArrayList<>();   // open elements below the root
        private Map<String, String> declared = new LinkedHashMap<>();
        private int depth;                                      // open elements, the root included
        private StreamErrorCondition forbidden;
        private String forbiddenWhat;
        private int eventsBefore;

        Handler(NameSwap swap) {
            this.swap = swap;
        }

        Reading reading(String error) {
            return new Reading(List.copyOf(events), error, forbidden, forbiddenWhat, eventsBefore);
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            declared.put(swap.back(prefix), swap.back(uri));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            requireQName(localName, qName);
            int longestName = swap.back(qName).length();
            List<XmlAttribute> attributes = new ArrayList<>(atts.getLength());
            for (int i = 0; i < atts.getLength(); i++) {
                requireQName(atts.getLocalName(i), atts.getQName(i));
                longestName = Math.max(longestName, swap.back(atts.getQName(i)).length());
                attributes.add(new XmlAttribute(swap.back(atts.getURI(i)), swap.back(atts.getLocalName(i)),
                        swap.back(atts.getValue(i))));
            }
            if (depth > LIMITS.maxDepth()) {
                forbid(StreamErrorCondition.POLICY_VIOLATION, "nesting deeper than the limit");
            }
            if (atts.getLength() + declared.size() > LIMITS.maxAttributes()) {
                forbid(StreamErrorCondition.POLICY_VIOLATION, "more attributes than the limit");
            }
            if (longestName > LIMITS.maxNameLength()) {
                forbid(StreamErrorCondition.POLICY_VIOLATION, "a name longer than the limit");
            }
            String namespace = swap.back(uri);
            String name = swap.back(localName);
            if (depth == 0) {
                events.add(new StreamEvent.Opened(new XmlElement(namespace, name, attributes, List.of()), declared));
            } else {
                if (!frames.isEmpty()) {
                    flushText(frames.get(frames.size() - 1));
                }
                frames.add(new Frame(namespace, name, attributes));
            }
            declared = new LinkedHashMap<>();
            depth++;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (--depth == 0) {
                events.add(new StreamEvent.Closed());
                return;
            }
            Frame frame = frames.remove(frames.size() - 1);
            flushText(frame);
            XmlElement element = new XmlElement(frame.namespace, frame.localName, frame.attributes, frame.nodes);
            if (frames.isEmpty()) {
                events.add(new StreamEvent.Element(element));
            } else {
                frames.get(frames.size() - 1).nodes.add(element);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (depth >= 2) {
                frames.get(frames.size() - 1).text.append(ch, start, length);
                return;
            }
            for (int i = start; i < start + length; i++) {
                if (ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\n' && ch[i] != '\r') {
                    forbid(NOT_WELL_FORMED, "text directly under the stream root");
                    return;
                }
            }
        }

        @Override
        public void processingInstruction(String target, String data) {
            forbid(RESTRICTED_XML, "a processing instruction");
        }

        @Override
        public void comment(char[] ch, int start, int length) {
            forbid(RESTRICTED_XML, "a comment");
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        private void flushText(Frame frame) {
            if (!frame.text.isEmpty()) {
                frame.nodes.add(new XmlText(swap.back(frame.text.toString())));
                frame.text.setLength(0);
            }
        }

        private void forbid(StreamErrorCondition condition, String what) {
            if (forbidden == null) {
                forbidden = condition;
                forbiddenWhat = what;
                eventsBefore = events.size();
            }
        }

        // The JDK parser takes ":a" as a local name; Namespaces in XML 1.0 §3 wants a QName.
        private static void requireQName(String localName, String qName) throws SAXException {
            if (localName.isEmpty() || localName.indexOf(':') >= 0) {
                throw new SAXException("'" + qName + "' is not a QName");
            }
        }
    }

    /**
     * Replaces the name characters the XML 1.0 5th edition allows and the JDK parser does not by stand-ins it
     * does allow in the same place (CJK ideographs for name start characters, combining marks for the others),
     * and back. A stand-in is never a character of the input, nor one a character reference in it names, so the
     * swap back is exact.
     */
    static final class NameSwap {

        static final NameSwap NONE = new NameSwap(Map.of(), Map.of());
        private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,9}));");

        private final Map<Integer, Integer> forward;
        private final Map<Integer, Integer> back;

        private NameSwap(Map<Integer, Integer> forward, Map<Integer, Integer> back) {
            this.forward = forward;
            this.back = back;
        }

        static NameSwap of(String text) {
            Set<Integer> taken = new HashSet<>();
            text.codePoints().forEach(taken::add);
            Matcher reference = CHARACTER_REFERENCE.matcher(text);
            while (reference.find()) {
                taken.add(reference.group(1) != null ? Integer.parseInt(reference.group(1), 16)
                        : Integer.parseInt(reference.group(2)));
            }
            Map<Integer, Integer> forward = new HashMap<>();
            Map<Integer, Integer> back = new HashMap<>();
            int nextStart = 0x4E00;     // CJK ideographs: name start characters in every edition
            int nextOther = 0x0300;     // combining marks up to U+0345: name characters in every edition
            for (int c : text.codePoints().filter(c -> c >= 0x80).distinct().toArray()) {
                int standIn;
                if (isNameStart(c) && !Reference.jdkNameStart(c)) {
                    while (taken.contains(nextStart)) {
                        nextStart++;
                    }
                    standIn = nextStart++;
                } else if (!isNameStart(c) && isNameChar(c) && !Reference.jdkNameChar(c)) {
                    while (taken.contains(nextOther)) {
                        nextOther++;
                    }
                    standIn = nextOther++;
                    if (standIn > 0x0345) {
                        throw new IllegalStateException("out of stand-ins for name characters");
                    }
                } else {
                    continue;
                }
                forward.put(c, standIn);
                back.put(standIn, c);
            }
            return new NameSwap(forward, back);
        }

        String forward(String text) {
            return swap(text, forward);
        }

        String back(String text) {
            return swap(text, back);
        }

        private static String swap(String text, Map<Integer, Integer> map) {
            if (map.isEmpty() || text == null) {
                return text;
            }
            StringBuilder swapped = new StringBuilder(text.length());
            text.codePoints().forEach(c -> swapped.appendCodePoint(map.getOrDefault(c, c)));
            return swapped.toString();
        }
    }

    // XML 1.0 5th edition, productions [4] and [4a].
    static boolean isNameStart(int c) {
        return c == ':' || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6)
                || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D)
                || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F)
                || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF)
                || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
    }

    static boolean isNameChar(int c) {
        return isNameStart(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7
                || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The generator
    // ------------------------------------------------------------------------------------------------------------

    /**
     * A generated stream and how it must be read.
     *
     * @param stanzasFrom the byte offset just past the stream header
     * @param stanzasTo   the byte offset of {@code </stream:stream>}
     */
    record Generated(byte[] bytes, int stanzasFrom, int stanzasTo, List<StreamEvent> expected) {
    }

    /** One byte-level change inside the stanzas of a generated stream. */
    record Mutation(String description, byte[] bytes) {

        static final byte[] INSERTS = "<>&'\"/=;]!? ".getBytes(UTF_8);

        static Mutation random(SplittableRandom random, Generated stream) {
            byte[] in = stream.bytes();
            int from = stream.stanzasFrom();
            int to = stream.stanzasTo();
            while (true) {
                int kind = random.nextInt(4);
                int at = from + random.nextInt(to - from + (kind == 2 ? 1 : 0));
                switch (kind) {
                    case 0 -> {
                        return new Mutation(String.format("byte 0x%02X deleted at %d", in[at], at),
                                splice(in, at, 1, new byte[0]));
                    }
                    case 1 -> {
                        return new Mutation(String.format("byte 0x%02X duplicated at %d", in[at], at),
                                splice(in, at, 0, new byte[] {in[at]}));
                    }
                    case 2 -> {
                        byte b = random.nextInt(3) == 0 ? (byte) random.nextInt(256)
                                : INSERTS[random.nextInt(INSERTS.length)];
                        return new Mutation(String.format("byte 0x%02X inserted at %d", b, at),
                                splice(in, at, 0, new byte[] {b}));
                    }
                    default -> {
                        if (at + 1 < to && in[at] != in[at + 1]) {
                            return new Mutation(String.format("bytes 0x%02X 0x%02X swapped at %d", in[at], in[at + 1],
                                    at), splice(in, at, 2, new byte[] {in[at + 1], in[at]}));
                        }
                    }
                }
            }
        }

        static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
            byte[] out = new byte[in.length - remove + insert.length];
            System.arraycopy(in, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
            return out;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * Writes random XMPP-like streams, and builds the events they must give as it goes. Every character is written
     * in one of the forms XML allows for it: raw, as a predefined entity, as a decimal or hexadecimal reference, in
     * CDATA, or (for line ends and attribute whitespace) in a form that the parser normalises.
     */
    static final class Generator {

        // the last four name start characters and the last name character only since the XML 1.0 5th edition
        static final String[] NAME_START = {"a", "b", "c", "m", "x", "Q", "Z", "_", "\u00e9", "\u00f1", "\u00df",
            "\u03a9", "\u0416", "\u4e2d", "\u6587", "\uac00", "\uD800\uDC00", "\u2C00", "\u3400", "\uD83D\uDE00"};
        static final String[] NAME_OTHER = {"0", "7", "-", ".", "_", "\u00b7", "\u0300", "\u0660", "\u203F"};
        static final String[] URIS = {"urn:a", "urn:b:c", "urn:xmpp:ping", "jabber:client", "jabber:iq:roster",
            STREAM_NS, "http://example.com/ns?a=1&b=2", "urn:\u00e9\u4e2d", "urn:\uD83D\uDE00",
            "urn:x'\"<>&", "urn: spaced out ", "urn:tab\there", "urn:line\r\nend", "]]>"};
        // one character, so that one mutation can make xmlns:p=''
        static final String[] SHORT_URIS = {"u", "v"};
        static final String[] TEXT = {"hello", "Art thou not Romeo", "x y", "42", " ", "  ", "\n", "\t", "\r",
            "\r\n", "\u00e9", "\u00f1", "\u4e2d\u6587", "\uD83D\uDE00", "\uDBFF\uDFFF", "\uFFFD", "\u0085",
            "\u2028", "\u00a0", "<", ">", "&", "'", "\"", "]", "]]", "]]>", "</body>", "<![CDATA[", "&amp;",
            "?>", "-->"};
        static final String[] VALUE = {"en", "1.0", "example.com", "juliet@example.com/balcony", "x y", "42", " ",
            "\t", "\n", "\r", "\r\n", "\u00e9", "\u4e2d", "\uD83D\uDE00", "\uDBFF\uDFFF", "<", ">", "&", "'", "\"",
            "]]>", "=", "/>"};
        static final String[] KEEPALIVES = {"", "", " ", "\n", "\r\n", "\t", "\n  ", "\r"};
        static final String[] SPACES = {" ", " ", " ", "  ", "\t", "\n", "\r\n", " \r\n\t"};

        private final SplittableRandom random;
        private final int maxDepth;
        private final int maxTopLevel;

        Generator(SplittableRandom random, int maxDepth, int maxTopLevel) {
            this.random = random;
            this.maxDepth = maxDepth;
            this.maxTopLevel = maxTopLevel;
        }

        Generated generate(int minTopLevel) {
            StringBuilder head = new StringBuilder();
            head.append(pick("", "<?xml version='1.0'?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    "<?xml version='1.0' encoding='utf-8'?>\n"));
            String streamPrefix = pick("stream", "stream", "stream", "s");
            Map<String, String> scope = new HashMap<>();
            List<Item> items = new ArrayList<>();
            items.add(Item.declaration("", pick("jabber:client", "jabber:server")));
            items.add(Item.declaration(streamPrefix, STREAM_NS));
            if (random.nextInt(3) == 0) {
                items.add(Item.declaration("db", "jabber:server:dialback"));
                if (random.nextBoolean()) {
                    items.add(Item.attribute("db", "jabber:server:dialback", "x", pickValue()));
                }
            }
            for (String name : List.of("to", "from", "id", "version")) {
                if (random.nextInt(4) != 0) {
                    items.add(Item.attribute("", "", name, name.equals("version") ? "1.0" : pickValue()));
                }
            }
            if (random.nextBoolean()) {
                items.add(Item.attribute("xml", XML_NS, "lang", pick("en", "cs", "")));
            }
            shuffle(items);
            Map<String, String> namespaces = new HashMap<>();
            for (Item item : items) {
                if (item.declaration()) {
                    scope.put(item.prefix(), item.value());
                    namespaces.put(item.prefix(), item.value());
                }
            }
            String qName = streamPrefix + ":stream";
            head.append('<').append(qName);
            writeItems(head, items);
            head.append(maybeSpace()).append('>');
            List<StreamEvent> expected = new ArrayList<>();
            expected.add(new StreamEvent.Opened(new XmlElement(STREAM_NS, "stream", attributesOf(items), List.of()),
                    namespaces));

            StringBuilder stanzas = new StringBuilder();
            int count = minTopLevel + random.nextInt(maxTopLevel - minTopLevel + 1);
            for (int i = 0; i < count; i++) {
                stanzas.append(pick(KEEPALIVES));
                expected.add(new StreamEvent.Element(element(stanzas, scope, 1)));
            }
            stanzas.append(pick(KEEPALIVES));
            expected.add(new StreamEvent.Closed());
            String tail = "</" + qName + maybeSpace() + ">";

            int stanzasFrom = head.toString().getBytes(UTF_8).length;
            int stanzasTo = stanzasFrom + stanzas.toString().getBytes(UTF_8).length;
            byte[] bytes = (head.toString() + stanzas + tail).getBytes(UTF_8);
            return new Generated(bytes, stanzasFrom, stanzasTo, expected);
        }

        /** A namespace declaration ({@code localName} null) or an attribute, with its decoded value. */
        record Item(String prefix, String namespace, String localName, String value) {

            static Item declaration(String prefix, String uri) {
                return new Item(prefix, null, null, uri);
            }

            static Item attribute(String prefix, String namespace, String localName, String value) {
                return new Item(prefix, namespace, localName, value);
            }

            boolean declaration() {
                return localName == null;
            }

            String qName() {
                if (declaration()) {
                    return prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
                }
                return prefix.isEmpty() ? localName : prefix + ":" + localName;
            }
        }

        private XmlElement element(StringBuilder out, Map<String, String> parentScope, int depth) {
            Map<String, String> scope = new HashMap<>(parentScope);
            List<Item> items = new ArrayList<>();
            Set<String> declared = new HashSet<>();
            int declarations = random.nextInt(8) < 5 ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < declarations; i++) {
                int kind = random.nextInt(10);
                if (kind < 3) {
                    if (declared.add("")) {
                        String uri = random.nextInt(4) == 0 ? "" : uri();
                        items.add(Item.declaration("", uri));
                        scope.put("", uri);
                    }
                } else if (kind == 3) {
                    if (declared.add("xml")) {
                        items.add(Item.declaration("xml", XML_NS));
                    }
                } else {
                    List<String> bound = prefixes(scope);
                    String prefix = random.nextBoolean() && !bound.isEmpty() ? bound.get(random.nextInt(bound.size()))
                            : name();
                    if (declared.add(prefix)) {
                        String uri = uri();
                        items.add(Item.declaration(prefix, uri));
                        scope.put(prefix, uri);
                    }
                }
            }
            List<String> bound = prefixes(scope);
            String prefix = random.nextInt(3) == 0 && !bound.isEmpty() ? bound.get(random.nextInt(bound.size())) : "";
            String localName = name();
            String namespace = prefix.isEmpty() ? scope.getOrDefault("", "") : scope.get(prefix);

            Set<String> expandedNames = new HashSet<>();
            int attributes = random.nextInt(4) == 0 ? 0 : random.nextInt(5);
            for (int i = 0; i < attributes; i++) {
                int kind = random.nextInt(10);
                String attributePrefix;
                String attributeName;
                if (kind == 0) {
                    attributePrefix = "xml";
                    attributeName = "lang";
                } else if (kind < 4 && !bound.isEmpty()) {
                    attributePrefix = bound.get(random.nextInt(bound.size()));
                    attributeName = name();
                } else if (kind == 4) {
                    attributePrefix = "xml";
                    attributeName = name();
                } else {
                    attributePrefix = "";
                    attributeName = name();
                }
                String attributeNamespace = attributePrefix.isEmpty() ? ""
                        : attributePrefix.equals("xml") ? XML_NS : scope.get(attributePrefix);
                if (expandedNames.add(attributeNamespace + "}" + attributeName)) {
                    items.add(Item.attribute(attributePrefix, attributeNamespace, attributeName, pickValue()));
                }
            }
            shuffle(items);

            String qName = prefix.isEmpty() ? localName : prefix + ":" + localName;
            out.append('<').append(qName);
            writeItems(out, items);
            out.append(maybeSpace());
            List<XmlNode> nodes = new ArrayList<>();
            int content = random.nextInt(4) == 0 ? 0 : random.nextInt(depth >= maxDepth ? 3 : 5);
            if (content == 0 && random.nextBoolean()) {
                out.append("/>");
            } else {
                out.append('>');
                for (int i = 0; i < content; i++) {
                    if (depth < maxDepth && random.nextInt(5) < 2) {
                        nodes.add(element(out, scope, depth + 1));
                    } else if (random.nextInt(10) == 0) {
                        out.append("<![CDATA[]]>");   // adds no text node
                    } else {
                        String text = text();
                        writeText(out, text);
                        addText(nodes, text);
                    }
                }
                out.append("</").append(qName).append(maybeSpace()).append('>');
            }
            return new XmlElement(namespace, localName, attributesOf(items), nodes);
        }

        private static List<String> prefixes(Map<String, String> scope) {
            return scope.keySet().stream().filter(p -> !p.isEmpty()).sorted().toList();
        }

        private static List<XmlAttribute> attributesOf(List<Item> items) {
            return items.stream().filter(item -> !item.declaration())
                    .map(item -> new XmlAttribute(item.namespace(), item.localName(), item.value())).toList();
        }

        private static void addText(List<XmlNode> nodes, String text) {
            if (text.isEmpty()) {
                return;
            }
            int last = nodes.size() - 1;
            if (last >= 0 && nodes.get(last) instanceof XmlText previous) {
                nodes.set(last, new XmlText(previous.value() + text));
            } else {
                nodes.add(new XmlText(text));
            }
        }

        private void writeItems(StringBuilder out, List<Item> items) {
            for (Item item : items) {
                out.append(pick(SPACES)).append(item.qName()).append(maybeSpace()).append('=').append(maybeSpace());
                writeValue(out, item.value(), random.nextBoolean() ? '\'' : '"');
            }
        }

        /** Writes an attribute value that the parser normalises back to {@code value}. */
        private void writeValue(StringBuilder out, String value, char quote) {
            out.append(quote);
            value.codePoints().forEach(c -> {
                switch (c) {
                    case '<' -> emit(out, "&lt;", "&#60;", "&#x3c;");
                    case '&' -> emit(out, "&amp;", "&#38;", "&#x26;");
                    case '>' -> emit(out, ">", "&gt;", "&#62;");
                    case '\'', '"' -> {
                        String entity = c == '\'' ? "&apos;" : "&quot;";
                        if (c == quote) {
                            emit(out, entity, "&#" + c + ";");
                        } else {
                            emit(out, Character.toString(c), entity);
                        }
                    }
                    case '\t' -> emit(out, "&#9;", "&#x9;");
                    case '\n' -> emit(out, "&#10;", "&#xA;");
                    case '\r' -> emit(out, "&#13;", "&#xd;");
                    // raw tab, LF, CR and CR LF each become one space
                    case ' ' -> emit(out, " ", " ", "\t", "\n", "\r", "\r\n", "&#32;", "&#x20;");
                    default -> writeCharacter(out, c);
                }
            });
            out.append(quote);
        }

        /** Writes text that the parser reads back as {@code text}: per character, or as one CDATA section. */
        private void writeText(StringBuilder out, String text) {
            if (!text.isEmpty() && random.nextInt(6) == 0 && !text.contains("\r") && !text.contains("]]>")) {
                out.append("<![CDATA[");
                text.codePoints().forEach(c -> out.append(c == '\n' ? pick("\n", "\r\n") : Character.toString(c)));
                out.append("]]>");
                return;
            }
            if (random.nextInt(12) == 0) {
                out.append("<![CDATA[]]>");
            }
            text.codePoints().forEach(c -> {
                switch (c) {
                    case '<' -> emit(out, "&lt;", "&#60;", "&#x3C;");
                    case '&' -> emit(out, "&amp;", "&#38;", "&#x26;");
                    case '>' -> emit(out, ">", ">", "&gt;", "&#62;");
                    case '\'' -> emit(out, "'", "'", "&apos;", "&#39;");
                    case '"' -> emit(out, "\"", "\"", "&quot;", "&#x22;");
                    case '\n' -> emit(out, "\n", "\n", "\r\n", "\r", "&#10;", "&#xa;");
                    case '\r' -> emit(out, "&#13;", "&#xD;");
                    default -> writeCharacter(out, c);
                }
            });
        }

        private void writeCharacter(StringBuilder out, int c) {
            String hex = Integer.toHexString(c);
            emit(out, Character.toString(c), Character.toString(c), Character.toString(c), "&#" + c + ";",
                    "&#x" + (random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT)) + ";");
        }

        /**
         * Appends one of the forms, at random. The last form is always a reference, used where a raw form would
         * change the meaning: LF right after a lone CR (they would become one line end), {@code >} after
         * {@code ]]}.
         */
        private void emit(StringBuilder out, String... forms) {
            String form = forms[random.nextInt(forms.length)];
            int length = out.length();
            if ((form.startsWith("\n") && length > 0 && out.charAt(length - 1) == '\r')
                    || (form.startsWith(">") && length > 1 && out.charAt(length - 1) == ']'
                            && out.charAt(length - 2) == ']')) {
                form = forms[forms.length - 1];
            }
            out.append(form);
        }

        private String name() {
            while (true) {
                StringBuilder name = new StringBuilder(pick(NAME_START));
                for (int i = random.nextInt(6); i > 0; i--) {
                    name.append(random.nextBoolean() ? pick(NAME_START) : pick(NAME_OTHER));
                }
                if (!name.toString().toLowerCase(Locale.ROOT).startsWith("xml")) {
                    return name.toString();
                }
            }
        }

        private String uri() {
            return random.nextInt(4) == 0 ? pick(SHORT_URIS) : pick(URIS);
        }

        private String text() {
            StringBuilder text = new StringBuilder();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                text.append(pick(TEXT));
            }
            return text.toString();
        }

        private String pickValue() {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(4); i > 0; i--) {
                value.append(pick(VALUE));
            }
            return value.toString();
        }

        private String maybeSpace() {
            return random.nextInt(4) == 0 ? pick(SPACES) : "";
        }

        private String pick(String... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private <T> void shuffle(List<T> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                T swap = list.get(i);
                list.set(i, list.get(j));
                list.set(j, swap);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Messages
    // ------------------------------------------------------------------------------------------------------------

    /** The input as a Java string literal: non-ASCII as backslash-u escapes, bytes that are not UTF-8 as \xNN. */
    static String show(byte[] input) {
        StringBuilder shown = new StringBuilder("\"");
        CharsetDecoder utf8 = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        for (int i = 0; i < input.length; ) {
            int b = input[i] & 0xFF;
            int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            String character = null;
            if (i + length <= input.length) {
                try {
                    character = utf8.decode(ByteBuffer.wrap(input, i, length)).toString();
                } catch (CharacterCodingException e) {
                    character = null;
                }
            }
            if (character == null) {
                shown.append(String.format("\\x%02X", b));
                i++;
                continue;
            }
            for (char c : character.toCharArray()) {
                switch (c) {
                    case '\n' -> shown.append("\\n");
                    case '\r' -> shown.append("\\r");
                    case '\t' -> shown.append("\\t");
                    case '"' -> shown.append("\\\"");
                    case '\\' -> shown.append("\\\\");
                    default -> shown.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X",
                            (int) c));
                }
            }
            i += length;
        }
        return shown.append('"').toString();
    }

    static String describe(Run run) {
        return (run.error() == null ? "no error" : run.error().getMessage().replace('\n', ' ')) + " after "
                + describe(run.events());
    }

    static String describe(Reading reading) {
        return (reading.accepted() ? "accepted" : "refused: " + reading.error())
                + (reading.forbiddenWhat() == null ? "" : ", with " + reading.forbiddenWhat() + " after event "
                        + reading.eventsBefore()) + ", " + describe(reading.events());
    }

    static String describe(List<StreamEvent> events) {
        List<String> described = new ArrayList<>();
        for (StreamEvent event : events) {
            String text;
            try {
                text = event.toString();
            } catch (RuntimeException e) {
                text = event.getClass().getSimpleName() + "(unprintable: " + e.getMessage() + ")";
            }
            described.add(text);
        }
        String all = described.toString();
        return all.length() <= 3000 ? all : all.substring(0, 3000) + "…";
    }
}
