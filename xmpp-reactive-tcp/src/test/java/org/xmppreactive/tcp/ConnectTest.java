package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.tcp.XmppOverTcp.WAIT;
import static org.xmppreactive.tcp.XmppOverTcp.alice;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.test.TestCertificates;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Where the client connects, in which order, and how it fails when it cannot. */
class ConnectTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final XmppOverTcp SERVER = XmppOverTcp.startTls(CERTIFICATES.serverContext("example.com"));
    private static final TrustOptions TEST_CA = TrustOptions.of(CERTIFICATES.trustManagerFactory());

    @AfterAll
    static void closeServer() {
        SERVER.close();
    }

    @Test
    void portWithNothingListeningFailsFastWithAConnectException() throws IOException {
        int closedPort = freePort();
        long start = System.nanoTime();

        StepVerifier.create(TcpClientTransport.create().host("127.0.0.1").port(closedPort).connect("example.com"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(XmppConnectException.class)
                        .hasMessageContaining("127.0.0.1:" + closedPort + " (STARTTLS)")
                        .hasCauseInstanceOf(ConnectException.class))
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void connectionThatIsNeverAcceptedTimesOut() throws IOException {
        // A listener whose accept queue is full drops further SYNs: the TCP connect itself hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> filling = fillAcceptQueue(full);
            try {
                long start = System.nanoTime();
                StepVerifier.create(TcpClientTransport.create().host("127.0.0.1").port(full.getLocalPort())
                                .connectTimeout(Duration.ofMillis(300)).connect("example.com"))
                        .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(XmppConnectException.class)
                                .hasCauseInstanceOf(ConnectTimeoutException.class)
                                .hasMessageContaining("connection timed out"))
                        .verify(WAIT);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            } finally {
                for (Socket socket : filling) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void directTlsHandshakeThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            StepVerifier.create(TcpClientTransport.create().host("127.0.0.1").port(silent.getLocalPort())
                            .directTls(true).connectTimeout(Duration.ofMillis(300)).connect("example.com"))
                    .expectErrorSatisfies(error -> {
                        assertThat(error).isInstanceOf(XmppConnectException.class);
                        assertThat(error.getCause()).isInstanceOf(SSLHandshakeException.class)
                                .hasMessageContaining("handshake timed out");
                    })
                    .verify(WAIT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void srvTargetsAreTriedInOrderUntilOneConnects() throws Exception {
        int deadPort = freePort();
        List<String> asked = new CopyOnWriteArrayList<>();
        SrvResolver resolver = name -> {
            asked.add(name);
            return Mono.just(name.startsWith("_xmpp-client.")
                    ? List.of(new SrvRecord(0, 0, deadPort, "127.0.0.1."),
                            new SrvRecord(10, 0, SERVER.binding.port(), "127.0.0.1."))
                    : List.of());
        };

        XmppSession session = alice(TcpClientTransport.create().resolver(resolver).trust(TEST_CA))
                .build().login().block(WAIT);
        SERVER.nextServerSession();

        assertThat(session.tls()).isPresent();
        assertThat(asked)
                .containsExactlyInAnyOrder("_xmpps-client._tcp.example.com.", "_xmpp-client._tcp.example.com.");
        session.close().block(WAIT);
    }

    @Test
    void everyFailedTargetIsReported() throws IOException {
        int first = freePort();
        int second = freePort();
        SrvResolver resolver = name -> Mono.just(name.startsWith("_xmpps-client.")
                ? List.of(new SrvRecord(1, 0, first, "127.0.0.1."))
                : List.of(new SrvRecord(2, 0, second, "127.0.0.1.")));

        StepVerifier.create(TcpClientTransport.create().resolver(resolver).connect("example.com"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(XmppConnectException.class)
                            .hasMessageContaining("127.0.0.1:" + first + " (direct TLS)")
                            .hasMessageContaining("127.0.0.1:" + second + " (STARTTLS)");
                    assertThat(error.getSuppressed()).hasSize(1);
                    assertThat(((XmppConnectException) error).domain()).isEqualTo("example.com");
                })
                .verify(WAIT);
    }

    @Test
    void withoutSrvRecordsTheDomainIsTriedOnPort5222() {
        Map<String, List<SrvRecord>> none = Map.of();
        SrvResolver resolver = name -> Mono.justOrEmpty(none.get(name));

        // "localhost" as the domain keeps the fallback on this machine; nothing of ours listens on 5222
        StepVerifier.create(TcpClientTransport.create().resolver(resolver).connectTimeout(Duration.ofSeconds(2))
                        .connect("localhost"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(XmppConnectException.class)
                        .hasMessageContaining("localhost:5222 (STARTTLS)"))
                .verify(WAIT);
    }

    @Test
    void failedLookupCountsAsNoRecords() {
        SrvResolver failing = name -> Mono.error(new IOException("SERVFAIL"));

        StepVerifier.create(TcpClientTransport.create().resolver(failing).directTls(true)
                        .connectTimeout(Duration.ofSeconds(2)).connect("localhost"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(XmppConnectException.class)
                        .hasMessageContaining("localhost:5223 (direct TLS)"))
                .verify(WAIT);
    }

    @Test
    void explicitHostSkipsSrv() throws InterruptedException {
        SrvResolver mustNotBeAsked = name -> Mono.error(new AssertionError("asked for " + name));

        XmppSession session = alice(SERVER.clientTransport().resolver(mustNotBeAsked).trust(TEST_CA))
                .build().login().block(WAIT);
        SERVER.nextServerSession();
        session.close().block(WAIT);
    }

    @Test
    void settersReturnNewConfigurationsAndLeaveTheOriginalAlone() {
        TcpClientTransport original = TcpClientTransport.create();
        TcpClientTransport changed = original.host("127.0.0.1").port(5333).directTls(true);

        assertThat(changed).isNotSameAs(original);
        assertThat(original.toString()).doesNotContain("127.0.0.1").contains("STARTTLS");
        assertThat(changed.toString()).contains("host 127.0.0.1", "port 5333", "direct TLS");
    }

    @Test
    void protocolsOlderThanTls12AreRefused() {
        assertThatThrownBy(() -> TcpClientTransport.create().protocols("TLSv1.3", "TLSv1.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLSv1.1");
        assertThatThrownBy(() -> TcpServerTransport.create().protocols())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Opens plain connections to {@code listener}, which never accepts, until its accept queue is full. */
    private static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            sockets.add(socket);
            try {
                socket.connect(listener.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException full) {
                return sockets;
            }
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        throw new IllegalStateException("the accept queue never filled up");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
