package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xmppreactive.transport.TlsRole;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class InMemoryTransportTest {

    @Test
    void bytesSentByOneEndArriveAtTheOtherBothWays() {
        TransportPair pair = InMemoryTransport.pair();

        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text))
                .then(() -> pair.client().send(Mono.just(utf8("<stream:stream>"))).subscribe())
                .expectNext("<stream:stream>")
                .thenCancel()
                .verify();
        StepVerifier.create(pair.client().receive().map(InMemoryTransportTest::text))
                .then(() -> pair.server().send(Flux.just(utf8("<stream:stream>"), utf8("<features/>"))).subscribe())
                .expectNext("<stream:stream>", "<features/>")
                .thenCancel()
                .verify();
    }

    @Test
    void eachSentBufferIsOneReceivedBuffer() {
        TransportPair pair = InMemoryTransport.pair();
        pair.client().send(Flux.just(utf8("<a/>"), utf8("<b/>"), utf8("<c/>"))).subscribe();

        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text), 0)
                .expectSubscription()
                .thenRequest(2)
                .expectNext("<a/>", "<b/>")
                .thenRequest(1)
                .expectNext("<c/>")
                .thenCancel()
                .verify();
    }

    @Test
    void everyByteChunkingDeliversOneByteABuffer() {
        TransportPair pair = PipeConfig.defaults().withChunking(Chunking.everyByte()).connect();
        pair.client().send(Mono.just(utf8("<iq/>"))).subscribe();

        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text))
                .expectNext("<", "i", "q", "/", ">")
                .thenCancel()
                .verify();
    }

    @Test
    void coalescedWritesArriveAsOneRead() {
        TransportPair pair = InMemoryTransport.pair();
        AtomicBoolean firstSendDone = new AtomicBoolean();

        pair.server().coalesceNextWrites(2);
        pair.server().send(Mono.just(utf8("<proceed/>"))).subscribe(null, null, () -> firstSendDone.set(true));
        assertThat(firstSendDone).as("the held-back write was accepted").isTrue();
        assertThat(pair.server().queuedBytes()).isEqualTo(10);
        pair.server().send(Mono.just(utf8("<message/>"))).subscribe();
        pair.server().send(Mono.just(utf8("<presence/>"))).subscribe();

        StepVerifier.create(pair.client().receive().map(InMemoryTransportTest::text))
                .expectNext("<proceed/><message/>", "<presence/>")
                .thenCancel()
                .verify();
    }

    @Test
    void aFloodingSenderWaitsForTheReaderAndThePipeStaysWithinItsCapacity() {
        int capacity = 1000;
        AtomicInteger largestQueue = new AtomicInteger();
        TransportPair pair = PipeConfig.defaults()
                .withCapacityBytes(capacity)
                .withWiretap((sender, bytes) -> largestQueue.accumulateAndGet(sender.queuedBytes(), Math::max))
                .connect();
        AtomicBoolean sent = new AtomicBoolean();
        pair.client().send(Flux.range(0, 10_000).map(i -> utf8(fiveDigits(i))))
                .subscribe(null, null, () -> sent.set(true));

        assertThat(pair.client().queuedBytes()).isEqualTo(capacity);
        assertThat(sent).as("send waits while the pipe is full").isFalse();

        List<String> received = new ArrayList<>();
        BaseSubscriber<ByteBuffer> reader = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                // request nothing yet
            }

            @Override
            protected void hookOnNext(ByteBuffer buffer) {
                received.add(text(buffer));
            }
        };
        pair.server().receive().subscribe(reader);
        assertThat(received).isEmpty();

        int requestsNotMetExactly = 0;
        int mostQueuedBetweenRequests = 0;
        for (int i = 0; i < 10_000; i++) {
            reader.request(1);
            requestsNotMetExactly += received.size() == i + 1 ? 0 : 1;
            mostQueuedBetweenRequests = Math.max(mostQueuedBetweenRequests, pair.client().queuedBytes());
        }
        reader.request(1);

        assertThat(requestsNotMetExactly).isZero();
        assertThat(mostQueuedBetweenRequests).isEqualTo(capacity);

        assertThat(received).hasSize(10_000)
                .isEqualTo(IntStream.range(0, 10_000).mapToObj(i -> fiveDigits(i)).toList());
        assertThat(largestQueue.get()).isEqualTo(capacity);
        assertThat(pair.client().queuedBytes()).isZero();
        assertThat(sent).isTrue();
    }

    @Test
    void aSenderOnAnotherThreadAndAReaderHereSeeEveryBufferInOrder() throws InterruptedException {
        TransportPair pair = PipeConfig.defaults().withCapacityBytes(64).connect();
        List<String> expected = IntStream.range(0, 5_000).mapToObj(i -> fiveDigits(i)).toList();
        Thread sender = new Thread(() -> pair.client().send(Flux.fromIterable(expected).map(InMemoryTransportTest::utf8))
                .then(pair.client().close())
                .subscribe());

        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text).collectList())
                .then(sender::start)
                .expectNext(expected)
                .expectComplete()
                .verify(java.time.Duration.ofSeconds(10));
        sender.join();
    }

    @Test
    void aWriteLargerThanTheCapacityEntersAnEmptyPipe() {
        TransportPair pair = PipeConfig.defaults().withCapacityBytes(4).connect();

        StepVerifier.create(pair.client().send(Mono.just(utf8("<message/>")))).verifyComplete();
        assertThat(pair.client().queuedBytes()).isEqualTo(10);
        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text))
                .expectNext("<message/>")
                .thenCancel()
                .verify();
    }

    @Test
    void closeCompletesThePeersReceiveAfterItReadWhatWasSent() {
        TransportPair pair = InMemoryTransport.pair();
        pair.client().send(Mono.just(utf8("</stream:stream>"))).subscribe();

        StepVerifier.create(pair.client().close()).verifyComplete();

        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text))
                .expectNext("</stream:stream>")
                .verifyComplete();
    }

    @Test
    void closeCompletesTheClosingEndsOwnReceive() {
        TransportPair pair = InMemoryTransport.pair();
        pair.server().send(Mono.just(utf8("unread"))).subscribe();

        StepVerifier.create(pair.client().receive(), 0)
                .then(() -> pair.client().close().subscribe())
                .verifyComplete();
    }

    @Test
    void sendsAfterCloseFailSayingWhichEndClosed() {
        TransportPair pair = InMemoryTransport.pair();
        pair.client().close().block();

        StepVerifier.create(pair.client().send(Mono.just(utf8("late"))))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("in-memory transport client is closed"));
        StepVerifier.create(pair.server().send(Mono.just(utf8("late"))))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("in-memory transport server: the peer (client) closed the connection"));
    }

    @Test
    void aSendWaitingForRoomFailsWhenThePeerCloses() {
        TransportPair pair = PipeConfig.defaults().withCapacityBytes(4).connect();
        pair.client().send(Mono.just(utf8("full"))).subscribe();

        StepVerifier.create(pair.client().send(Mono.just(utf8("waits"))))
                .then(() -> pair.server().close().subscribe())
                .verifyError(IllegalStateException.class);
    }

    @Test
    void closingTwiceIsHarmless() {
        TransportPair pair = InMemoryTransport.pair();

        StepVerifier.create(pair.close().then(pair.close())).verifyComplete();
    }

    @Test
    void receiveAllowsOneSubscriber() {
        TransportPair pair = InMemoryTransport.pair();
        pair.server().receive().subscribe();

        StepVerifier.create(pair.server().receive())
                .verifyErrorMessage("receive() of in-memory transport server allows only one subscriber");
    }

    @Test
    void startTlsWithoutATlsConfigFails() {
        TransportPair pair = InMemoryTransport.pair();

        StepVerifier.create(pair.client().startTls(TlsRole.CLIENT))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("has no TlsConfig"));
        assertThat(pair.client().tlsInfo()).isEmpty();
    }

    /** {@code i} zero-padded to five digits; cheaper than String.format in a 10,000-step loop. */
    static String fiveDigits(int i) {
        return Integer.toString(100_000 + i).substring(1);
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
