package org.xmppreactive.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

/**
 * Hostile peers against {@link XmppStreamDecoder}: strict UTF-8 and XML 1.0 characters, RFC 6120 §11 restricted
 * XML, not-well-formed and not-namespace-well-formed input, {@link DecoderLimits}, and stanza smuggling
 * (CVE-2022-22784 / CVE-2022-25235 style parser differentials).
 *
 * <p>Every case is fed whole and byte by byte (some also in 8 KiB or seeded random chunks) through
 * {@link XmppStreamDecoder#feed}; cases about what is delivered before an error use {@code offer/hasNext/next}.
 * Every rejection must carry the expected condition, a message that says what was wrong, and leave the decoder
 * failed: every further call rethrows the same exception.
 */
class HostileInputTest {

    static final String DECLARATION = "<?xml version='1.0'?>";
    static final String HEADER_TAG = "<stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
    static final String HEADER = DECLARATION + HEADER_TAG;

    static final DecoderLimits DEFAULTS = DecoderLimits.defaults();
    /** Small limits the standard header above still fits: it has exactly 4 attributes and namespace declarations. */
    static final DecoderLimits SMALL = DEFAULTS.withMaxElementBytes(1024).withMaxDepth(5).withMaxAttributes(4)
            .withMaxNameLength(16);
    /** The most bytes the decoder takes from a chunk at once (XmppStreamDecoder.MAX_SLICE). */
    static final int SLICE = 16 * 1024;
    static final int KIB_8 = 8 * 1024;

    static final StreamErrorCondition NOT_WELL_FORMED = StreamErrorCondition.NOT_WELL_FORMED;
    static final StreamErrorCondition RESTRICTED_XML = StreamErrorCondition.RESTRICTED_XML;
    static final StreamErrorCondition POLICY_VIOLATION = StreamErrorCondition.POLICY_VIOLATION;

    enum Feeding {
        WHOLE(Integer.MAX_VALUE), BYTE_BY_BYTE(1), CHUNKS_OF_8_KIB(KIB_8);

        final int chunkSize;

        Feeding(int chunkSize) {
            this.chunkSize = chunkSize;
        }
    }

    static final Feeding[] WHOLE_AND_BYTE_BY_BYTE = {Feeding.WHOLE, Feeding.BYTE_BY_BYTE};

    // ------------------------------------------------------------------------------------------------------------
    // Invalid UTF-8
    // ------------------------------------------------------------------------------------------------------------

