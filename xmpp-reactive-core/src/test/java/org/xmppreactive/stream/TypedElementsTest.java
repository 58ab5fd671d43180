package org.xmppreactive.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.XmppStreamDecoder;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class TypedElementsTest {

    static Flux<ByteBuffer> bytes(String... chunks) {
        return Flux.just(chunks).map(s -> ByteBuffer.wrap(s.getBytes(UTF_8)));
    }

    @Test
    void elementsAreTypedWithTheContentNamespaceOfTheirStream() {
        Flux<ByteBuffer> server = bytes("<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'>",
                "<message from='a@example.net' to='b@example.com'><body>s2s</body></message>",
                "<message xmlns='jabber:client'><body>not a server stanza</body></message></stream:stream>");

        StepVerifier.create(TypedElements.of(XmppStreamDecoder.decode(server, DecoderLimits.defaults())))
                .expectNextMatches(e -> e instanceof Message m && m.body().orElseThrow().equals("s2s"))
                .expectNextMatches(e -> e instanceof UnknownNonza)
                .verifyComplete();
    }

    @Test
    void demandPassesThroughOneElementAtATime() {
        AtomicLong requested = new AtomicLong();
        Flux<ByteBuffer> client = bytes("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>",
                "<presence/>", "<message><body>1</body></message>", "<message><body>2</body></message>")
                .doOnRequest(requested::addAndGet);

        StepVerifier.create(TypedElements.of(XmppStreamDecoder.decode(client, DecoderLimits.defaults())), 0)
                .thenRequest(1)
                .expectNextMatches(e -> e instanceof Presence)
                .then(() -> org.assertj.core.api.Assertions.assertThat(requested).hasValue(2))
                .thenRequest(1)
                .expectNextMatches(e -> e instanceof Message)
                .expectNoEvent(Duration.ofMillis(20))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
