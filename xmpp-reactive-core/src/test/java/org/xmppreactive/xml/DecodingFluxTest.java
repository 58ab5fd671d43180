package org.xmppreactive.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xmppreactive.stream.StreamErrorCondition;
import org.xmppreactive.stream.StreamErrorException;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class DecodingFluxTest {

    static final String HEADER = XmppStreamDecoderTest.CLIENT_HEADER;

    static String messages(int from, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            s.append("<message id='").append(i).append("'><body>n").append(i).append("</body></message>");
        }
        return s.toString();
    }

    @Test
    void aSubscriberRequestingOneAtATimeGetsExactlyThatManyAndUpstreamIsAskedOnlyWhenNeeded() {
        AtomicLong upstreamRequested = new AtomicLong();
        // chunk 1: header and three messages; chunk 2: three more
        Flux<ByteBuffer> bytes = Flux.just(HEADER + messages(0, 3), messages(3, 3))
                .map(s -> ByteBuffer.wrap(s.getBytes(UTF_8)))
                .doOnRequest(upstreamRequested::addAndGet);

        StepVerifier.create(XmppStreamDecoder.decode(bytes, DecoderLimits.defaults()), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20))
                .then(() -> assertThat(upstreamRequested).as("nothing asked before demand").hasValue(0))
                .thenRequest(1)
                .expectNextMatches(e -> e instanceof StreamEvent.Opened)
                .then(() -> assertThat(upstreamRequested).hasValue(1))
                .thenRequest(1)
                .expectNextMatches(e -> id(e).equals("0"))
                .thenRequest(2)
                .expectNextMatches(e -> id(e).equals("1"))
                .expectNextMatches(e -> id(e).equals("2"))
                .expectNoEvent(Duration.ofMillis(20))
                .then(() -> assertThat(upstreamRequested).as("one buffer holds what was asked for").hasValue(1))
                .thenRequest(1)
                .expectNextMatches(e -> id(e).equals("3"))
                .then(() -> assertThat(upstreamRequested).hasValue(2))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(2)
                .verifyComplete();
    }

    @Test
    void buffersWithoutACompleteEventPullTheNextOneWhileDemandIsOpen() {
        byte[] bytes = (HEADER + messages(0, 50) + "</stream:stream>").getBytes(UTF_8);
        List<ByteBuffer> oneByteChunks = new ArrayList<>();
        for (byte b : bytes) {
            oneByteChunks.add(ByteBuffer.wrap(new byte[] {b}));
        }
        StepVerifier.create(XmppStreamDecoder.decode(Flux.fromIterable(oneByteChunks), DecoderLimits.defaults()))
                .expectNextMatches(e -> e instanceof StreamEvent.Opened)
                .expectNextCount(50)
                .expectNextMatches(e -> e instanceof StreamEvent.Closed)
                .verifyComplete();
    }

    @Test
    void theBufferIsDecodedBeforeOnNextReturnsSoTheTransportMayRecycleIt() {
        byte[] whole = (HEADER + messages(0, 200) + "</stream:stream>").getBytes(UTF_8);
        byte[] recycled = new byte[97];
        AtomicLong offset = new AtomicLong();
        Flux<ByteBuffer> reusingOneBuffer = Flux.<ByteBuffer>generate(sink -> {
            int from = (int) offset.get();
            if (from >= whole.length) {
                sink.complete();
                return;
            }
            Arrays.fill(recycled, (byte) 'X');       // whatever the last reader left is gone
            int length = Math.min(recycled.length, whole.length - from);
            System.arraycopy(whole, from, recycled, 0, length);
            offset.addAndGet(length);
            sink.next(ByteBuffer.wrap(recycled, 0, length));
        });
        List<StreamEvent> expected = new XmppStreamDecoder().feed(ByteBuffer.wrap(whole));

        StepVerifier.create(XmppStreamDecoder.decode(reusingOneBuffer, DecoderLimits.defaults())
                        .publishOn(Schedulers.parallel(), 1))
                .expectNextSequence(expected)
                .verifyComplete();
    }

    @Test
    void goodEventsComeBeforeTheErrorAndTheUpstreamIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<ByteBuffer> bytes = Flux.just(HEADER + messages(0, 2) + "<!-- no -->", messages(2, 1))
                .map(s -> ByteBuffer.wrap(s.getBytes(UTF_8)))
                .doOnCancel(() -> cancelled.set(true));

        StepVerifier.create(XmppStreamDecoder.decode(bytes, DecoderLimits.defaults()))
                .expectNextMatches(e -> e instanceof StreamEvent.Opened)
                .expectNextMatches(e -> id(e).equals("0"))
                .expectNextMatches(e -> id(e).equals("1"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(StreamErrorException.class,
                        s -> assertThat(s.condition()).isEqualTo(StreamErrorCondition.RESTRICTED_XML)))
                .verify(Duration.ofSeconds(5));
        assertThat(cancelled).isTrue();
    }

    @Test
    void aLimitCrossedMidStreamIsAPolicyViolation() {
        Flux<ByteBuffer> bytes = Flux.just(HEADER, "<message><body>" + "x".repeat(2000) + "</body></message>")
                .map(s -> ByteBuffer.wrap(s.getBytes(UTF_8)));
        StepVerifier.create(XmppStreamDecoder.decode(bytes, DecoderLimits.defaults().withMaxElementBytes(1024)))
                .expectNextMatches(e -> e instanceof StreamEvent.Opened)
                .expectErrorSatisfies(e -> assertThat(((StreamErrorException) e).condition())
                        .isEqualTo(StreamErrorCondition.POLICY_VIOLATION))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void upstreamErrorsPassThroughAfterTheEventsAlreadyDecoded() {
        Flux<ByteBuffer> bytes = Flux.concat(Flux.just(ByteBuffer.wrap((HEADER + messages(0, 1)).getBytes(UTF_8))),
                Flux.error(new java.io.IOException("connection reset")));
        StepVerifier.create(XmppStreamDecoder.decode(bytes, DecoderLimits.defaults()))
                .expectNextCount(2)
                .expectErrorMessage("connection reset")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void cancellingStopsTheUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<ByteBuffer> endless = Flux.concat(Flux.just(HEADER), Flux.range(0, Integer.MAX_VALUE).map(i -> messages(i, 1)))
                .map(s -> ByteBuffer.wrap(s.getBytes(UTF_8)))
                .doOnCancel(() -> cancelled.set(true));
        StepVerifier.create(XmppStreamDecoder.decode(endless, DecoderLimits.defaults()).take(10))
                .expectNextCount(10)
                .verifyComplete();
        assertThat(cancelled).isTrue();
    }

    static String id(StreamEvent event) {
        return ((StreamEvent.Element) event).element().attribute("id").orElseThrow();
    }
}
