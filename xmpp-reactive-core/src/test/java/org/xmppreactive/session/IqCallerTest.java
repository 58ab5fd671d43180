package org.xmppreactive.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** IQ correlation by id and sender. */
class IqCallerTest {

    private final List<Iq> sent = new ArrayList<>();
    private final IqCaller caller = new IqCaller(8, iq -> {
        sent.add(iq);
        return Mono.empty();
    });
    private final Jid bob = Jid.parse("bob@example.com/tab");

    private Iq request(String id) {
        return Iq.get(id, XmlElement.builder("urn:x", "q").build()).withTo(bob);
    }

    @Test
    void anIdCanBeReusedAsSoonAsItsReplyArrived() {
        Iq first = request("same");
        Mono<Iq> second = caller.call(request("same"), Duration.ofSeconds(5)).cache();
        StepVerifier.create(caller.call(first, Duration.ofSeconds(5))
                        .doOnNext(reply -> second.subscribe()))   // the app asks again from the reply's callback
                .then(() -> caller.accept(first.result().withFrom(bob)))
                .expectNextCount(1)
                .verifyComplete();

        assertThat(caller.accept(first.result().withFrom(bob))).isTrue();
        StepVerifier.create(second).expectNextCount(1).verifyComplete();
    }

    @Test
    void aReplyFromAnotherJidIsNotTheReply() {
        Iq request = request("q1");
        caller.call(request, Duration.ofSeconds(5)).subscribe(reply -> { }, error -> { });

        assertThat(caller.accept(request.result().withFrom(Jid.parse("mallory@example.com/x")))).isFalse();
        assertThat(caller.pendingCount()).isEqualTo(1);
        assertThat(caller.accept(request.result().withFrom(bob))).isTrue();
        assertThat(caller.pendingCount()).isZero();
    }

    @Test
    void tooManyPendingRequestsFailAtOnce() {
        for (int i = 0; i < 8; i++) {
            caller.call(request("p" + i), Duration.ofSeconds(5)).subscribe(reply -> { }, error -> { });
        }

        StepVerifier.create(caller.call(request("p8"), Duration.ofSeconds(5)))
                .expectError(IllegalStateException.class).verify();
    }
}
