package org.xmppreactive.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;

class XmppStreamDecoderTest {

    static final String CLIENT_HEADER = "<?xml version='1.0'?><stream:stream from='juliet@im.example.com'"
            + " to='im.example.com' version='1.0' xml:lang='en' xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams'>";

    // RFC 6120 §9.1 and §9.2, abridged: the initiating and the receiving entity's view of a whole session.
    static final String RFC6120_CLIENT_STREAM = CLIENT_HEADER
            + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
    static final String RFC6120_SERVER_STREAM = "<?xml version='1.0'?><stream:stream"
            + " from='im.example.com' id='t7AMCin9zjMNwQKDnplntZPIDEI=' to='juliet@im.example.com'"
            + " version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
            + "</stream:features><proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
    static final String RFC6120_AFTER_SASL = "<?xml version='1.0'?><stream:stream"
            + " from='im.example.com' id='gPybzaOzBmaADgxKXu9UClbprp0=' to='juliet@im.example.com'"
            + " version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"
            + "<iq id='yhc13a95' type='result'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            + "<jid>juliet@im.example.com/balcony</jid></bind></iq>"
            + "<message from='romeo@example.net/orchard' to='juliet@im.example.com/balcony' type='chat'"
            + " xml:lang='en'><body>Art thou not Romeo, and a Montague?</body>"
            + "<thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread></message>"
            + "\n  \n"
            + "<presence from='romeo@example.net/orchard' xml:lang='en'><show>dnd</show>"
            + "<status>Wooing Juliet</status><status xml:lang='cs'>Dvo\u0159\u00edm se Julii</status></presence>"
            + "<message to='juliet@im.example.com'><body>\uD83D\uDE00 \u00e9\u4e2d &lt;&amp;&gt;&apos;&quot;"
            + " <![CDATA[<raw & text>]]> &#x1F600;&#233;</body></message>"
            + "</stream:stream>";

    static Stream<String> streams() {
        return Stream.of(RFC6120_CLIENT_STREAM, RFC6120_SERVER_STREAM, RFC6120_AFTER_SASL);
    }

    @Test
    void decodesHeaderElementsAndClose() {
        List<StreamEvent> events = new XmppStreamDecoder().feed(utf8(RFC6120_AFTER_SASL));

        assertThat(events).hasSize(7);
        assertThat(events.get(6)).isInstanceOf(StreamEvent.Closed.class);
        StreamEvent.Opened opened = (StreamEvent.Opened) events.get(0);
        assertThat(opened.header().is(StreamEvent.STREAM_NAMESPACE, "stream")).isTrue();
        assertThat(opened.header().attribute("id")).contains("gPybzaOzBmaADgxKXu9UClbprp0=");
        assertThat(opened.header().lang()).contains("en");
        assertThat(opened.contentNamespace()).contains("jabber:client");
        assertThat(opened.namespaces()).containsEntry("stream", StreamEvent.STREAM_NAMESPACE);

        XmlElement features = element(events.get(1));
        assertThat(features.is(StreamEvent.STREAM_NAMESPACE, "features")).isTrue();
        assertThat(features.child("urn:ietf:params:xml:ns:xmpp-bind", "bind")).isPresent();

        XmlElement iq = element(events.get(2));
        assertThat(iq.child("urn:ietf:params:xml:ns:xmpp-bind", "bind")
                .flatMap(b -> b.child("urn:ietf:params:xml:ns:xmpp-bind", "jid")).map(XmlElement::text))
                .contains("juliet@im.example.com/balcony");

        XmlElement message = element(events.get(3));
        assertThat(message.is("jabber:client", "message")).isTrue();
        assertThat(message.attribute("type")).contains("chat");
        assertThat(message.child("jabber:client", "body").map(XmlElement::text))
                .contains("Art thou not Romeo, and a Montague?");

        XmlElement presence = element(events.get(4));
        assertThat(presence.children("jabber:client", "status")).extracting(XmlElement::text)
                .containsExactly("Wooing Juliet", "Dvo\u0159\u00edm se Julii");
        assertThat(presence.children("jabber:client", "status").get(1).lang()).contains("cs");

        XmlElement body = element(events.get(5)).child("jabber:client", "body").orElseThrow();
        assertThat(body.nodes()).as("references, CDATA and chunk pieces merge into one text node").hasSize(1);
        assertThat(body.text()).isEqualTo("\uD83D\uDE00 \u00e9\u4e2d <&>'\" <raw & text> \uD83D\uDE00\u00e9");
    }

