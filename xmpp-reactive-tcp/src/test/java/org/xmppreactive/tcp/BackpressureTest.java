package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.tcp.XmppOverTcp.WAIT;
import static org.xmppreactive.tcp.XmppOverTcp.alice;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.session.SessionSettings;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.test.TestCertificates;
import org.xmppreactive.xml.XmppStreamEncoder;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * A server floods a client with 100,000 messages over STARTTLS while the client's application takes them slowly:
 * the client's socket must stop reading, the server's sends must stall, and in the end every message arrives, in
 * order.
 *
 * <p>The bound on what the client may have read while its application has taken {@code n} messages:
 * {@code (n + inboundBuffer + 2) * messageSize + 3 * 64 KiB}. The session holds up to {@code inboundBuffer}
 * (256) decoded messages for the application and one more waiting for room; its decoder holds the rest of the buffer
 * it is working through (one socket read, at most 64 KiB); the transport may hold one more read that the
 * {@code SslHandler} issued by itself after a read that brought only part of a TLS record (64 KiB, plus the
 * record's 16 KiB remainder). Everything else waits in the kernel's socket buffers or in the server.
 */
class BackpressureTest {

    private static final int TOTAL = 100_000;
    private static final int STEP = 1_000;
    private static final long ONE_READ = 64 * 1024;
    private static final String BODY = "x".repeat(100);
    private static final Jid BOB = Jid.parse("bob@example.com/desk");

    @Test
    void floodStopsTheClientsReadsUntilTheApplicationAsksAndLosesNothing() throws Exception {
        TestCertificates certificates = TestCertificates.create();
        try (XmppOverTcp server = XmppOverTcp.startTls(certificates.serverContext("example.com"))) {
            TcpClientTransport tcp = server.clientTransport()
                    .trust(TrustOptions.of(certificates.trustManagerFactory()));
            AtomicReference<NettyTransport> transport = new AtomicReference<>();
            XmppSession client = alice(tcp).connector(domain -> tcp.connect(domain)
                            .doOnNext(connected -> transport.set((NettyTransport) connected)))
                    .build().login().block(WAIT);
            XmppSession atServer = server.nextServerSession();

            SlowApplication application = new SlowApplication();
            client.messages().subscribe(application);

            AtomicInteger sent = new AtomicInteger();
            AtomicReference<Throwable> sendError = new AtomicReference<>();
            Flux.range(0, TOTAL)
                    .concatMap(i -> atServer.send(message(client.jid(), i)).doOnSuccess(done -> sent.incrementAndGet()))
                    .subscribe(null, sendError::set);

            long messageSize = encodedSize(message(client.jid(), 0));
            int inboundBuffer = SessionSettings.defaults().inboundBuffer();
            for (int taken = 0; taken <= 3 * STEP; taken += STEP) {
                if (taken > 0) {
                    application.request(STEP);
                }
                application.awaitTaken(taken);
                awaitStall(sent);

                long bound = (taken + inboundBuffer + 2) * messageSize + 3 * ONE_READ;
                assertThat(transport.get().bytesRead())
                        .as("bytes the client read while its application had taken %d messages", taken)
                        .isLessThanOrEqualTo(bound);
                assertThat(sent.get()).as("sends completed while the client's application waits").isLessThan(TOTAL);
                assertThat(application.taken()).isEqualTo(taken);
            }

            application.request(Long.MAX_VALUE);
            application.awaitTaken(TOTAL, Duration.ofSeconds(30));

            assertThat(application.outOfOrder()).as("messages out of order").isZero();
            assertThat(sent.get()).isEqualTo(TOTAL);
            assertThat(sendError.get()).isNull();
            assertThat(transport.get().bytesRead()).isGreaterThan(TOTAL * messageSize);
            client.close().block(WAIT);
        }
    }

    /** Waits until the server's completed sends stop growing for 250 ms. */
    private static void awaitStall(AtomicInteger sent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            int now = sent.get();
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(250);
        }
        throw new AssertionError("the server's sends never stalled: " + sent.get() + " completed");
    }

    private static Message message(Jid to, int index) {
        return Message.builder().to(to).from(BOB).id(id(index)).type(MessageType.CHAT)
                .body(BODY).build();
    }

    /** {@code m1000000}, {@code m1000001}, ...: every id as long as the others, so every message has one size. */
    private static String id(int index) {
        return "m" + (1_000_000 + index);
    }

    private static long encodedSize(Message message) {
        return new XmppStreamEncoder("jabber:client").encode(message.toXml("jabber:client")).remaining();
    }

    /** Takes messages only as the test asks, and checks that they come in the order they were sent. */
    private static final class SlowApplication extends BaseSubscriber<Message> {
        private final AtomicInteger taken = new AtomicInteger();
        private final AtomicInteger outOfOrder = new AtomicInteger();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // nothing yet: the test decides when to ask
        }

        @Override
        protected void hookOnNext(Message message) {
            int expected = taken.getAndIncrement();
            if (!message.id().equals(Optional.of(id(expected)))) {
                outOfOrder.incrementAndGet();
            }
            synchronized (this) {
                notifyAll();   // wakes awaitTaken
            }
        }

        int taken() {
            return taken.get();
        }

        int outOfOrder() {
            return outOfOrder.get();
        }

        void awaitTaken(int count) throws InterruptedException {
            awaitTaken(count, Duration.ofSeconds(10));
        }

        synchronized void awaitTaken(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (taken.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the application got " + taken.get() + " of " + count + " messages");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
