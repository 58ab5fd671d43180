package org.xmppreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.test.InMemoryTransportTest.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.transport.ChannelBinding;
import org.xmppreactive.transport.ChannelBindings;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

class InMemoryTransportTlsTest {

    static final TestCertificates CERTIFICATES = TestCertificates.create();

    static TlsConfig client() {
        return TlsConfig.client(CERTIFICATES.clientContext(), "example.org");
    }

    static TlsConfig server() {
        return TlsConfig.server(CERTIFICATES.serverContext("example.org"));
    }

    /** Both ends' startTls, the client's first as a session would; completes with (client, server) TlsInfo. */
    static Mono<Tuple2<TlsInfo, TlsInfo>> handshake(TransportPair pair) {
        return Mono.zip(pair.client().startTls(TlsRole.CLIENT), pair.server().startTls(TlsRole.SERVER));
    }

    @Test
    void startTlsOnBothEndsThenBytesCrossTheWireEncrypted() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        TransportPair pair = PipeConfig.defaults()
                .withClientTls(client())
                .withServerTls(server())
                .withWiretap((sender, bytes) -> {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    wire.writeBytes(copy);
                })
                .connect();

        StepVerifier.create(pair.client().send(Mono.just(utf8("<starttls/>")))).verifyComplete();
        assertThat(wire.toString(StandardCharsets.ISO_8859_1)).isEqualTo("<starttls/>");

        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text), 1)
                .expectNext("<starttls/>")
                .then(() -> StepVerifier.create(handshake(pair)).expectNextCount(1).verifyComplete())
                .then(wire::reset)
                .then(() -> pair.client().send(Mono.just(utf8("<message>secret</message>"))).subscribe())
                .thenRequest(1)
                .expectNext("<message>secret</message>")
                .thenCancel()
                .verify();
        StepVerifier.create(pair.client().receive().map(InMemoryTransportTest::text))
                .then(() -> pair.server().send(Mono.just(utf8("<message>reply</message>"))).subscribe())
                .expectNext("<message>reply</message>")
                .thenCancel()
                .verify();

        String onTheWire = wire.toString(StandardCharsets.ISO_8859_1);
        assertThat(onTheWire).isNotEmpty().doesNotContain("secret").doesNotContain("reply");
        assertThat(pair.client().tlsInfo()).isPresent();
        assertThat(pair.server().tlsInfo()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theNegotiatedProtocolIsTheOnlyOneEnabled(String protocol) {
        TransportPair pair = InMemoryTransport.pair(client().withProtocols(protocol), server().withProtocols(protocol));

        StepVerifier.create(handshake(pair))
                .assertNext(infos -> {
                    assertThat(infos.getT1().protocol()).isEqualTo(protocol);
                    assertThat(infos.getT2().protocol()).isEqualTo(protocol);
                    assertThat(infos.getT1().cipherSuite()).isEqualTo(infos.getT2().cipherSuite());
                })
                .verifyComplete();
        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text))
                .then(() -> pair.client().send(Flux.just(utf8("<a/>"), utf8("<b/>"))).subscribe())
                .expectNext("<a/>", "<b/>")
                .thenCancel()
                .verify();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void tlsWorksWhenEveryByteArrivesOnItsOwn(String protocol) {
        TransportPair pair = PipeConfig.defaults()
                .withChunking(Chunking.everyByte())
                .withClientTls(client().withProtocols(protocol))
                .withServerTls(server().withProtocols(protocol))
                .connect();

        StepVerifier.create(handshake(pair)).expectNextCount(1).verifyComplete();
        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text).filter(s -> !s.isEmpty()))
                .then(() -> pair.client().send(Mono.just(utf8("<presence/>"))).subscribe())
                .expectNext("<presence/>")
                .thenCancel()
                .verify();
    }

    @Test
    void anUntrustedServerCertificateFailsTheClientsHandshake() {
        TlsConfig strangerServer = TlsConfig.server(TestCertificates.create().serverContext("example.org"));
        TransportPair pair = InMemoryTransport.pair(client(), strangerServer);

        StepVerifier.create(pair.client().startTls(TlsRole.CLIENT)
                        .and(pair.server().startTls(TlsRole.SERVER).onErrorResume(e -> Mono.empty())))
                .verifyError(SSLHandshakeException.class);
        StepVerifier.create(pair.client().send(Mono.just(utf8("x")))).verifyError(IllegalStateException.class);
        assertThat(pair.client().tlsInfo()).isEmpty();
    }

    @Test
    void aCertificateForAnotherDomainFailsTheClientsHandshake() {
        TransportPair pair = InMemoryTransport.pair(
                TlsConfig.client(CERTIFICATES.clientContext(), "example.net"), server());

        StepVerifier.create(pair.client().startTls(TlsRole.CLIENT)
                        .and(pair.server().startTls(TlsRole.SERVER).onErrorResume(e -> Mono.empty())))
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("example.net"));
    }

    @Test
    void theServerLearnsTheClientsCertificateWhenItAsksForOne() {
        TransportPair pair = InMemoryTransport.pair(
                TlsConfig.client(CERTIFICATES.clientContext("juliet@example.org"), "example.org"),
                server().withClientAuth(TlsConfig.ClientAuth.NEED));

        StepVerifier.create(handshake(pair))
                .assertNext(infos -> {
                    assertThat(infos.getT2().peerCertificates())
                            .first()
                            .isEqualTo(CERTIFICATES.client("juliet@example.org").certificate());
                    assertThat(infos.getT1().localCertificates())
                            .first()
                            .isEqualTo(CERTIFICATES.client("juliet@example.org").certificate());
                })
                .verifyComplete();
        assertThat(pair.server().tlsInfo().orElseThrow().peerCertificates()).isNotEmpty();
    }

    @Test
    void aServerThatNeedsAClientCertificateRejectsAClientWithout() {
        TransportPair pair = InMemoryTransport.pair(client().withProtocols("TLSv1.2"),
                server().withClientAuth(TlsConfig.ClientAuth.NEED));

        StepVerifier.create(pair.server().startTls(TlsRole.SERVER)
                        .and(pair.client().startTls(TlsRole.CLIENT).onErrorResume(e -> Mono.empty())))
                .verifyError(SSLHandshakeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void bothEndsComputeTheSameChannelBindings(String protocol) throws Exception {
        TransportPair pair = InMemoryTransport.pair(client().withProtocols(protocol), server().withProtocols(protocol));

        StepVerifier.create(handshake(pair))
                .assertNext(infos -> {
                    assertThat(infos.getT1().channelBindings()).isEqualTo(infos.getT2().channelBindings());
                    assertThat(infos.getT1().channelBinding(ChannelBinding.TLS_EXPORTER).isPresent())
                            .isEqualTo(protocol.equals("TLSv1.3") && ChannelBindings.exporterSupported());
                })
                .verifyComplete();
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest(CERTIFICATES.server("example.org").certificate().getEncoded());
        assertThat(pair.client().tlsInfo().orElseThrow().channelBinding(ChannelBinding.TLS_SERVER_END_POINT))
                .contains(new ChannelBinding(ChannelBinding.TLS_SERVER_END_POINT, expected));
    }

    @Test
    void plaintextInjectedAfterProceedBreaksTheClientsHandshake() {
        TransportPair pair = InMemoryTransport.pair(client(), server());
        // The server's <proceed/> and a plaintext stanza, both sent before the client starts TLS.
        pair.server().send(Flux.just(utf8("<proceed/>"), utf8("<message>injected</message>"))).subscribe();

        StepVerifier.create(pair.client().receive().map(InMemoryTransportTest::text), 1)
                .expectNext("<proceed/>")
                .then(() -> StepVerifier.create(pair.client().startTls(TlsRole.CLIENT))
                        .verifyError(SSLException.class))
                .verifyError(SSLException.class);
        assertThat(pair.client().tlsInfo()).isEmpty();
    }

    @Test
    void proceedAndWhatWasPipelinedAfterItCanShareOneRead() {
        TransportPair pair = InMemoryTransport.pair(client(), server());
        pair.server().coalesceNextWrites(2);
        pair.server().send(Flux.just(utf8("<proceed/>"), utf8("<message>injected</message>"))).subscribe();

        StepVerifier.create(pair.client().receive().map(InMemoryTransportTest::text), 1)
                .expectNext("<proceed/><message>injected</message>")
                .thenCancel()
                .verify();
    }

    @Test
    void closeSendsCloseNotifyAndCompletesThePeersReceive() {
        TransportPair pair = InMemoryTransport.pair(client(), server());
        StepVerifier.create(handshake(pair)).expectNextCount(1).verifyComplete();

        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text))
                .then(() -> pair.client().send(Mono.just(utf8("</stream:stream>")))
                        .then(pair.client().close())
                        .subscribe())
                .expectNext("</stream:stream>")
                .verifyComplete();
    }

    @Test
    void startTlsTwiceFails() {
        TransportPair pair = InMemoryTransport.pair(client(), server());
        StepVerifier.create(handshake(pair)).expectNextCount(1).verifyComplete();

        StepVerifier.create(pair.client().startTls(TlsRole.CLIENT))
                .verifyErrorMessage("TLS is already started on in-memory transport client");
    }

    @Test
    void writesMadeDuringTheHandshakeAreSentEncryptedAfterIt() {
        TransportPair pair = InMemoryTransport.pair(client(), server());
        pair.client().startTls(TlsRole.CLIENT).subscribe();
        pair.client().send(Mono.just(utf8("<stream:stream>"))).subscribe();

        StepVerifier.create(pair.server().startTls(TlsRole.SERVER)).expectNextCount(1).verifyComplete();
        StepVerifier.create(pair.server().receive().map(InMemoryTransportTest::text))
                .expectNext("<stream:stream>")
                .thenCancel()
                .verify();
    }
}