    @Test
    void closingTagEndsTheStream() {
        List<StreamEvent> events = new XmppStreamDecoder().feed(utf8(CLIENT_HEADER + "</stream:stream>"));
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOf(StreamEvent.Closed.class);
    }

    @Test
    void prefixedAndDefaultNamespacesResolveToTheSameNames() {
        List<StreamEvent> events = new XmppStreamDecoder().feed(utf8(CLIENT_HEADER
                + "<features xmlns='http://etherx.jabber.org/streams'/>"
                + "<c:message xmlns:c='jabber:client' c:foo='1' bar='2'><c:body>x</c:body></c:message>"));
        assertThat(element(events.get(1)).is(StreamEvent.STREAM_NAMESPACE, "features")).isTrue();
        XmlElement message = element(events.get(2));
        assertThat(message.is("jabber:client", "message")).isTrue();
        assertThat(message.attribute("jabber:client", "foo")).contains("1");
        assertThat(message.attribute("bar")).contains("2");
        assertThat(message.attribute("foo")).as("a prefixed attribute is not in no namespace").isEmpty();
        assertThat(message.child("jabber:client", "body").map(XmlElement::text)).contains("x");
    }

    @Test
    void mixedContentKeepsDocumentOrder() {
        XmlElement message = element(new XmppStreamDecoder().feed(utf8(CLIENT_HEADER
                + "<message><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
                + "<p>Hello <b>brave</b> new <i>world</i>!</p></body></html></message>")).get(1));
        XmlElement p = message.children().get(0).children().get(0).children().get(0);
        assertThat(p.nodes()).hasSize(5);
        assertThat(p.text()).isEqualTo("Hello  new !");
        assertThat(p.nodes().get(1)).isInstanceOfSatisfying(XmlElement.class, b -> assertThat(b.text()).isEqualTo("brave"));
    }

