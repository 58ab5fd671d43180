package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.tcp.XmppOverTcp.WAIT;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.xmppreactive.test.TestCertificates;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.transport.Transport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The transport itself, without XMPP on top: reads follow demand, TLS starts in place, close closes. */
class NettyTransportTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();

    /** A server whose connections wait in a queue, open until the binding closes. */
    private static final class Parked implements AutoCloseable {
        final BlockingQueue<Transport> accepted = new LinkedBlockingQueue<>();
        final Binding binding;

        Parked(TcpServerTransport server, Function<Transport, Publisher<Void>> also) {
            binding = server.port(0).bind(transport -> {
                accepted.add(transport);
                return Mono.from(also.apply(transport)).then(Mono.never());
            }).block(WAIT);
        }

        Transport next() throws InterruptedException {
            Transport transport = accepted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(transport).as("an accepted connection").isNotNull();
            return transport;
        }

        NettyTransport connect(TcpClientTransport client) {
            return (NettyTransport) client.host("127.0.0.1").port(binding.port()).connect("example.com").block(WAIT);
        }

        @Override
        public void close() {
            binding.close().block(WAIT);
        }
    }

    @Test
    void startTlsHandshakeCompletesWhileNobodyReads() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create().tls(CERTIFICATES.serverContext("example.com")),
                transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create()
                    .trust(TrustOptions.of(CERTIFICATES.trustManagerFactory())));
            Transport accepted = server.next();

            // neither side has subscribed to receive(): the SslHandlers read for themselves
            Mono<TlsInfo> serverTls = accepted.startTls(TlsRole.SERVER).cache();
            serverTls.subscribe();
            TlsInfo clientTls = client.startTls(TlsRole.CLIENT).block(WAIT);

            assertThat(clientTls.protocol()).isEqualTo("TLSv1.3");
            assertThat(serverTls.block(WAIT).cipherSuite()).isEqualTo(clientTls.cipherSuite());
            assertThat(client.tlsInfo()).contains(clientTls);
            assertThat(accepted.tlsInfo()).isPresent();

            client.send(Mono.just(utf8("<message/>"))).block(WAIT);
            StepVerifier.create(accepted.receive().map(NettyTransportTest::text).take(1))
                    .expectNext("<message/>").verifyComplete();
            client.close().block(WAIT);
        }
    }

    @Test
    void nothingIsReadWithoutDemandAndEachRequestReadsOnce() throws Exception {
        byte[] flood = new byte[1 << 20];
        Arrays.fill(flood, (byte) 'x');
        try (Parked server = new Parked(TcpServerTransport.create(),
                transport -> transport.send(Mono.just(ByteBuffer.wrap(flood))))) {
            NettyTransport client = server.connect(TcpClientTransport.create());
            server.next();
            Thread.sleep(300);
            assertThat(client.bytesRead()).as("bytes read before anyone asked").isZero();

            AtomicLong received = new AtomicLong();
            Flux<ByteBuffer> all = client.receive()
                    .doOnNext(buffer -> received.addAndGet(buffer.remaining()))
                    .takeUntil(buffer -> received.get() >= flood.length);
            StepVerifier.create(all, 1)
                    .expectNextCount(1)
                    .then(() -> assertThat(client.bytesRead()).as("bytes read for one request")
                            .isPositive().isLessThanOrEqualTo(ONE_READ))
                    .thenAwait(Duration.ofMillis(200))
                    .then(() -> assertThat(client.bytesRead()).as("bytes read for one request, later")
                            .isLessThanOrEqualTo(ONE_READ))
                    .thenRequest(Long.MAX_VALUE)
                    .thenConsumeWhile(buffer -> true)
                    .verifyComplete();
            assertThat(client.bytesRead()).isEqualTo(flood.length);
        }
    }

    @Test
    void writesKeepTheOrderOfTheirCallsWhicheverThreadMakesThem() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create(), transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create());
            Transport accepted = server.next();
            CountDownLatch loopBusy = new CountDownLatch(1);
            CountDownLatch firstCalled = new CountDownLatch(1);
            client.eventLoop().execute(() -> {
                loopBusy.countDown();
                try {
                    firstCalled.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                client.send(Flux.just(utf8("sec"), utf8("ond"))).subscribe();   // on the loop, after the first
            });
            assertThat(loopBusy.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            client.send(Mono.just(utf8("first"))).subscribe();        // called from this thread, the loop being busy
            firstCalled.countDown();

            String received = accepted.receive().map(NettyTransportTest::text).scan(String::concat)
                    .takeUntil(text -> text.length() >= "firstsecond".length()).last().block(WAIT);
            assertThat(received).isEqualTo("firstsecond");
            client.close().block(WAIT);
        }
    }

    @Test
    void aWriteAfterTheConnectionClosedFailsAtOnce() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create(), transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create());
            server.next();
            client.close().block(WAIT);

            StepVerifier.create(client.send(Mono.just(utf8("too late"))))
                    .expectError(java.nio.channels.ClosedChannelException.class)
                    .verify(WAIT);
        }
    }

    @Test
    void receivedBuffersBelongToTheSubscriber() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create(),
                transport -> transport.send(Flux.just(utf8("one"), utf8("two"))))) {
            NettyTransport client = server.connect(TcpClientTransport.create());
            server.next();

            String received = client.receive()
                    .doOnNext(buffer -> assertThat(buffer.isDirect() || buffer.isReadOnly()).isFalse())
                    .map(NettyTransportTest::text)
                    .scan(String::concat)
                    .takeUntil(text -> text.length() >= 6)
                    .last()
                    .block(WAIT);
            client.close().block(WAIT);
            assertThat(received).isEqualTo("onetwo");
        }
    }

    @Test
    void receiveHasOneSubscriber() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create(), transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create());
            client.receive().subscribe();

            StepVerifier.create(client.receive()).expectError(IllegalStateException.class).verify(WAIT);
            client.close().block(WAIT);
        }
    }

    @Test
    void closingOneEndCompletesTheOtherEndsReceive() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create(), transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create());
            Transport accepted = server.next();

            StepVerifier.create(accepted.receive())
                    .then(() -> client.close().block(WAIT))
                    .expectComplete()
                    .verify(WAIT);
            client.close().block(WAIT); // twice is harmless
        }
    }

    @Test
    void closingTheBindingClosesItsConnections() throws Exception {
        Parked server = new Parked(TcpServerTransport.create(), transport -> Mono.empty());
        NettyTransport client = server.connect(TcpClientTransport.create());
        server.next();

        StepVerifier.create(client.receive())
                .then(server::close)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void startTlsWithoutTlsConfigurationFails() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create(), transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create());

            StepVerifier.create(server.next().startTls(TlsRole.SERVER))
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("no TLS configuration"))
                    .verify(WAIT);
            StepVerifier.create(client.startTls(TlsRole.SERVER))
                    .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("as CLIENT, not as SERVER"))
                    .verify(WAIT);
            client.close().block(WAIT);
        }
    }

    @Test
    void directTlsIsOnFromTheStartAndCannotBeStartedAgain() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create().tls(CERTIFICATES.serverContext("example.com"))
                .directTls(true), transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create().directTls(true)
                    .trust(TrustOptions.of(CERTIFICATES.trustManagerFactory())));

            assertThat(client.tlsInfo()).isPresent();
            assertThat(server.next().tlsInfo()).isPresent();
            StepVerifier.create(client.startTls(TlsRole.CLIENT))
                    .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("already on"))
                    .verify(WAIT);
            client.close().block(WAIT);
        }
    }

    @Test
    void clientSendsTheDomainAsSniAndAsksForXmppClientWithAlpn() throws Exception {
        try (Parked server = new Parked(TcpServerTransport.create().tls(CERTIFICATES.serverContext("example.com"))
                .directTls(true), transport -> Mono.empty())) {
            NettyTransport client = server.connect(TcpClientTransport.create().directTls(true)
                    .trust(TrustOptions.of(CERTIFICATES.trustManagerFactory())));
            NettyTransport accepted = (NettyTransport) server.next();

            // connected to 127.0.0.1, yet the name in SNI is the XMPP domain
            assertThat(accepted.sslSession()).hasValueSatisfying(session ->
                    assertThat(((ExtendedSSLSession) session).getRequestedServerNames())
                            .containsExactly(new SNIHostName("example.com")));
            assertThat(client.applicationProtocol()).hasValue("xmpp-client");
            assertThat(accepted.applicationProtocol()).hasValue("xmpp-client");
            client.close().block(WAIT);
        }
    }

    @Test
    void startTlsSendsSniButNoAlpn() throws Exception {
        Sinks.Empty<Void> serverHandshake = Sinks.empty();
        try (Parked server = new Parked(TcpServerTransport.create().tls(CERTIFICATES.serverContext("example.com")),
                transport -> transport.startTls(TlsRole.SERVER).doOnSuccess(tls -> serverHandshake.tryEmitEmpty())
                        .then())) {
            NettyTransport client = server.connect(TcpClientTransport.create()
                    .trust(TrustOptions.of(CERTIFICATES.trustManagerFactory())));
            NettyTransport accepted = (NettyTransport) server.next();
            client.startTls(TlsRole.CLIENT).block(WAIT);
            serverHandshake.asMono().block(WAIT); // TLS 1.3: the server finishes after the client

            assertThat(accepted.sslSession()).hasValueSatisfying(session ->
                    assertThat(((ExtendedSSLSession) session).getRequestedServerNames())
                            .containsExactly(new SNIHostName("example.com")));
            assertThat(client.applicationProtocol()).isEmpty();
            client.close().block(WAIT);
        }
    }

    @Test
    void directTlsWithoutTlsContextCannotBind() {
        StepVerifier.create(TcpServerTransport.create().port(0).directTls(true).bind(transport -> Mono.empty()))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("tls(...)"))
                .verify(WAIT);
    }

    /** Netty's adaptive receive buffer grows to at most 64 KiB: the most one socket read returns. */
    private static final long ONE_READ = 64 * 1024;

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }
}