    /** A named run of bad bytes. */
    record Bad(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bad> invalidUtf8() {
        return List.of(
                new Bad("overlong C0 AF ('/')", hex("C0 AF")),
                new Bad("overlong C0 BC ('<')", hex("C0 BC")),
                new Bad("overlong C1 BF (U+007F)", hex("C1 BF")),
                new Bad("overlong E0 80 BC ('<')", hex("E0 80 BC")),
                new Bad("overlong E0 9F BF (U+07FF)", hex("E0 9F BF")),
                new Bad("overlong F0 80 80 BC ('<')", hex("F0 80 80 BC")),
                new Bad("overlong F0 8F BF BF (U+FFFF)", hex("F0 8F BF BF")),
                new Bad("surrogate ED A0 80 (U+D800)", hex("ED A0 80")),
                new Bad("surrogate ED BF BF (U+DFFF)", hex("ED BF BF")),
                new Bad("above U+10FFFF F4 90 80 80", hex("F4 90 80 80")),
                new Bad("lead F5", hex("F5 80 80 80")),
                new Bad("lead F6", hex("F6 80 80 80")),
                new Bad("lead F7", hex("F7 BF BF BF")),
                new Bad("byte FE", hex("FE")),
                new Bad("byte FF", hex("FF")),
                new Bad("lone continuation 80", hex("80")),
                new Bad("lone continuation BF", hex("BF")),
                new Bad("truncated E2 82 then ASCII", hex("E2 82")),
                new Bad("truncated C3 then ASCII", hex("C3")),
                new Bad("truncated F0 9F 98 then ASCII", hex("F0 9F 98")));
    }

    /** Where bad bytes go, after the stream header; every placement is followed by a stanza marked 'after'. */
    record Placement(String name, String before, String after) {
        @Override
        public String toString() {
            return name;
        }

        byte[] around(byte[] bad) {
            return bytes(HEADER, before, bad, after, "<message id='after'/>");
        }
    }

    static final Placement IN_TEXT = new Placement("in text", "<message><body>x", "</body></message>");
    static final Placement IN_ATTRIBUTE = new Placement("in an attribute value", "<message id='x", "'/>");
    static final Placement IN_ELEMENT_NAME = new Placement("in an element name", "<message><x", "y/></message>");
    static final Placement IN_ATTRIBUTE_NAME = new Placement("in an attribute name", "<message a", "b='1'/>");
    static final Placement BETWEEN_ELEMENTS = new Placement("between top-level elements", "<message/>", "");
    static final List<Placement> PLACEMENTS =
            List.of(IN_TEXT, IN_ATTRIBUTE, IN_ELEMENT_NAME, IN_ATTRIBUTE_NAME, BETWEEN_ELEMENTS);

    static Stream<Arguments> invalidUtf8Cases() {
        return invalidUtf8().stream().flatMap(bad -> PLACEMENTS.stream().flatMap(p -> Arrays.stream(
                WHOLE_AND_BYTE_BY_BYTE).map(f -> arguments(bad + " " + p + ", " + f, p.around(bad.bytes()), f))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8Cases")
    void invalidUtf8IsNotWellFormed(String description, byte[] input, Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, input, feeding);

        assertRejected(outcome, NOT_WELL_FORMED);
        assertThat(outcome.elementIds()).doesNotContain("after");
    }

    static Stream<Arguments> validMultiByteCases() {
        return Stream.of(
                arguments("2-byte U+0080", "\u0080"),
                arguments("2-byte é", "\u00e9"),
                arguments("2-byte U+07FF", "\u07ff"),
                arguments("3-byte U+0800", "\u0800"),
                arguments("3-byte €", "\u20ac"),
                arguments("3-byte 中", "\u4e2d"),
                arguments("3-byte U+D7FF", "\ud7ff"),
                arguments("3-byte U+E000", "\ue000"),
                arguments("3-byte U+FFFD", "\ufffd"),
                arguments("4-byte U+10000", "\uD800\uDC00"),
                arguments("4-byte 😀 U+1F600", "\uD83D\uDE00"),
                arguments("4-byte U+10FFFF (F4 8F BF BF)", "\uDBFF\uDFFF"))
                .flatMap(a -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE).map(f -> arguments(a.get()[0] + ", " + f,
                        a.get()[1], f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validMultiByteCases")
    void validMultiByteCharactersPassInTextAndAttributes(String description, String character, Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message id='a", character, "b'><body>", character,
                character, "</body></message>"), feeding);

        XmlElement message = assertSingleElement(outcome);
        assertSoftly(softly -> {
            softly.assertThat(codePoints(bodyText(message))).as("text").isEqualTo(codePoints(character + character));
            softly.assertThat(codePoints(message.attribute("id").orElse(null))).as("attribute value")
                    .isEqualTo(codePoints("a" + character + "b"));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Feeding.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void nonAsciiElementAndAttributeNamesPass(Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message><\u00e9l\u00e9ment \u4e2d\u6587='1'/></message>"),
                feeding);

        XmlElement child = assertSingleElement(outcome).children().get(0);
        assertThat(child.localName()).isEqualTo("\u00e9l\u00e9ment");
        assertThat(child.attribute("\u4e2d\u6587")).contains("1");
    }

    /** Where a character goes in a stanza; the stanza is {@code before + character + after}. */
    record CharacterSite(String name, String before, String after, Function<XmlElement, String> read) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<CharacterSite> CHARACTER_SITES = List.of(
            new CharacterSite("text", "<message><body>a", "b</body></message>", HostileInputTest::bodyText),
            new CharacterSite("attribute value", "<message id='a", "b'/>", m -> m.attribute("id").orElse(null)),
            new CharacterSite("namespace declaration value", "<message xmlns:p='urn:a", "b' p:x='1'/>",
                    m -> m.attributes().get(0).namespace()),
            new CharacterSite("default namespace of a payload", "<message><x xmlns='urn:a", "b'/></message>",
                    m -> m.children().get(0).namespace()));

    static Stream<Arguments> splitFourByteCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String character : List.of("\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF")) {
            for (CharacterSite site : CHARACTER_SITES) {
                for (int split = 1; split <= 3; split++) {
                    cases.add(arguments(String.format("U+%04X in %s, split after byte %d of 4",
                            character.codePointAt(0), site, split), character, site, split));
                }
            }
        }
        return cases.stream();
    }

    /**
     * A 4-byte character split between two chunks (a TCP segment boundary) must decode to itself wherever it is.
     * The expected value is "a" + character + "b" (or "urn:a" + character + "b" for namespaces).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("splitFourByteCases")
    void fourByteCharacterSplitBetweenTwoChunksDecodesIntact(String description, String character,
            CharacterSite site, int split) {
        byte[] head = bytes(HEADER, site.before());
        byte[] encoded = bytes(character);
        byte[] input = bytes(head, encoded, site.after());
        int at = head.length + split;

        XmppStreamDecoder decoder = new XmppStreamDecoder();
        List<StreamEvent> events = new ArrayList<>(decoder.feed(ByteBuffer.wrap(input, 0, at)));
        events.addAll(decoder.feed(ByteBuffer.wrap(input, at, input.length - at)));
        events.addAll(decoder.feed(buffer("<message id='next'/>")));

        assertThat(events).as("events after the third chunk").hasSize(3);
        String decoded = site.read().apply(((StreamEvent.Element) events.get(1)).element());
        assertThat(lastCodePoints(decoded, 2)).isEqualTo(codePoints(character + "b"));
        assertThat(((StreamEvent.Element) events.get(2)).element().attribute("id")).contains("next");
    }

    static Stream<Arguments> sliceBoundaryCases() {
        // every site with the character split 2 + 2 by the boundary; the attribute value at every offset
        return CHARACTER_SITES.stream().flatMap(site -> (site == CHARACTER_SITES.get(1) ? IntStream.rangeClosed(0, 4)
                : IntStream.of(2)).mapToObj(shift -> arguments(
                        site + ", U+1F600 starting " + shift + " bytes before the 16 KiB mark", site, shift)));
    }

    /**
     * The decoder takes at most 16 KiB from a chunk at a time, so one chunk fed whole is split internally too: a
     * 4-byte character across that internal boundary must still decode to itself. (A peer controls where the
     * boundary falls by padding.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sliceBoundaryCases")
    void fourByteCharacterAcrossTheDecodersSliceBoundaryDecodesIntact(String description, CharacterSite site,
            int shift) {
        String character = "\uD83D\uDE00";
        byte[] head = bytes(HEADER, site.before());
        // pad inside the same value so that the character starts `shift` bytes before offset 16384
        int pad = SLICE - shift - head.length;
        byte[] input = bytes(head, "x".repeat(pad), character, site.after());

        Outcome outcome = feed(DEFAULTS, input, Feeding.WHOLE);

        assertAccepted(outcome);
        String decoded = site.read().apply(outcome.elements().get(0));
        assertThat(lastCodePoints(decoded, 2)).isEqualTo(codePoints(character + "b"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Characters XML 1.0 forbids
    // ------------------------------------------------------------------------------------------------------------

    static List<Bad> forbiddenRawCharacters() {
        return List.of(
                new Bad("raw 0x00", hex("00")),
                new Bad("raw 0x01", hex("01")),
                new Bad("raw 0x08", hex("08")),
                new Bad("raw 0x0B", hex("0B")),
                new Bad("raw 0x0C", hex("0C")),
                new Bad("raw 0x1F", hex("1F")),
                new Bad("raw U+FFFE (EF BF BE)", hex("EF BF BE")),
                new Bad("raw U+FFFF (EF BF BF)", hex("EF BF BF")));
    }

    static Stream<Arguments> forbiddenRawCharacterCases() {
        return forbiddenRawCharacters().stream().flatMap(bad -> Stream.of(IN_TEXT, IN_ATTRIBUTE, BETWEEN_ELEMENTS)
                .flatMap(p -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE)
                        .map(f -> arguments(bad + " " + p + ", " + f, p.around(bad.bytes()), f))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbiddenRawCharacterCases")
    void rawCharactersXmlForbidsAreNotWellFormed(String description, byte[] input, Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, input, feeding);

        assertRejected(outcome, NOT_WELL_FORMED);
        assertThat(outcome.elementIds()).doesNotContain("after");
    }

    static final List<String> FORBIDDEN_REFERENCES = List.of("&#0;", "&#x0;", "&#1;", "&#xB;", "&#xFFFE;",
            "&#xFFFF;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#99999999999;");

    static Stream<Arguments> forbiddenReferenceCases() {
        return FORBIDDEN_REFERENCES.stream().flatMap(ref -> Stream.of(IN_TEXT, IN_ATTRIBUTE)
                .flatMap(p -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE)
                        .map(f -> arguments(ref + " " + p + ", " + f, p.around(bytes(ref)), f))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbiddenReferenceCases")
    void characterReferencesToForbiddenCharactersAreNotWellFormed(String description, byte[] input,
            Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, input, feeding);

        assertRejected(outcome, NOT_WELL_FORMED);
        assertThat(outcome.elementIds()).doesNotContain("after");
    }

    static Stream<Arguments> allowedReferenceCases() {
        return Stream.of(
                arguments("&#9;", "\t"),
                arguments("&#xA;", "\n"),
                arguments("&#xD;", "\r"),
                arguments("&#x10FFFF;", "\uDBFF\uDFFF"),
                arguments("&#x1F600;", "\uD83D\uDE00"),
                arguments("&#65;", "A"),
                arguments("&#x0000041;", "A"),
                arguments("&#1114111;", "\uDBFF\uDFFF"))
                .flatMap(a -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE)
                        .map(f -> arguments(a.get()[0] + ", " + f, a.get()[0], a.get()[1], f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedReferenceCases")
    void characterReferencesToAllowedCharactersDecodeInTextAndAttributes(String description, String reference,
            String expected, Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message id='[", reference, "]'><body>[", reference,
                "]</body></message>"), feeding);

        XmlElement message = assertSingleElement(outcome);
        assertThat(message.attribute("id")).contains("[" + expected + "]");
        assertThat(bodyText(message)).isEqualTo("[" + expected + "]");
    }

    /**
     * A character reference may carry leading zeros, but one longer than 32 bytes ("&#x" and 29 digits) is refused
     * rather than read again with every byte that extends it: in text and attribute values alike, at once however
     * many zeros follow.
     */
    @ParameterizedTest
    @EnumSource(value = Feeding.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void characterReferencesOfMoreThan32BytesAreRefused(Feeding feeding) {
        String longest = "&#x" + "0".repeat(26) + "41;";            // 32 bytes
        String tooLong = "&#x" + "0".repeat(27) + "41;";            // 33 bytes
        assertThat(bytes(longest)).hasSize(32);

        XmlElement message = assertSingleElement(feed(DEFAULTS, bytes(HEADER, "<message id='", longest, "'><body>",
                longest, "</body></message>"), feeding));
        assertThat(message.attribute("id")).contains("A");
        assertThat(bodyText(message)).isEqualTo("A");

        assertRejected(feed(DEFAULTS, bytes(HEADER, "<message><body>", tooLong, "</body></message>"), feeding),
                NOT_WELL_FORMED);
        assertRejected(feed(DEFAULTS, bytes(HEADER, "<message id='", tooLong, "'/>"), feeding), NOT_WELL_FORMED);
        Outcome zeros = feed(DEFAULTS, bytes(HEADER, "<message><body>&#", "0".repeat(200_000)), fixed(1),
                Long.MAX_VALUE, false);
        assertRejected(zeros, NOT_WELL_FORMED);
        assertThat(zeros.bytesFed()).isLessThan(bytes(HEADER).length + 100L);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Restricted XML (RFC 6120 §11.1)
    // ------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> restrictedXmlInputs() {
        return Stream.of(
                arguments("DOCTYPE as the first bytes", "<!DOCTYPE stream>" + HEADER_TAG),
                arguments("DOCTYPE after the XML declaration", DECLARATION + "<!DOCTYPE stream>" + HEADER_TAG),
                arguments("DOCTYPE with an internal subset", DECLARATION
                        + "<!DOCTYPE stream [<!ENTITY x 'y'>]>" + HEADER_TAG + "<message><body>&x;</body></message>"),
                arguments("billion-laughs DOCTYPE before the header", DECLARATION + billionLaughs(0) + HEADER_TAG
                        + "<message><body>&lol9;</body></message>"),
                arguments("billion-laughs DOCTYPE mid-stream", HEADER + billionLaughs(0)
                        + "<message><body>&lol9;</body></message>"),
                arguments("DOCTYPE mid-stream", HEADER + "<message/><!DOCTYPE message>"),
                arguments("DOCTYPE inside a stanza", HEADER + "<message><!DOCTYPE x></message>"),
                arguments("ENTITY declaration mid-stream", HEADER + "<!ENTITY x 'y'>"),
                arguments("ELEMENT declaration inside a stanza", HEADER + "<message><!ELEMENT x ANY></message>"),
                arguments("comment as the first bytes", "<!-- hi -->" + HEADER_TAG),
                arguments("comment before the header", DECLARATION + "<!-- hi -->" + HEADER_TAG),
                arguments("comment directly after the header", HEADER + "<!-- hi --><message/>"),
                arguments("comment between stanzas", HEADER + "<message/><!-- hi --><message/>"),
                arguments("comment inside a stanza", HEADER + "<message><!-- hi --><body>x</body></message>"),
                arguments("comment inside body text", HEADER + "<message><body>a<!-- hi -->b</body></message>"),
                arguments("empty comment", HEADER + "<message/><!---->"),
                arguments("comment after </stream:stream>", HEADER + "</stream:stream><!-- bye -->"),
                arguments("processing instruction as the first bytes", "<?foo bar?>" + HEADER_TAG),
                arguments("processing instruction after the XML declaration",
                        DECLARATION + "<?foo bar?>" + HEADER_TAG),
                arguments("xml-stylesheet processing instruction before the header",
                        DECLARATION + "<?xml-stylesheet href='evil.xsl'?>" + HEADER_TAG),
                arguments("processing instruction directly after the header", HEADER + "<?foo bar?>"),
                arguments("processing instruction between stanzas", HEADER + "<message/><?foo bar?><message/>"),
                arguments("processing instruction inside a stanza", HEADER + "<message><?foo bar?></message>"),
                arguments("processing instruction inside body text",
                        HEADER + "<message><body>a<?foo?>b</body></message>"),
                arguments("XML declaration directly after the header", HEADER + DECLARATION),
                arguments("XML declaration between stanzas", HEADER + "<message/>" + DECLARATION + "<message/>"),
                arguments("XML declaration inside a stanza", HEADER + "<message>" + DECLARATION + "</message>"),
                arguments("second XML declaration before the header", DECLARATION + DECLARATION + HEADER_TAG),
                arguments("&foo; in text", HEADER + "<message><body>&foo;</body></message>"),
                arguments("&nbsp; in text", HEADER + "<message><body>a&nbsp;b</body></message>"),
                arguments("&ampx; in text", HEADER + "<message><body>&ampx;</body></message>"),
                arguments("&quotx; in text", HEADER + "<message><body>&quotx;</body></message>"),
                arguments("&foo; in an attribute value", HEADER + "<message id='&foo;'/>"),
                arguments("&nbsp; in an attribute value", HEADER + "<message id='a&nbsp;b'/>"),
                arguments("&ampx; in an attribute value", HEADER + "<message id='&ampx;'/>"),
                arguments("&foo; in the stream header", DECLARATION
                        + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                        + " to='&foo;'>"),
                arguments("&foo; right after a CDATA section ends",
                        HEADER + "<message><body><![CDATA[x]]>&foo;</body></message>"));
    }

    static Stream<Arguments> restrictedXmlCases() {
        return withFeedings(restrictedXmlInputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restrictedXmlCases")
    void restrictedXmlIsRejected(String description, String input, Feeding feeding) {
        assertRejected(feed(DEFAULTS, bytes(input), feeding), RESTRICTED_XML);
    }

    static Stream<Arguments> billionLaughsPlacements() {
        String payload = "<message><body>&lol9;</body></message>";
        String dtd = billionLaughs(1024 * 1024);
        return Stream.of(
                arguments("before the header", bytes(DECLARATION, dtd, HEADER_TAG, payload), 0),
                arguments("mid-stream", bytes(HEADER, "<message/>", dtd, payload), bytes(HEADER).length + 10));
    }

    @ParameterizedTest(name = "billion laughs {0} fails within the first few KB")
    @MethodSource("billionLaughsPlacements")
    void billionLaughsFailsFastWithoutExpansion(String where, byte[] input, int offset) {
        Outcome chunked = feed(DEFAULTS, input, fixed(256), Long.MAX_VALUE, false);
        assertRejected(chunked, RESTRICTED_XML);
        assertThat(chunked.bytesFed()).as("bytes fed before the 1 MiB DTD was rejected")
                .isLessThanOrEqualTo(offset + 4096);

        feed(DEFAULTS, bytes(HEADER, "<!-- warm-up -->"), Feeding.WHOLE);   // load classes before measuring
        long allocatedBefore = allocatedBytes();
        Outcome whole = feed(DEFAULTS, input, Feeding.WHOLE);
        long allocated = allocatedBytes() - allocatedBefore;
        assertRejected(whole, RESTRICTED_XML);
        if (allocatedBefore >= 0) {
            assertThat(allocated).as("bytes allocated while rejecting a %d-byte billion-laughs stream",
                    input.length).isLessThan(8L * 1024 * 1024);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Feeding.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void predefinedEntitiesDecodeInTextAndAttributes(Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message id='&lt;&gt;&amp;&apos;&quot;'>",
                "<body>&lt;&gt;&amp;&apos;&quot;</body></message>"), feeding);

        XmlElement message = assertSingleElement(outcome);
        assertThat(message.attribute("id")).contains("<>&'\"");
        assertThat(bodyText(message)).isEqualTo("<>&'\"");
    }

    static Stream<Arguments> cdataCases() {
        return withFeedings(Stream.of(
                arguments("comment opener inside CDATA is text", "<![CDATA[<!-- not a comment -->]]>",
                        "<!-- not a comment -->"),
                arguments("entity and character references inside CDATA are text",
                        "<![CDATA[&foo; &nbsp; &#0; &#xFFFE;]]>", "&foo; &nbsp; &#0; &#xFFFE;"),
                arguments("markup declarations and PIs inside CDATA are text",
                        "<![CDATA[<!DOCTYPE x><?pi?><?xml version='1.0'?>]]>",
                        "<!DOCTYPE x><?pi?><?xml version='1.0'?>"),
                arguments("stanza markup inside CDATA is text",
                        "<![CDATA[</body></message><iq type='set'/>]]>", "</body></message><iq type='set'/>"),
                arguments("]]> ends CDATA, an extra ] stays text", "<![CDATA[a]]]>", "a]"),
                arguments("] and ]] inside CDATA are text", "<![CDATA[a]b]]c]]>", "a]b]]c"),
                arguments("CDATA merges with surrounding text", "x<![CDATA[y]]>z", "xyz"),
                arguments("two CDATA sections", "<![CDATA[a]]><![CDATA[b]]>", "ab")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cdataCases")
    void cdataSectionsAreAllowedAndTheirContentIsText(String description, String body, String expected,
            Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message><body>", body, "</body></message>"), feeding);

        assertThat(bodyText(assertSingleElement(outcome))).isEqualTo(expected);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Not well-formed, not namespace-well-formed
    // ------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> notWellFormedInputs() {
        return Stream.of(
                arguments("text directly under the stream root", HEADER + "hello<message/>"),
                arguments("text after a stanza", HEADER + "<message/>world"),
                arguments("text between stanzas", HEADER + "<message/> x <message/>"),
                arguments("escaped markup directly under the stream root", HEADER + "&lt;message/&gt;"),
                arguments("CDATA with text directly under the stream root", HEADER + "<![CDATA[hi]]>"),
                arguments("mismatched end tag", HEADER + "<message></presence>"),
                arguments("crossed nesting", HEADER + "<message><body></message></body>"),
                arguments("stream end tag inside a stanza", HEADER + "<message><body></stream:stream>"),
                arguments("unbound element prefix", HEADER + "<foo:message/>"),
                arguments("unbound prefix on a nested element", HEADER + "<message><foo:body/></message>"),
                arguments("unbound attribute prefix", HEADER + "<message foo:bar='1'/>"),
                arguments("unbound prefix in the stream header", DECLARATION
                        + "<stream:stream xmlns='jabber:client' to='example.com'>"),
                arguments("duplicate attribute", HEADER + "<message id='1' id='2'/>"),
                arguments("duplicate attribute via two prefixes for one namespace",
                        HEADER + "<message xmlns:a='urn:x' xmlns:b='urn:x' a:foo='1' b:foo='2'/>"),
                arguments("duplicate attribute via the header's stream prefix and another",
                        HEADER + "<message xmlns:s='http://etherx.jabber.org/streams' stream:x='1' s:x='2'/>"),
                arguments("duplicate default namespace declaration", HEADER + "<message xmlns='a' xmlns='b'/>"),
                arguments("rebinding the xml prefix", HEADER + "<message xmlns:xml='urn:evil'/>"),
                arguments("binding the xmlns prefix", HEADER + "<message xmlns:xmlns='urn:evil'/>"),
                arguments("< inside an attribute value", HEADER + "<message id='a<b'/>"),
                arguments("unquoted attribute value", HEADER + "<message id=1/>"),
                arguments("element name starting with a digit", HEADER + "<1message/>"),
                arguments("empty character reference &#;", HEADER + "<message><body>&#;</body></message>"),
                arguments("empty hex character reference &#x;", HEADER + "<message><body>&#x;</body></message>"),
                arguments("upper-case X in a character reference", HEADER + "<message><body>&#X41;</body></message>"),
                arguments("non-digit in a character reference", HEADER + "<message><body>&#1a;</body></message>"),
                arguments("second root-level element after </stream:stream>",
                        HEADER + "<message/></stream:stream><message/>"),
                arguments("text after </stream:stream>", HEADER + "</stream:stream>junk"),
                arguments("text before the header", "junk" + HEADER_TAG));
    }

    static Stream<Arguments> notWellFormedCases() {
        return withFeedings(notWellFormedInputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notWellFormedCases")
    void notWellFormedInputIsRejected(String description, String input, Feeding feeding) {
        assertRejected(feed(DEFAULTS, bytes(input), feeding), NOT_WELL_FORMED);
    }

    /**
     * "]]>" in character data is not well-formed (XML 1.0 §2.4), however the three bytes are split between reads.
     * (Aalto, the decoder's parser before, checked it within one input buffer only.)
     */
    @ParameterizedTest
    @EnumSource(Feeding.class)
    void cdataSectionEndInTextIsRejectedHoweverItIsSplit(Feeding feeding) {
        assertRejected(feed(DEFAULTS, bytes(HEADER + "<message><body>a]]>b</body></message>"), feeding),
                NOT_WELL_FORMED);
        assertRejected(feed(DEFAULTS, bytes(HEADER + "<message><body>a]]]]>b</body></message>"), feeding),
                NOT_WELL_FORMED);
        assertAccepted(feed(DEFAULTS, bytes(HEADER + "<message><body>a]]b]>]</body></message>"), feeding));
    }

    @ParameterizedTest
    @EnumSource(value = Feeding.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void streamEndTagInsideAStanzaNeverClosesTheStream(Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message><body></stream:stream><message id='after'/>"),
                feeding);

        assertRejected(outcome, NOT_WELL_FORMED);
        assertThat(outcome.events()).noneMatch(e -> e instanceof StreamEvent.Closed);
        assertThat(outcome.elementIds()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Whitespace keepalives
    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void whitespaceKeepalivesBetweenTopLevelElementsAreIgnored(Feeding feeding) {
        String input = HEADER + " \n\r\n\t" + "<message id='1'/>" + " " + "\n" + "\r\n" + "\t"
                + "<message id='2'/>" + " \n\t\r\n".repeat(5_000) + "<message id='3'/>" + "\t \r\n";

        Outcome outcome = feed(SMALL, bytes(input), feeding);

        assertAccepted(outcome);
        assertThat(outcome.events()).hasSize(4);
        assertThat(outcome.elementIds()).containsExactly("1", "2", "3");
    }

    @Test
    void thousandsOfSeparateKeepaliveChunksProduceNoEvents() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(SMALL);
        assertThat(decoder.feed(buffer(HEADER))).hasSize(1);
        String[] keepalives = {" ", "\n", "\r\n", "\t", "  \n"};
        for (int i = 0; i < 10_000; i++) {
            assertThat(decoder.feed(buffer(keepalives[i % keepalives.length]))).isEmpty();
        }
        List<StreamEvent> events = decoder.feed(buffer("<message id='late'/>"));
        assertThat(events).hasSize(1);
        assertThat(((StreamEvent.Element) events.get(0)).element().attribute("id")).contains("late");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Limits: maxElementBytes
    // ------------------------------------------------------------------------------------------------------------

    /** Builds a top-level element of exactly the given number of bytes. */
    record Shape(String name, IntFunction<String> element) {
        @Override
        public String toString() {
            return name;
        }

        String ofBytes(int size) {
            String xml = element.apply(size);
            assertThat(bytes(xml)).as("%s of %d bytes", name, size).hasSize(size);
            return xml;
        }
    }

    static final List<Shape> ELEMENT_SHAPES = List.of(
            new Shape("text element", n -> "<message>" + "x".repeat(n - 19) + "</message>"),
            new Shape("empty element with an attribute", n -> "<message a='" + "x".repeat(n - 15) + "'/>"),
            new Shape("element with 2-byte characters",
                    n -> "<message>" + "x".repeat((n - 19) % 2) + "\u00e9".repeat((n - 19) / 2) + "</message>"),
            new Shape("element with child elements", n -> "<message>" + "<a/>".repeat((n - 19) / 4)
                    + "x".repeat((n - 19) % 4) + "</message>"));

    static Stream<Arguments> elementLimitCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int limit : new int[] {1024, DEFAULTS.maxElementBytes()}) {
            for (Shape shape : ELEMENT_SHAPES) {
                for (Feeding feeding : Feeding.values()) {
                    // byte by byte only at 1024: the boundary logic is the same, and 2 x 256 Ki feeds are slow
                    if (feeding == Feeding.BYTE_BY_BYTE && limit != 1024) {
                        continue;
                    }
                    cases.add(arguments(shape + ", limit " + limit + ", " + feeding, shape, limit, feeding));
                }
            }
        }
        return cases.stream();
    }

    /**
     * DecoderLimits: "bytes one top-level element may span, from its {@code <} to its closing {@code >}": an
     * element of exactly maxElementBytes bytes passes, one byte more is a policy violation. Whitespace and
     * stanzas before it do not count.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("elementLimitCases")
    void elementOfExactlyMaxElementBytesPassesAndOneByteMoreFails(String description, Shape shape, int limit,
            Feeding feeding) {
        DecoderLimits limits = DEFAULTS.withMaxElementBytes(limit);
        String before = HEADER + "<message id='earlier'>" + "y".repeat(500) + "</message> \n\t";

        Outcome atLimit = feed(limits, bytes(before, shape.ofBytes(limit), " "), feeding);
        assertAccepted(atLimit);
        assertThat(atLimit.elements()).hasSize(2);

        Outcome overLimit = feed(limits, bytes(before, shape.ofBytes(limit + 1), " "), feeding);
        assertRejected(overLimit, POLICY_VIOLATION);
    }

    /** Input that grows one top-level element (or the header) to at least the given number of bytes. */
    record Growth(String name, IntFunction<byte[]> ofAtLeast) {
        @Override
        public String toString() {
            return name;
        }

        static Growth repeating(String name, String start, String filler) {
            return new Growth(name, size -> {
                StringBuilder sb = new StringBuilder(size + 64).append(start);
                while (sb.length() < size) {
                    sb.append(filler);
                }
                return bytes(sb.toString());
            });
        }
    }

    static final Growth MANY_ATTRIBUTES = new Growth("many attributes on the top-level start tag", size -> {
        StringBuilder sb = new StringBuilder(size + 64).append(HEADER).append("<message");
        for (int i = 0; sb.length() < size; i++) {
            sb.append(" a").append(i).append("='1'");    // distinct names: no duplicate-attribute error
        }
        return bytes(sb.toString());
    });

    static final List<Growth> GROWTHS = List.of(
            Growth.repeating("long text in a body", HEADER + "<message><body>", "x"),
            Growth.repeating("many child elements", HEADER + "<message>", "<a/>"),
            Growth.repeating("long attribute value on a nested start tag", HEADER + "<message><body id='", "x"),
            Growth.repeating("long attribute value on the top-level start tag", HEADER + "<message id='", "x"),
            MANY_ATTRIBUTES,
            Growth.repeating("long top-level element name", HEADER + "<m", "m"),
            Growth.repeating("long attribute name on the top-level start tag", HEADER + "<message a", "a"),
            Growth.repeating("oversized stream header", DECLARATION + "<stream:stream xmlns:stream="
                    + "'http://etherx.jabber.org/streams' xmlns='jabber:client' to='", "e"));

    static Stream<Arguments> streamingLimitCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Growth growth : GROWTHS) {
            cases.add(arguments(growth + ", limit 1024, 1-byte chunks", growth, 1024, 1));
            cases.add(arguments(growth + ", limit 1024, 8 KiB chunks", growth, 1024, KIB_8));
            if (growth != MANY_ATTRIBUTES) {
                // 256 KiB of distinct attribute names: see
                // tooManyAttributesInAStreamingStartTagAreRefusedWithinTheElementLimit
                cases.add(arguments(growth + ", default limit, 8 KiB chunks", growth, DEFAULTS.maxElementBytes(),
                        KIB_8));
            }
        }
        Growth text = GROWTHS.get(0);
        cases.add(arguments(text + ", default limit, 1-byte chunks", text, DEFAULTS.maxElementBytes(), 1));
        return cases.stream();
    }

    /**
     * An element that grows past maxElementBytes must be refused while it streams in: before the decoder has been
     * fed more than limit + one parser slice (16 KiB) + one chunk.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("streamingLimitCases")
    void elementGrowingPastTheLimitFailsBeforeLimitPlusSlicePlusOneChunkIsFed(String description, Growth growth,
            int limit, int chunkSize) {
        DecoderLimits limits = DEFAULTS.withMaxElementBytes(limit);
        long bound = (long) limit + SLICE + chunkSize;
        byte[] input = growth.ofAtLeast().apply((int) bound + 2 * chunkSize);

        Outcome outcome = feed(limits, input, fixed(chunkSize), bound, false);

        assertThat(outcome.error()).as("%s: no error after %d bytes were fed (bound %d)", growth,
                outcome.bytesFed(), bound).isNotNull();
        assertRejected(outcome, POLICY_VIOLATION);
        assertThat(outcome.bytesFed()).isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest
    @EnumSource(value = Feeding.class, names = {"WHOLE", "CHUNKS_OF_8_KIB"})
    void twoMebibyteTextNodeIsPolicyViolationUnderDefaultLimits(Feeding feeding) {
        byte[] input = bytes(HEADER, "<message><body>", "x".repeat(2 * 1024 * 1024), "</body></message>");

        Outcome outcome = feed(DEFAULTS, input, fixed(feeding.chunkSize), Long.MAX_VALUE, false);

        assertRejected(outcome, POLICY_VIOLATION);
        if (feeding != Feeding.WHOLE) {
            assertThat(outcome.bytesFed()).isLessThanOrEqualTo((long) DEFAULTS.maxElementBytes() + SLICE + KIB_8);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Limits: the stream header
    // ------------------------------------------------------------------------------------------------------------

    /** A stream header tag of exactly {@code size} bytes, from its '<' to its '>'. */
    static String headerTagOfBytes(int size) {
        String start = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " version='1.0' to='";
        String tag = start + "e".repeat(size - start.length() - 2) + "'>";
        assertThat(bytes(tag)).hasSize(size);
        return tag;
    }

    static Stream<Arguments> headerLimitCases() {
        return Stream.of(true, false).flatMap(declared -> Stream.of(Feeding.values()).map(f -> arguments(
                (declared ? "after an XML declaration" : "without an XML declaration") + ", " + f, declared, f)));
    }

    /**
     * DecoderLimits: "the stream header is held to the same limit" as a top-level element, whose bytes are counted
     * "from its {@code <} to its closing {@code >}": a header tag of exactly maxElementBytes passes.
     */
    @ParameterizedTest(name = "header of exactly the limit passes, {0}")
    @MethodSource("headerLimitCases")
    void streamHeaderOfExactlyMaxElementBytesPasses(String description, boolean declared, Feeding feeding) {
        DecoderLimits limits = DEFAULTS.withMaxElementBytes(1024);

        Outcome outcome = feed(limits, bytes(declared ? DECLARATION : "", headerTagOfBytes(1024), "<message/>"),
                feeding);

        assertAccepted(outcome);
        assertThat(outcome.events()).hasSize(2);
    }

    @ParameterizedTest(name = "header one byte over the limit fails, {0}")
    @MethodSource("headerLimitCases")
    void streamHeaderOneByteOverMaxElementBytesIsPolicyViolation(String description, boolean declared,
            Feeding feeding) {
        DecoderLimits limits = DEFAULTS.withMaxElementBytes(1024);

        Outcome outcome = feed(limits, bytes(declared ? DECLARATION : "", headerTagOfBytes(1025), "<message/>"),
                feeding);

        assertRejected(outcome, POLICY_VIOLATION);
    }

    static Stream<Arguments> largeHeaderCases() {
        return Stream.of(
                arguments("2,000-byte header, limit 1024, whole", 1024, 2_000, Feeding.WHOLE),
                arguments("2,000-byte header, limit 1024, byte by byte", 1024, 2_000, Feeding.BYTE_BY_BYTE),
                arguments("300 KiB header, default limit, whole", DEFAULTS.maxElementBytes(), 300 * 1024,
                        Feeding.WHOLE),
                arguments("300 KiB header, default limit, 8 KiB chunks", DEFAULTS.maxElementBytes(), 300 * 1024,
                        Feeding.CHUNKS_OF_8_KIB));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeHeaderCases")
    void streamHeaderLargerThanTheLimitIsPolicyViolation(String description, int limit, int size,
            Feeding feeding) {
        Outcome outcome = feed(DEFAULTS.withMaxElementBytes(limit), bytes(DECLARATION, headerTagOfBytes(size)),
                feeding);

        assertRejected(outcome, POLICY_VIOLATION);
        assertThat(outcome.events()).isEmpty();
    }

    /**
     * maxElementBytes is per element: a long session whose stanzas together exceed it must still be able to close
     * its stream. (Input: many small stanzas, then {@code </stream:stream>}.)
     */
    @ParameterizedTest(name = "limit {0}, fed {1}")
    @MethodSource("closeAfterLongSessionCases")
    void streamCloseAfterMoreThanMaxElementBytesOfStanzasIsDelivered(int limit, Feeding feeding) {
        StringBuilder session = new StringBuilder(HEADER);
        int stanzas = 0;
        while (session.length() < 2 * limit) {
            session.append("<message id='").append(stanzas++).append("'><body>hi</body></message>\n");
        }
        session.append("</stream:stream>");

        Outcome outcome = feed(DEFAULTS.withMaxElementBytes(limit), bytes(session.toString()), feeding);

        assertAccepted(outcome);
        assertThat(outcome.elements()).hasSize(stanzas);
        assertThat(outcome.events().get(outcome.events().size() - 1)).isInstanceOf(StreamEvent.Closed.class);
    }

    static Stream<Arguments> closeAfterLongSessionCases() {
        return Stream.of(
                arguments(1024, Feeding.WHOLE),
                arguments(1024, Feeding.BYTE_BY_BYTE),
                arguments(DEFAULTS.maxElementBytes(), Feeding.CHUNKS_OF_8_KIB));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Limits: depth, attributes, names
    // ------------------------------------------------------------------------------------------------------------

    static String nested(int depth) {
        return "<message>" + "<a>".repeat(depth - 1) + "</a>".repeat(depth - 1) + "</message>";
    }

    static Stream<Arguments> depthLimitCases() {
        return Stream.of(5, DEFAULTS.maxDepth()).flatMap(limit -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE)
                .map(f -> arguments("maxDepth " + limit + ", " + f, limit, f)));
    }

    /** DecoderLimits: "the top-level element being depth 1": maxDepth levels pass, one more fails. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("depthLimitCases")
    void nestingOfExactlyMaxDepthPassesAndOneLevelMoreFails(String description, int maxDepth, Feeding feeding) {
        DecoderLimits limits = DEFAULTS.withMaxDepth(maxDepth);

        Outcome atLimit = feed(limits, bytes(HEADER, nested(maxDepth)), feeding);
        assertAccepted(atLimit);
        assertThat(depthOf(atLimit.elements().get(0))).isEqualTo(maxDepth);

        assertRejected(feed(limits, bytes(HEADER, nested(maxDepth + 1)), feeding), POLICY_VIOLATION);
    }

    static Stream<Arguments> nestingBombCases() {
        return Stream.of(DEFAULTS, SMALL).flatMap(limits -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE)
                .map(f -> arguments("maxDepth " + limits.maxDepth() + ", " + f, limits, f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nestingBombCases")
    void tenThousandDeepNestingBombIsPolicyViolationWithoutStackOverflow(String description, DecoderLimits limits,
            Feeding feeding) {
        byte[] bomb = bytes(HEADER, "<message>", "<a>".repeat(9_999), "</a>".repeat(9_999), "</message>");

        assertRejected(feed(limits, bomb, feeding), POLICY_VIOLATION);
    }

    @Test
    void tenThousandDeepNestingWithinARaisedLimitDecodesWithoutRecursion() {
        DecoderLimits limits = DEFAULTS.withMaxDepth(20_000).withMaxElementBytes(1024 * 1024);

        Outcome outcome = feed(limits, bytes(HEADER, nested(10_000)), Feeding.WHOLE);

        assertAccepted(outcome);
        assertThat(depthOf(outcome.elements().get(0))).isEqualTo(10_000);
    }

    /** An input whose element carries {@code count} attributes and namespace declarations. */
    record Counted(String name, IntFunction<String> input) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String attributes(int count) {
        StringBuilder sb = new StringBuilder(count * 12);
        for (int i = 0; i < count; i++) {
            sb.append(" a").append(i).append("='").append(i).append('\'');
        }
        return sb.toString();
    }

    static final List<Counted> ATTRIBUTE_SHAPES = List.of(
            new Counted("attributes on a stanza", n -> HEADER + "<message" + attributes(n) + "/>"),
            new Counted("attributes and namespace declarations on a stanza", n -> HEADER
                    + "<message xmlns='jabber:client' xmlns:p='urn:p' p:x='1'" + attributes(n - 3) + "/>"),
            new Counted("attributes on a nested element", n -> HEADER + "<message><x" + attributes(n)
                    + "/></message>"),
            new Counted("attributes on the stream header", n -> DECLARATION
                    + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                    + attributes(n - 2) + ">"));

    static Stream<Arguments> attributeLimitCases() {
        return Stream.of(4, DEFAULTS.maxAttributes()).flatMap(limit -> ATTRIBUTE_SHAPES.stream()
                .flatMap(shape -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE).map(f -> arguments(
                        shape + ", maxAttributes " + limit + ", " + f, shape, limit, f))));
    }

    /** DecoderLimits: "attributes plus namespace declarations on one element". */
    @ParameterizedTest(name = "{0}")
    @MethodSource("attributeLimitCases")
    void exactlyMaxAttributesPassAndOneMoreFails(String description, Counted shape, int limit, Feeding feeding) {
        DecoderLimits limits = DEFAULTS.withMaxAttributes(limit);

        assertAccepted(feed(limits, bytes(shape.input().apply(limit)), feeding));
        assertRejected(feed(limits, bytes(shape.input().apply(limit + 1)), feeding), POLICY_VIOLATION);
    }

    @Test
    void tenThousandAttributesArePolicyViolation() {
        assertRejected(feed(DEFAULTS, bytes(HEADER, "<message", attributes(10_000), "/>"), Feeding.WHOLE),
                POLICY_VIOLATION);
    }

    static Stream<Arguments> streamingAttributeCases() {
        return Stream.of(4, DEFAULTS.maxAttributes()).map(limit -> arguments("maxAttributes " + limit, limit));
    }

    /**
     * The attribute count is checked when the decoder parses the start tag, at its '>'; until then a start tag
     * that streams in is bounded by the element byte limit (plus at most one 16 KiB slice and one chunk), never
     * more.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("streamingAttributeCases")
    void tooManyAttributesInAStreamingStartTagAreRefusedWithinTheElementLimit(String description, int limit) {
        DecoderLimits limits = DEFAULTS.withMaxAttributes(limit).withMaxElementBytes(64 * 1024);
        int chunk = 1024;
        byte[] input = MANY_ATTRIBUTES.ofAtLeast().apply(200_000);
        long bound = bytes(HEADER).length + limits.maxElementBytes() + SLICE + chunk;

        Outcome outcome = feed(limits, input, fixed(chunk), bound, false);

        assertThat(outcome.error()).as("no error after %d bytes of a start tag with %d+ attributes (bound %d)",
                outcome.bytesFed(), limit, bound).isNotNull();
        assertRejected(outcome, POLICY_VIOLATION);
        assertThat(outcome.bytesFed()).isLessThanOrEqualTo(bound);
    }

    static final List<Counted> NAME_SHAPES = List.of(
            new Counted("element name", n -> HEADER + "<" + "m".repeat(n) + "/>"),
            new Counted("prefixed element name", n -> HEADER + "<p:" + "m".repeat(n - 2) + " xmlns:p='urn:p'/>"),
            new Counted("nested element name", n -> HEADER + "<message><" + "m".repeat(n) + "/></message>"),
            new Counted("element name of 2-byte characters", n -> HEADER + "<" + "\u00e9".repeat(n) + "/>"),
            new Counted("attribute name", n -> HEADER + "<message " + "a".repeat(n) + "='1'/>"),
            new Counted("prefixed attribute name", n -> HEADER + "<message xmlns:p='urn:p' p:" + "a".repeat(n - 2)
                    + "='1'/>"));

    static Stream<Arguments> nameLimitCases() {
        return Stream.of(16, DEFAULTS.maxNameLength()).flatMap(limit -> NAME_SHAPES.stream()
                .flatMap(shape -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE).map(f -> arguments(
                        shape + ", maxNameLength " + limit + ", " + f, shape, limit, f))));
    }

    /** DecoderLimits: "characters in an element or attribute name, prefix included". */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nameLimitCases")
    void nameOfExactlyMaxNameLengthPassesAndOneCharacterMoreFails(String description, Counted shape, int limit,
            Feeding feeding) {
        DecoderLimits limits = DEFAULTS.withMaxNameLength(limit);

        assertAccepted(feed(limits, bytes(shape.input().apply(limit)), feeding));
        assertRejected(feed(limits, bytes(shape.input().apply(limit + 1)), feeding), POLICY_VIOLATION);
    }

    static Stream<Arguments> veryLongNameCases() {
        return withFeedings(Stream.of(
                arguments("100,000-character element name", HEADER + "<" + "m".repeat(100_000) + "/>"),
                arguments("100,000-character attribute name", HEADER + "<message " + "a".repeat(100_000) + "='1'/>"),
                arguments("100,000-character closing name of a nested element",
                        HEADER + "<message><" + "b".repeat(100_000) + "></" + "b".repeat(100_000) + "></message>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("veryLongNameCases")
    void veryLongNamesArePolicyViolationUnderDefaultLimits(String description, String input, Feeding feeding) {
        assertRejected(feed(DEFAULTS, bytes(input), feeding), POLICY_VIOLATION);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Smuggling
    // ------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> escapedMarkupCases() {
        return withFeedings(Stream.of(
                arguments("escaped </stream:stream>", "&lt;/stream:stream&gt;", "</stream:stream>"),
                arguments("escaped <stream:stream>", "&lt;stream:stream xmlns:stream="
                        + "'http://etherx.jabber.org/streams' to='evil.example'&gt;",
                        "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='evil.example'>"),
                arguments("escaped XML declaration", "&lt;?xml version='1.0'?&gt;", "<?xml version='1.0'?>"),
                arguments("escaped stanza break-out", "&lt;/body&gt;&lt;/message&gt;&lt;iq type='set'&gt;",
                        "</body></message><iq type='set'>"),
                arguments("fully escaped stanza break-out with quotes",
                        "&lt;/body&gt;&lt;/message&gt;&lt;iq type=&apos;set&apos; to=&quot;x&quot;&gt;"
                                + "&lt;query/&gt;&lt;/iq&gt;",
                        "</body></message><iq type='set' to=\"x\"><query/></iq>"),
                arguments("stream tags in CDATA", "<![CDATA[</stream:stream><stream:stream>]]>",
                        "</stream:stream><stream:stream>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapedMarkupCases")
    void escapedMarkupInABodyStaysTextOfOneMessage(String description, String body, String expected,
            Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message id='carrier'><body>", body,
                "</body></message><message id='next'/>"), feeding);

        assertAccepted(outcome);
        assertThat(outcome.events()).hasSize(3).noneMatch(e -> e instanceof StreamEvent.Closed);
        assertThat(outcome.elementIds()).containsExactly("carrier", "next");
        assertThat(bodyText(outcome.elements().get(0))).isEqualTo(expected);
        assertThat(outcome.elements().get(0).children()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Feeding.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void escapedStanzaMarkupInAnAttributeStaysTheAttributeValue(Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER,
                "<message id='&lt;/message&gt;&lt;iq type=&apos;set&apos;&gt;'/>"), feeding);

        assertThat(assertSingleElement(outcome).attribute("id")).contains("</message><iq type='set'>");
    }

    @ParameterizedTest
    @EnumSource(value = Feeding.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void nestedStreamHeaderInsideAStanzaIsAnInertChild(Feeding feeding) {
        Outcome outcome = feed(DEFAULTS, bytes(HEADER, "<message id='carrier'><stream:stream to='evil.example'>",
                "<iq type='set' id='inner'/></stream:stream></message><message id='next'/>"), feeding);

        assertAccepted(outcome);
        assertThat(outcome.events()).hasSize(3);
        assertThat(outcome.events().get(0)).isInstanceOf(StreamEvent.Opened.class);
        assertThat(outcome.elementIds()).containsExactly("carrier", "next");
        XmlElement inner = outcome.elements().get(0).children().get(0);
        assertThat(inner.is(StreamEvent.STREAM_NAMESPACE, "stream")).isTrue();
    }

    static List<Bad> smugglingBytes() {
        List<Bad> bad = new ArrayList<>(invalidUtf8());
        bad.add(new Bad("truncated lead EB (CVE-2022-25235 style)", hex("EB")));
        bad.add(new Bad("truncated lead EB then '>'", hex("EB 3E")));
        bad.addAll(forbiddenRawCharacters());
        return bad;
    }

    static Stream<Arguments> smugglingCases() {
        return smugglingBytes().stream().flatMap(bad -> Stream.of(
                arguments(bad + ", whole", bad.bytes(), fixedChunks(Integer.MAX_VALUE)),
                arguments(bad + ", byte by byte", bad.bytes(), fixedChunks(1)),
                arguments(bad + ", random chunks", bad.bytes(), randomChunks(bad.name().hashCode(), 32))));
    }

    /** Zoom / CVE-2022-22784: bad bytes in a body must never let the rest of the body become a stanza. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("smugglingCases")
    void invalidBytesInABodyNeverYieldATopLevelElementAfterThem(String description, byte[] bad,
            Supplier<IntSupplier> chunks) {
        byte[] input = bytes(HEADER, "<message id='before'/><message id='carrier'><body>x", bad,
                "</body></message><iq type='set' id='smuggled'><query xmlns='jabber:iq:roster'/></iq>",
                "<message id='after'/>");

        Outcome outcome = feed(DEFAULTS, input, chunks.get(), Long.MAX_VALUE, true);

        assertRejected(outcome, NOT_WELL_FORMED);
        assertThat(outcome.elementIds()).containsExactly("before");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Good data before bad data; the decoder stays failed
    // ------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> badTails() {
        return Stream.of(
                arguments("invalid UTF-8", bytes("<message><body>", hex("C0 BC"), "</body></message>"),
                        NOT_WELL_FORMED),
                arguments("raw control character", bytes("<message><body>\u0001</body></message>"),
                        NOT_WELL_FORMED),
                arguments("reference to U+0000", bytes("<message><body>&#0;</body></message>"), NOT_WELL_FORMED),
                arguments("text under the root", bytes("junk"), NOT_WELL_FORMED),
                arguments("mismatched end tag", bytes("<message></presence>"), NOT_WELL_FORMED),
                arguments("unbound prefix", bytes("<foo:bar/>"), NOT_WELL_FORMED),
                arguments("comment", bytes("<!-- x -->"), RESTRICTED_XML),
                arguments("processing instruction", bytes("<?foo bar?>"), RESTRICTED_XML),
                arguments("XML declaration", bytes(DECLARATION), RESTRICTED_XML),
                arguments("DOCTYPE", bytes("<!DOCTYPE x>"), RESTRICTED_XML),
                arguments("undeclared entity", bytes("<message><body>&foo;</body></message>"), RESTRICTED_XML),
                arguments("element over the byte limit", bytes("<message><body>", "x".repeat(2_000),
                        "</body></message>"), POLICY_VIOLATION),
                arguments("nesting bomb", bytes("<a>".repeat(100)), POLICY_VIOLATION),
                arguments("too many attributes", bytes("<message", attributes(5), "/>"), POLICY_VIOLATION),
                arguments("name too long", bytes("<", "m".repeat(17), "/>"), POLICY_VIOLATION));
    }

    static final String GOOD = "<message id='1'/><message id='2'><body>ok</body></message>";

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTails")
    void elementsCompletedBeforeTheOffendingBytesInTheSameChunkAreDelivered(String description, byte[] tail,
            StreamErrorCondition condition) {
        XmppStreamDecoder decoder = new XmppStreamDecoder(SMALL);
        decoder.offer(ByteBuffer.wrap(bytes(HEADER, GOOD, tail)));

        assertThat(decoder.hasNext()).isTrue();
        assertThat(decoder.next()).isInstanceOf(StreamEvent.Opened.class);
        assertThat(decoder.hasNext()).isTrue();
        assertThat(idOf(decoder.next())).isEqualTo("1");
        assertThat(decoder.hasNext()).isTrue();
        assertThat(idOf(decoder.next())).isEqualTo("2");
        StreamErrorException error = catchStreamError(decoder::hasNext);
        assertThat(error.condition()).isEqualTo(condition);
        assertDecoderStaysFailed(decoder, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTails")
    void elementFinishedInTheChunkThatAlsoHoldsTheOffendingBytesIsDelivered(String description, byte[] tail,
            StreamErrorCondition condition) {
        XmppStreamDecoder decoder = new XmppStreamDecoder(SMALL);
        assertThat(decoder.feed(buffer(HEADER + "<message id='1'/><message id='2'><body>o"))).hasSize(2);

        decoder.offer(ByteBuffer.wrap(bytes("k</body></message>", tail)));

        assertThat(decoder.hasNext()).isTrue();
        StreamEvent event = decoder.next();
        assertThat(idOf(event)).isEqualTo("2");
        assertThat(bodyText(((StreamEvent.Element) event).element())).isEqualTo("ok");
        StreamErrorException error = catchStreamError(decoder::hasNext);
        assertThat(error.condition()).isEqualTo(condition);
        assertDecoderStaysFailed(decoder, error);
    }

    @Test
    void decoderStaysFailedAfterAnErrorInAnEarlierFeed() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.feed(buffer(HEADER));
        StreamErrorException error = catchStreamError(() -> decoder.feed(buffer("<!-- nope -->")));

        assertDecoderStaysFailed(decoder, error);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.feed(buffer("<message/>"))).isSameAs(error);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Error messages
    // ------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> messageCases() {
        return Stream.of(
                arguments("overlong UTF-8", bytes(HEADER, "<message><body>", hex("C0 BC"), "</body></message>"),
                        DEFAULTS, NOT_WELL_FORMED, "UTF-8"),
                arguments("surrogate in UTF-8", bytes(HEADER, "<message><body>", hex("ED A0 80"), "</body>"),
                        DEFAULTS, NOT_WELL_FORMED, "UTF-8"),
                arguments("raw control character", bytes(HEADER, "<message><body>\u0001</body></message>"),
                        DEFAULTS, NOT_WELL_FORMED, "U+0001"),
                arguments("raw U+FFFE", bytes(HEADER, "<message><body>\ufffe</body></message>"),
                        DEFAULTS, NOT_WELL_FORMED, "U+FFFE"),
                arguments("reference to U+0000", bytes(HEADER, "<message><body>&#0;</body></message>"),
                        DEFAULTS, NOT_WELL_FORMED, "U+0000"),
                arguments("comment", bytes(HEADER, "<!-- x -->"), DEFAULTS, RESTRICTED_XML, "comment"),
                arguments("processing instruction", bytes(HEADER, "<?foo?>"), DEFAULTS, RESTRICTED_XML,
                        "processing instruction"),
                arguments("processing instruction before the header", bytes("<?foo?>", HEADER_TAG), DEFAULTS,
                        RESTRICTED_XML, "processing instruction"),
                arguments("DOCTYPE", bytes(DECLARATION, "<!DOCTYPE x>", HEADER_TAG), DEFAULTS, RESTRICTED_XML,
                        "DTD"),
                arguments("entity reference", bytes(HEADER, "<message><body>&foo;</body></message>"), DEFAULTS,
                        RESTRICTED_XML, "entity"),
                arguments("text under the root", bytes(HEADER, "hello<message/>"), DEFAULTS, NOT_WELL_FORMED,
                        "text is not allowed"),
                arguments("unbound prefix", bytes(HEADER, "<foo:message/>"), DEFAULTS, NOT_WELL_FORMED, "foo"),
                arguments("duplicate attribute", bytes(HEADER, "<message id='1' id='2'/>"), DEFAULTS,
                        NOT_WELL_FORMED, "duplicate"),
                arguments("mismatched tag", bytes(HEADER, "<message></presence>"), DEFAULTS, NOT_WELL_FORMED,
                        "message"),
                arguments("element too large", bytes(HEADER, "<message>", "x".repeat(2_000), "</message>"), SMALL,
                        POLICY_VIOLATION, "1024"),
                arguments("nesting too deep", bytes(HEADER, nested(6)), SMALL, POLICY_VIOLATION, "5"),
                arguments("too many attributes", bytes(HEADER, "<message", attributes(5), "/>"), SMALL,
                        POLICY_VIOLATION, "attributes"),
                arguments("name too long", bytes(HEADER, "<", "m".repeat(17), "/>"), SMALL, POLICY_VIOLATION,
                        "16"),
                arguments("header too large", bytes(DECLARATION, headerTagOfBytes(20_000)), SMALL,
                        POLICY_VIOLATION, "1024"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageCases")
    void errorMessagesSayWhatWasWrong(String description, byte[] input, DecoderLimits limits,
            StreamErrorCondition condition, String fragment) {
        for (Feeding feeding : WHOLE_AND_BYTE_BY_BYTE) {
            Outcome outcome = feed(limits, input, feeding);
            assertRejected(outcome, condition);
            assertThat(outcome.error().getMessage()).as("fed %s", feeding).containsIgnoringCase(fragment);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties over seeded random streams
    // ------------------------------------------------------------------------------------------------------------

    /** Text pieces as written on the wire, and what they decode to. */
    static final String[][] TEXT_PIECES = {
            {"a", "a"}, {"hello ", "hello "}, {" ", " "}, {"\n", "\n"}, {"\t", "\t"}, {"\u00e9", "\u00e9"},
            {"\u4e2d", "\u4e2d"}, {"\uD83D\uDE00", "\uD83D\uDE00"}, {"\uDBFF\uDFFF", "\uDBFF\uDFFF"},
            {"\ufffd", "\ufffd"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&apos;", "'"}, {"&quot;", "\""},
            {"&#x1F600;", "\uD83D\uDE00"}, {"&#233;", "\u00e9"}, {"<![CDATA[<x>&y;]]>", "<x>&y;"}, {"'", "'"},
            {"\"", "\""}, {"]", "]"}, {"&lt;/body&gt;&lt;/message&gt;", "</body></message>"}};
    static final String[] KEEPALIVES = {"", " ", "\n", "\r\n", "\t", " \n\t"};

    /** A random valid session: wire pieces per stanza body, so that tests can corrupt one spot. */
    record RandomSession(List<List<String>> bodies, List<String> gaps, List<String> expectedBodies) {

        static RandomSession generate(SplittableRandom random) {
            int stanzas = 1 + random.nextInt(8);
            List<List<String>> bodies = new ArrayList<>();
            List<String> gaps = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int s = 0; s < stanzas; s++) {
                List<String> pieces = new ArrayList<>();
                StringBuilder decoded = new StringBuilder();
                int count = random.nextInt(12);
                for (int p = 0; p < count; p++) {
                    String[] piece = TEXT_PIECES[random.nextInt(TEXT_PIECES.length)];
                    pieces.add(piece[0]);
                    decoded.append(piece[1]);
                }
                bodies.add(pieces);
                expected.add(decoded.toString());
                gaps.add(KEEPALIVES[random.nextInt(KEEPALIVES.length)]);
            }
            return new RandomSession(bodies, gaps, expected);
        }

        /** The session's bytes; {@code insert} goes into the gap before, or the body of, stanza {@code at}. */
        byte[] bytes(int at, int pieceIndex, boolean inBody, byte[] insert) {
            List<Object> parts = new ArrayList<>();
            parts.add(HEADER);
            for (int s = 0; s < bodies.size(); s++) {
                parts.add(gaps.get(s));
                if (s == at && !inBody) {
                    parts.add(insert);
                }
                parts.add("<message id='m" + s + "'><body>");
                List<String> pieces = bodies.get(s);
                for (int p = 0; p <= pieces.size(); p++) {
                    if (s == at && inBody && p == pieceIndex) {
                        parts.add(insert);
                    }
                    if (p < pieces.size()) {
                        parts.add(pieces.get(p));
                    }
                }
                parts.add("</body></message>");
            }
            return HostileInputTest.bytes(parts.toArray());
        }

        List<String> idsBefore(int stanza) {
            return IntStream.range(0, stanza).mapToObj(i -> "m" + i).toList();
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 48).map(i -> 0x5EED_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomlyChunkedValidSessionsDecodeLikeWholeOnes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RandomSession session = RandomSession.generate(random);
        byte[] input = session.bytes(-1, -1, false, new byte[0]);

        Outcome whole = feed(SMALL, input, fixed(Integer.MAX_VALUE), Long.MAX_VALUE, false);
        Outcome chunked = feed(SMALL, input, randomChunks(random.nextLong(), 40).get(), Long.MAX_VALUE,
                random.nextBoolean());

        assertAccepted(whole);
        assertAccepted(chunked);
        assertThat(whole.elements().stream().map(HostileInputTest::bodyText).toList())
                .isEqualTo(session.expectedBodies());
        assertThat(chunked.events()).isEqualTo(whole.events());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomlyPlacedInvalidBytesAreRejectedAfterDeliveringEveryEarlierStanza(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RandomSession session = RandomSession.generate(random);
        List<Bad> bads = smugglingBytes();
        Bad bad = bads.get(random.nextInt(bads.size()));
        int stanza = random.nextInt(session.bodies().size());
        int piece = random.nextInt(session.bodies().get(stanza).size() + 1);
        byte[] input = session.bytes(stanza, piece, true, bad.bytes());

        Outcome outcome = feed(SMALL, input, randomChunks(random.nextLong(), 40).get(), Long.MAX_VALUE, true);

        assertThat(outcome.error()).as("%s in the body of stanza %d", bad, stanza).isNotNull();
        assertRejected(outcome, NOT_WELL_FORMED);
        assertThat(outcome.elementIds()).as("%s in the body of stanza %d", bad, stanza)
                .isEqualTo(session.idsBefore(stanza));
    }

    static final String[] RESTRICTED_CONSTRUCTS = {"<!-- c -->", "<?pi x?>", "<!DOCTYPE x>", "&foo;", "&nbsp;",
            "<?xml version='1.0'?>", "<!ENTITY x 'y'>"};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomlyPlacedRestrictedXmlIsRejectedAfterDeliveringEveryEarlierStanza(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RandomSession session = RandomSession.generate(random);
        String construct = RESTRICTED_CONSTRUCTS[random.nextInt(RESTRICTED_CONSTRUCTS.length)];
        int stanza = random.nextInt(session.bodies().size());
        boolean inBody = construct.startsWith("&") || random.nextBoolean();
        int piece = random.nextInt(session.bodies().get(stanza).size() + 1);
        byte[] input = session.bytes(stanza, piece, inBody, bytes(construct));

        Outcome outcome = feed(SMALL, input, randomChunks(random.nextLong(), 40).get(), Long.MAX_VALUE, true);

        String where = construct + (inBody ? " in the body of" : " before") + " stanza " + stanza;
        assertThat(outcome.error()).as(where).isNotNull();
        assertRejected(outcome, RESTRICTED_XML);
        assertThat(outcome.elementIds()).as(where).isEqualTo(session.idsBefore(stanza));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Driver and assertions
    // ------------------------------------------------------------------------------------------------------------

    /**
     * What feeding produced: the events delivered, the error (null if none), how many bytes had been handed to
     * the decoder when it failed (the failing chunk included), and what each call made after the failure threw.
     */
    record Outcome(List<StreamEvent> events, StreamErrorException error, long bytesFed, List<Object> afterFailure) {

        List<XmlElement> elements() {
            return events.stream().filter(e -> e instanceof StreamEvent.Element)
                    .map(e -> ((StreamEvent.Element) e).element()).toList();
        }

        List<String> elementIds() {
            return elements().stream().map(e -> e.attribute("id").orElse("")).toList();
        }
    }

    static Outcome feed(DecoderLimits limits, byte[] input, Feeding feeding) {
        return feed(limits, input, fixed(feeding.chunkSize), Long.MAX_VALUE, false);
    }

    /**
     * Feeds {@code input} in chunks until the decoder throws, the input ends, or more than {@code stopAfter} bytes
     * have been fed. With {@code perEvent}, drives {@code offer/hasNext/next} (so events before an error in the
     * same chunk are kept); otherwise {@code feed}.
     */
    static Outcome feed(DecoderLimits limits, byte[] input, IntSupplier chunkSizes, long stopAfter,
            boolean perEvent) {
        XmppStreamDecoder decoder = new XmppStreamDecoder(limits);
        List<StreamEvent> events = new ArrayList<>();
        long fed = 0;
        for (int at = 0; at < input.length && fed <= stopAfter; ) {
            int n = Math.min(chunkSizes.getAsInt(), input.length - at);
            ByteBuffer chunk = ByteBuffer.wrap(input, at, n);
            at += n;
            fed += n;
            try {
                if (perEvent) {
                    decoder.offer(chunk);
                    while (decoder.hasNext()) {
                        events.add(decoder.next());
                    }
                } else {
                    events.addAll(decoder.feed(chunk));
                }
            } catch (StreamErrorException e) {
                return new Outcome(events, e, fed, callsAfterFailure(decoder));
            }
        }
        return new Outcome(events, null, fed, List.of());
    }

    static IntSupplier fixed(int chunkSize) {
        return () -> chunkSize;
    }

    static Supplier<IntSupplier> fixedChunks(int chunkSize) {
        return () -> fixed(chunkSize);
    }

    static Supplier<IntSupplier> randomChunks(long seed, int maxChunk) {
        return () -> {
            SplittableRandom random = new SplittableRandom(seed);
            return () -> 1 + random.nextInt(maxChunk);
        };
    }

    static List<Object> callsAfterFailure(XmppStreamDecoder decoder) {
        List<Supplier<Object>> calls = List.of(
                decoder::hasNext,
                decoder::next,
                () -> decoder.feed(buffer("<message/>")),
                () -> {
                    decoder.offer(buffer(" "));
                    return "offer returned";
                },
                decoder::restart,
                decoder::hasNext);
        List<Object> results = new ArrayList<>();
        for (Supplier<Object> call : calls) {
            try {
                results.add("returned " + call.get());
            } catch (RuntimeException e) {
                results.add(e);
            }
        }
        return results;
    }

    static void assertRejected(Outcome outcome, StreamErrorCondition expected) {
        assertThat(outcome.error()).as("expected <%s>, but %d bytes were accepted, giving %s",
                expected.elementName(), outcome.bytesFed(), summary(outcome.events())).isNotNull();
        assertThat(outcome.error().condition()).as("condition of \"%s\"", outcome.error().getMessage())
                .isEqualTo(expected);
        assertMeaningfulMessage(outcome.error());
        assertThat(outcome.afterFailure()).as("what calls after the failure did").hasSizeGreaterThan(0)
                .allSatisfy(result -> assertThat(result).isSameAs(outcome.error()));
    }

    static void assertAccepted(Outcome outcome) {
        assertThat(outcome.error()).as("unexpected error after %d bytes: %s", outcome.bytesFed(),
                outcome.error() == null ? "" : outcome.error().getMessage()).isNull();
    }

    static XmlElement assertSingleElement(Outcome outcome) {
        assertAccepted(outcome);
        assertThat(outcome.events()).hasSize(2);
        assertThat(outcome.events().get(0)).isInstanceOf(StreamEvent.Opened.class);
        return outcome.elements().get(0);
    }

    static void assertMeaningfulMessage(StreamErrorException error) {
        String prefix = error.condition().elementName() + ": ";
        assertThat(error.getMessage()).startsWith(prefix);
        String explanation = error.getMessage().substring(prefix.length()).strip();
        assertThat(explanation).as("explanation in \"%s\"", error.getMessage()).hasSizeGreaterThan(8)
                .isNotEqualToIgnoringCase("null");
    }

    static void assertDecoderStaysFailed(XmppStreamDecoder decoder, StreamErrorException error) {
        assertThat(callsAfterFailure(decoder)).allSatisfy(result -> assertThat(result).isSameAs(error));
    }

    static StreamErrorException catchStreamError(Supplier<?> call) {
        try {
            Object result = call.get();
            throw new AssertionError("expected a StreamErrorException, got " + result);
        } catch (StreamErrorException e) {
            assertMeaningfulMessage(e);
            return e;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    static Stream<Arguments> withFeedings(Stream<Arguments> cases) {
        return cases.flatMap(a -> Arrays.stream(WHOLE_AND_BYTE_BY_BYTE).map(f -> {
            Object[] args = Arrays.copyOf(a.get(), a.get().length + 1);
            args[0] = args[0] + ", " + f;
            args[args.length - 1] = f;
            return arguments(args);
        }));
    }

    /** A billion-laughs DOCTYPE (nine levels of ten), padded with further declarations to at least
     * {@code padding} characters. */
    static String billionLaughs(int padding) {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE stream:stream [\n<!ENTITY lol 'lol'>\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "&lol" + (level == 1 ? "" : String.valueOf(level - 1)) + ";";
            dtd.append("<!ENTITY lol").append(level).append(" '").append(previous.repeat(10)).append("'>\n");
        }
        for (int i = 0; dtd.length() < padding; i++) {
            dtd.append("<!ENTITY pad").append(i).append(" '&lol9;&lol9;&lol9;&lol9;&lol9;'>\n");
        }
        return dtd.append("]>").toString();
    }

    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    static int depthOf(XmlElement element) {
        int depth = 1;
        XmlElement current = element;
        while (!current.children().isEmpty()) {
            current = current.children().get(0);
            depth++;
        }
        return depth;
    }

    static String bodyText(XmlElement message) {
        return message.child("jabber:client", "body").map(XmlElement::text).orElse(null);
    }

    /** The code points of {@code text} as U+XXXX strings, so that a wrong character shows in a failure. */
    static List<String> codePoints(String text) {
        return text == null ? List.of() : text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList();
    }

    static List<String> lastCodePoints(String text, int count) {
        if (text == null) {
            return List.of();
        }
        int from = text.length();
        for (int i = 0; i < count && from > 0; i++) {
            from = text.offsetByCodePoints(from, -1);
        }
        return codePoints(text.substring(from));
    }

    static String idOf(StreamEvent event) {
        assertThat(event).isInstanceOf(StreamEvent.Element.class);
        return ((StreamEvent.Element) event).element().attribute("id").orElse(null);
    }

    static String summary(List<StreamEvent> events) {
        String text = events.toString();
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }

    static ByteBuffer buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(UTF_8));
    }

    /** Concatenates Strings (as UTF-8) and byte arrays. */
    static byte[] bytes(Object... parts) {
        int size = 0;
        byte[][] encoded = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            encoded[i] = parts[i] instanceof byte[] b ? b : ((String) parts[i]).getBytes(UTF_8);
            size += encoded[i].length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : encoded) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] hex(String spaced) {
        String[] tokens = spaced.trim().split("\\s+");
        byte[] result = new byte[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            result[i] = (byte) Integer.parseInt(tokens[i].toUpperCase(Locale.ROOT), 16);
        }
        return result;
    }
}