    @ParameterizedTest
    @MethodSource("streams")
    void byteByByteGivesTheSameEventsAsOneChunk(String stream) {
        byte[] bytes = stream.getBytes(UTF_8);
        List<StreamEvent> whole = new XmppStreamDecoder().feed(ByteBuffer.wrap(bytes));
        assertThat(decodeInChunks(bytes, IntStream.range(0, bytes.length).map(i -> 1).toArray())).isEqualTo(whole);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void everyTwoWaySplitGivesTheSameEvents(String stream) {
        byte[] bytes = stream.getBytes(UTF_8);
        List<StreamEvent> whole = new XmppStreamDecoder().feed(ByteBuffer.wrap(bytes));
        for (int split = 1; split < bytes.length; split++) {
            assertThat(decodeInChunks(bytes, new int[] {split, bytes.length - split}))
                    .as("split at byte %d", split).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567, 20261123})
    void seededRandomSplitsOfALargeStreamGiveTheSameEvents(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder stream = new StringBuilder(CLIENT_HEADER);
        int messages = 2_000;
        for (int i = 0; i < messages; i++) {
            stream.append("<message to='romeo@example.net' id='m").append(i).append("' type='chat'><body>")
                    .append(randomText(random)).append("</body></message>");
            if (random.nextInt(5) == 0) {
                stream.append("\n ");
            }
        }
        stream.append("</stream:stream>");
        byte[] bytes = stream.toString().getBytes(UTF_8);
        List<StreamEvent> whole = new XmppStreamDecoder().feed(ByteBuffer.wrap(bytes));
        assertThat(whole).hasSize(messages + 2);

        List<Integer> sizes = new ArrayList<>();
        for (int left = bytes.length; left > 0; ) {
            int size = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 7 : 40_000));
            sizes.add(size);
            left -= size;
        }
        assertThat(decodeInChunks(bytes, sizes.stream().mapToInt(Integer::intValue).toArray())).isEqualTo(whole);
    }

    @Test
    void multiByteCharactersSplitAtEveryByteSurvive() {
        String text = "\u00e9\u4e2d\uD83D\uDE00\uDBFF\uDFFF\uFFFD";   // 2-, 3-, 4-byte, U+10FFFF, U+FFFD
        byte[] bytes = (CLIENT_HEADER + "<message><body>" + text + "</body></message>").getBytes(UTF_8);
        int bodyStart = (CLIENT_HEADER + "<message><body>").getBytes(UTF_8).length;
        for (int split = bodyStart; split <= bodyStart + text.getBytes(UTF_8).length; split++) {
            List<StreamEvent> events = decodeInChunks(bytes, new int[] {split, bytes.length - split});
            assertThat(element(events.get(1)).child("jabber:client", "body").map(XmlElement::text))
                    .as("split at %d", split).contains(text);
        }
    }

    @Test
    void theCallersBufferIsNotMovedAndMayBeReusedAfterDraining() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        byte[] bytes = (CLIENT_HEADER + "<message><body>kept</body></message><message><body>pa").getBytes(UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertThat(decoder.feed(buffer)).hasSize(2);
        assertThat(buffer.position()).isZero();
        Arrays.fill(bytes, (byte) 'X');                      // the transport recycles its buffer
        List<StreamEvent> rest = decoder.feed(utf8("rt</body></message>"));
        assertThat(element(rest.get(0)).child("jabber:client", "body").map(XmlElement::text)).contains("part");
    }

    @Test
    void offeringBeforeDrainingIsAProgrammingError() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.offer(utf8(CLIENT_HEADER + "<a/>"));
        assertThatThrownBy(() -> decoder.offer(utf8("<b/>"))).isInstanceOf(IllegalStateException.class);
    }

    // --- stream restarts (RFC 6120 §5.4.3.3, §6.4.6) ---

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 13, 100_000})
    void restartHandsPipelinedBytesToTheNewStream(int chunkSize) {
        String success = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
        String newStream = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams' id='second' version='1.0'>"
                + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>";
        byte[] bytes = (CLIENT_HEADER + success + newStream).getBytes(UTF_8);

        XmppStreamDecoder decoder = new XmppStreamDecoder();
        List<StreamEvent> events = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += chunkSize) {
            decoder.offer(ByteBuffer.wrap(bytes, offset, Math.min(chunkSize, bytes.length - offset)));
            while (decoder.hasNext()) {
                StreamEvent event = decoder.next();
                events.add(event);
                if (event instanceof StreamEvent.Element e && e.element().localName().equals("success")) {
                    ByteBuffer pending = decoder.restart();
                    if (chunkSize == 100_000) {
                        assertThat(UTF_8.decode(pending).toString()).isEqualTo(newStream);
                    }
                }
            }
        }
        assertThat(events).hasSize(4);
        assertThat(((StreamEvent.Opened) events.get(2)).header().attribute("id")).contains("second");
        assertThat(element(events.get(3)).localName()).isEqualTo("features");
    }

    @Test
    void restartAfterTheLastByteOfAChunkHasNothingPending() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.offer(utf8(CLIENT_HEADER + "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"));
        decoder.next();
        decoder.next();
        assertThat(decoder.restart().remaining()).isZero();
        assertThat(decoder.hasNext()).isFalse();
        assertThat(decoder.feed(utf8(CLIENT_HEADER))).hasSize(1);
    }

    static Stream<byte[]> injectedAfterProceed() {
        return Stream.of(new byte[] {(byte) 0x16, 0x03, 0x01, 0x00, (byte) 0xFF, '<', 'm', '/', '>'},  // TLS record
                "<iq type='result' id='evil'/>".getBytes(UTF_8),                                       // XML
                "<?xml version='1.0'?><stream:stream xmlns='jabber:client'".getBytes(UTF_8),           // a header
                "garbage".getBytes(UTF_8));
    }

    @ParameterizedTest
    @MethodSource("injectedAfterProceed")
    void bytesAfterProceedCanBeSeenAndDiscardedUnparsed(byte[] injected) {
        byte[] head = (CLIENT_HEADER + "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").getBytes(UTF_8);
        ByteBuffer chunk = ByteBuffer.allocate(head.length + injected.length).put(head).put(injected).flip();

        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.offer(chunk);
        assertThat(decoder.next()).isInstanceOf(StreamEvent.Opened.class);
        assertThat(element(decoder.next()).localName()).isEqualTo("proceed");
        ByteBuffer pending = decoder.restart();
        byte[] seen = new byte[pending.remaining()];
        pending.get(seen);
        assertThat(seen).isEqualTo(injected);
        decoder.discardPending();
        assertThat(decoder.hasNext()).isFalse();
        assertThat(decoder.feed(utf8(CLIENT_HEADER + "<a/>"))).hasSize(2);
    }

    @Test
    void restartAllowsANewXmlDeclarationThatTheOldStreamForbids() {
        String late = CLIENT_HEADER + "<a/><?xml version='1.0'?>";
        assertThatThrownBy(() -> new XmppStreamDecoder().feed(utf8(late)))
                .isInstanceOfSatisfying(StreamErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.RESTRICTED_XML));
    }

    @Test
    void restartAfterNextMustNotFollowAHasNextThatParsedAhead() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.offer(utf8(CLIENT_HEADER + "<a/><b/>"));
        decoder.next();
        decoder.next();
        assertThat(decoder.hasNext()).isTrue();
        assertThatThrownBy(decoder::restart).isInstanceOf(IllegalStateException.class);
    }

    /** A restart after hasNext() read on past the last event cannot say what belongs to the new stream. */
    @Test
    void restartAfterTheDecoderReadOnIntoAPartialElementIsRefused() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.offer(utf8(CLIENT_HEADER + "<success/><a>x]"));
        decoder.next();
        decoder.next();
        assertThat(decoder.hasNext()).isFalse();
        decoder.offer(utf8("]></a>"));
        assertThatThrownBy(decoder::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void restartingTwiceHandsOverTheSamePendingBytes() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.offer(utf8(CLIENT_HEADER + "<success/>" + CLIENT_HEADER));
        decoder.next();
        decoder.next();
        int pending = decoder.restart().remaining();
        assertThat(pending).isEqualTo(utf8(CLIENT_HEADER).remaining());
        assertThat(decoder.restart().remaining()).isEqualTo(pending);
        assertThat(decoder.next()).isInstanceOf(StreamEvent.Opened.class);
    }

    /** The names an old stream brought do not count against the new stream's header. */
    @Test
    void aRestartedStreamsHeaderIsNotChargedWithTheOldStreamsNames() {
        DecoderLimits limits = DecoderLimits.defaults().withMaxDistinctNames(10);
        XmppStreamDecoder decoder = new XmppStreamDecoder(limits);
        decoder.offer(utf8(CLIENT_HEADER + "<a b='1' c='2' d='3' e='4' f='5' g='6' h='7'/>"));
        decoder.next();
        decoder.next();
        decoder.restart();
        String header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='x' from='y' version='1.0'>";
        assertThat(decoder.feed(utf8(header))).hasSize(1);
    }

    /** A start tag that never ends cannot make the decoder record more values than maxAttributes allows. */
    @Test
    void quotedValuesBeyondMaxAttributesAreRefusedBeforeTheTagEnds() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(DecoderLimits.defaults().withMaxAttributes(8));
        decoder.feed(utf8(CLIENT_HEADER + "<a "));
        assertThatThrownBy(() -> decoder.feed(utf8("x='' ".repeat(9))))
                .isInstanceOfSatisfying(StreamErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION));
    }

    /** Error messages may go back to the peer as the stream error's text: they quote its bytes, never copy them. */
    @Test
    void errorMessagesQuoteAtMostAFewBytesOfTheInput() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.feed(utf8(CLIENT_HEADER));
        assertThatThrownBy(() -> decoder.feed(utf8("<a></" + "b".repeat(200_000) + ">")))
                .isInstanceOfSatisfying(StreamErrorException.class, e -> {
                    assertThat(e.condition()).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
                    assertThat(e.getMessage()).contains("does not match").hasSizeLessThan(200);
                });
    }

    @Test
    void goodElementsBeforeAnErrorInTheSameChunkAreDelivered() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        decoder.offer(utf8(CLIENT_HEADER + "<message><body>good</body></message><!-- bad -->"));
        assertThat(decoder.next()).isInstanceOf(StreamEvent.Opened.class);
        assertThat(element(decoder.next()).child("jabber:client", "body").map(XmlElement::text)).contains("good");
        assertThatThrownBy(decoder::hasNext).isInstanceOfSatisfying(StreamErrorException.class,
                e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.RESTRICTED_XML));
        assertThatThrownBy(() -> decoder.offer(utf8("<a/>"))).isInstanceOf(StreamErrorException.class);
    }

    @Test
    void aNonUtf8EncodingDeclarationIsUnsupportedEncoding() {
        assertThatThrownBy(() -> new XmppStreamDecoder().feed(utf8("<?xml version='1.0' encoding='ISO-8859-1'?>"
                + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>")))
                .isInstanceOfSatisfying(StreamErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.UNSUPPORTED_ENCODING));
    }

    @Test
    void aStreamWithoutXmlDeclarationIsAccepted() {
        List<StreamEvent> events = new XmppStreamDecoder().feed(utf8("<stream:stream xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams'><presence/>"));
        assertThat(events).hasSize(2);
    }

    // --- limits over a long stream ---

    @Test
    void theElementLimitAppliesPerElementNotToTheWholeStream() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(DecoderLimits.defaults().withMaxElementBytes(300));
        assertThat(decoder.feed(utf8(CLIENT_HEADER))).hasSize(1);
        for (int i = 0; i < 2_000; i++) {
            assertThat(decoder.feed(utf8("<presence id='" + i + "'/>"))).hasSize(1);
            assertThat(decoder.feed(utf8(i % 2 == 0 ? " " : "\n\t"))).isEmpty();   // whitespace keepalives
        }
        assertThat(decoder.feed(utf8("</stream:stream>"))).containsExactly(new StreamEvent.Closed());
        assertThat(decoder.feed(utf8("\n"))).isEmpty();
    }

    @Test
    void keepalivesAloneNeverAddUpToAViolation() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(DecoderLimits.defaults().withMaxElementBytes(300));
        decoder.feed(utf8(CLIENT_HEADER));
        for (int i = 0; i < 5_000; i++) {
            assertThat(decoder.feed(utf8(" "))).isEmpty();
        }
        assertThat(decoder.feed(utf8("<presence/>"))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 8192})
    void aStartTagThatNeverEndsIsStoppedAtTheLimit(int chunkSize) {
        int limit = 4096;
        XmppStreamDecoder decoder = new XmppStreamDecoder(DecoderLimits.defaults().withMaxElementBytes(limit));
        decoder.feed(utf8(CLIENT_HEADER));
        long fed = 0;
        StreamErrorException error = null;
        try {
            decoder.feed(utf8("<message id='"));            // an attribute value that never ends
            byte[] chunk = new byte[chunkSize];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 10_000_000 / chunkSize; i++) {
                fed += chunkSize;
                decoder.feed(ByteBuffer.wrap(chunk));
            }
        } catch (StreamErrorException e) {
            error = e;
        }
        assertThat(error).isNotNull();
        assertThat(error.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
        assertThat(fed).isLessThanOrEqualTo(limit + 16 * 1024 + chunkSize);
    }

    // --- the parser's name tables (maxDistinctNames) ---

    @ParameterizedTest
    @ValueSource(longs = {5, 77, 2026})
    void renewingTheParserBetweenElementsChangesNoEvent(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder stream = new StringBuilder("<?xml version='1.0'?><s:stream xmlns='jabber:client'"
                + " xmlns:s='http://etherx.jabber.org/streams' xmlns:x='urn:x&apos;&amp;' xmlns:t='urn:t&#x9;a'>");
        for (int i = 0; i < 300; i++) {
            stream.append("<message id='").append(i).append("'><x:n").append(i).append(" x:a").append(i)
                    .append("='v'/><t:k/><body>\u00e9").append(i).append("</body></message>");
        }
        stream.append("</s:stream>");
        byte[] bytes = stream.toString().getBytes(UTF_8);
        List<StreamEvent> unrenewed = new XmppStreamDecoder(DecoderLimits.defaults().withMaxDistinctNames(100_000))
                .feed(ByteBuffer.wrap(bytes));
        assertThat(unrenewed).hasSize(302);
        XmlElement first = element(unrenewed.get(1));
        assertThat(first.child("urn:x'&", "n0")).isPresent();
        assertThat(first.child("urn:t\ta", "k")).isPresent();

        List<Integer> sizes = new ArrayList<>();
        for (int left = bytes.length; left > 0; ) {
            int size = Math.min(left, 1 + random.nextInt(300));
            sizes.add(size);
            left -= size;
        }
        XmppStreamDecoder renewing = new XmppStreamDecoder(DecoderLimits.defaults().withMaxDistinctNames(8));
        List<StreamEvent> events = new ArrayList<>();
        int offset = 0;
        for (int size : sizes) {
            events.addAll(renewing.feed(ByteBuffer.wrap(bytes, offset, size)));
            offset += size;
        }
        assertThat(events).isEqualTo(unrenewed);
    }

    @Test
    void anElementThatBringsMoreDistinctNamesThanTheLimitIsAPolicyViolation() {
        DecoderLimits limits = DecoderLimits.defaults().withMaxDistinctNames(20);
        XmppStreamDecoder atTheLimit = new XmppStreamDecoder(limits);
        atTheLimit.feed(utf8(CLIENT_HEADER));
        assertThat(atTheLimit.feed(utf8(elementWithDistinctNames(20)))).hasSize(1);

        XmppStreamDecoder overTheLimit = new XmppStreamDecoder(limits);
        overTheLimit.feed(utf8(CLIENT_HEADER));
        assertThatThrownBy(() -> overTheLimit.feed(utf8(elementWithDistinctNames(21))))
                .isInstanceOfSatisfying(StreamErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION));
    }

    // <m0><m1/>...</m0>: `count` element names that the stream header did not use
    static String elementWithDistinctNames(int count) {
        StringBuilder element = new StringBuilder("<m0>");
        for (int i = 1; i < count; i++) {
            element.append("<m").append(i).append("/>");
        }
        return element.append("</m0>").toString();
    }

    static List<StreamEvent> decodeInChunks(byte[] bytes, int[] sizes) {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        List<StreamEvent> events = new ArrayList<>();
        int offset = 0;
        for (int size : sizes) {
            // a fresh array per chunk, scribbled over after use, as a socket's recycled buffer would be
            byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + size);
            events.addAll(decoder.feed(ByteBuffer.wrap(chunk)));
            Arrays.fill(chunk, (byte) 0);
            offset += size;
        }
        assertThat(offset).isEqualTo(bytes.length);
        return events;
    }

    static String randomText(SplittableRandom random) {
        String[] pieces = {"hello", " ", "\u00e9t\u00e9", "\u4e2d\u6587", "\uD83D\uDE00", "&amp;", "&lt;",
            "&#x1F600;", "<![CDATA[a<b]]>", "\u0159", "\n", "'\""};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(1, 12); i > 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    static XmlElement element(StreamEvent event) {
        assertThat(event).isInstanceOf(StreamEvent.Element.class);
        return ((StreamEvent.Element) event).element();
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8));
    }
}
