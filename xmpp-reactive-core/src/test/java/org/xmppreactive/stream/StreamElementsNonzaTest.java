package org.xmppreactive.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.sasl.MalformedSaslException;
import org.xmppreactive.sasl.SaslAbort;
import org.xmppreactive.sasl.SaslAuth;
import org.xmppreactive.sasl.SaslChallenge;
import org.xmppreactive.sasl.SaslData;
import org.xmppreactive.sasl.SaslFailure;
import org.xmppreactive.sasl.SaslFailureCondition;
import org.xmppreactive.sasl.SaslResponse;
import org.xmppreactive.sasl.SaslSuccess;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class StreamElementsNonzaTest {

    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String CLIENT = "jabber:client";
    static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    static XmlElement parse(String xml) {
        List<StreamEvent> events = new XmppStreamDecoder().feed(ByteBuffer.wrap((HEADER + xml).getBytes(UTF_8)));
        return ((StreamEvent.Element) events.get(1)).element();
    }

    static StreamElement decode(String xml) {
        return StreamElements.decode(parse(xml), CLIENT);
    }

    static Stream<Arguments> everyNegotiationElement() {
        return Stream.of(
                Arguments.of("<starttls xmlns='" + TLS + "'><required/></starttls>", StartTls.advertised(true)),
                Arguments.of("<starttls xmlns='" + TLS + "'/>", StartTls.request()),
                Arguments.of("<proceed xmlns='" + TLS + "'/>", new Proceed()),
                Arguments.of("<failure xmlns='" + TLS + "'/>", new TlsFailure()),
                Arguments.of("<auth xmlns='" + SASL + "' mechanism='PLAIN'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>",
                        SaslAuth.of("PLAIN", SaslData.ofUtf8("\0juliet\0r0m30myr0m30"))),
                Arguments.of("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>=</auth>",
                        SaslAuth.of("EXTERNAL", SaslData.empty())),
                Arguments.of("<challenge xmlns='" + SASL + "'>cj1hYmMscz1kZWYsaT00MDk2</challenge>",
                        SaslChallenge.of(SaslData.ofUtf8("r=abc,s=def,i=4096"))),
                Arguments.of("<response xmlns='" + SASL + "'/>", SaslResponse.of(SaslData.empty())),
                Arguments.of("<success xmlns='" + SASL + "'/>", SaslSuccess.withoutData()),
                Arguments.of("<failure xmlns='" + SASL + "'><aborted/></failure>",
                        SaslFailure.of(SaslFailureCondition.ABORTED)),
                Arguments.of("<abort xmlns='" + SASL + "'/>", new SaslAbort()));
    }

    @ParameterizedTest
    @MethodSource("everyNegotiationElement")
    void everyStartTlsAndSaslElementIsTyped(String xml, StreamElement expected) {
        StreamElement typed = decode(xml);

        assertThat(typed).isEqualTo(expected);
        assertThat(typed.toXml(CLIENT)).isEqualTo(parse(xml));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<auth xmlns='" + SASL + "' mechanism='PLAIN'>not base64!</auth>",
        "<auth xmlns='" + SASL + "'>AGp1bGlldAByMG0zMG15cjBtMzA=</auth>",
        "<auth xmlns='" + SASL + "' mechanism='plain'/>",
        "<challenge xmlns='" + SASL + "'>cj1hYmM</challenge>",
        "<response xmlns='" + SASL + "'>c=biws,r=x</response>",
        "<success xmlns='" + SASL + "'>v=abc</success>"})
    void aMalformedSaslElementIsUnknownAndNeverThrows(String xml) {
        StreamElement typed = decode(xml);

        assertThat(typed).isEqualTo(new UnknownNonza(parse(xml)));
    }

    @Test
    void reReadingAMalformedAuthGivesTheConditionToAnswerWith() {
        UnknownNonza unknown = (UnknownNonza) decode("<auth xmlns='" + SASL + "' mechanism='PLAIN'>AGp1 bGll</auth>");

        MalformedSaslException malformed = org.junit.jupiter.api.Assertions.assertThrows(MalformedSaslException.class,
                () -> SaslAuth.fromXml(unknown.element()));

        assertThat(malformed.condition()).isEqualTo(SaslFailureCondition.INCORRECT_ENCODING);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<mechanisms xmlns='" + SASL + "'><mechanism>PLAIN</mechanism></mechanisms>", // a feature, not top-level
        "<bogus xmlns='" + SASL + "'/>",
        "<required xmlns='" + TLS + "'/>",
        "<failure xmlns='urn:example'/>",
        "<auth xmlns='urn:example' mechanism='PLAIN'/>"})
    void otherElementsOfTheseNamespacesOrTheseNamesElsewhereStayUnknown(String xml) {
        assertThat(decode(xml)).isEqualTo(new UnknownNonza(parse(xml)));
    }

    @Test
    void aSaslFailureAndATlsFailureAreToldApartByNamespace() {
        assertThat(decode("<failure xmlns='" + TLS + "'/>")).isInstanceOf(TlsFailure.class);
        assertThat(decode("<failure xmlns='" + SASL + "'><not-authorized/></failure>")).isInstanceOf(SaslFailure.class);
    }

    @Test
    void aScramConversationIsTypedInOrderOffTheWire() {
        Flux<ByteBuffer> server = Flux.just(
                "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
                "<stream:features><starttls xmlns='" + TLS + "'><required/></starttls></stream:features>",
                "<proceed xmlns='" + TLS + "'/>",
                "<challenge xmlns='" + SASL + "'>cj1hYmMscz1kZWYsaT00MDk2</challenge>",
                "<success xmlns='" + SASL + "'>dj1wTk5ERlZFUXh1WHhDb1NFaVc4R0VaKzFSU289</success>",
                "</stream:stream>").map(s -> ByteBuffer.wrap(s.getBytes(UTF_8)));

        StepVerifier.create(TypedElements.of(XmppStreamDecoder.decode(server, DecoderLimits.defaults())))
                .expectNextMatches(e -> e instanceof StreamFeatures f && StartTls.advertisedIn(f).orElseThrow().required())
                .expectNext(new Proceed())
                .expectNext(SaslChallenge.of(SaslData.ofUtf8("r=abc,s=def,i=4096")))
                .expectNext(SaslSuccess.of(SaslData.ofUtf8("v=pNNDFVEQxuXxCoSEiW8GEZ+1RSo=")))
                .verifyComplete();
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void randomSaslDataSurvivesEncodeAndDecode(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100; i++) {
            byte[] octets = new byte[random.nextInt(40)];
            random.nextBytes(octets);
            SaslData data = SaslData.of(octets);
            StreamElement element = switch (random.nextInt(4)) {
                case 0 -> SaslAuth.of("SCRAM-SHA-1", data);
                case 1 -> SaslChallenge.of(data);
                case 2 -> SaslResponse.of(data);
                default -> SaslSuccess.of(data);
            };

            assertThat(StreamElements.decode(parse(element.toXml(CLIENT).toString()), CLIENT)).isEqualTo(element);
        }
    }
}
