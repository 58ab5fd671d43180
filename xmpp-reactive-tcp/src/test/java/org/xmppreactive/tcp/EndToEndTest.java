package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.tcp.XmppOverTcp.WAIT;
import static org.xmppreactive.tcp.XmppOverTcp.alice;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.ExternalMechanism;
import org.xmppreactive.sasl.ScramMechanism;
import org.xmppreactive.sasl.StandardMechanisms;
import org.xmppreactive.session.SessionEnd;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.test.TestCertificates;
import org.xmppreactive.transport.ChannelBinding;
import reactor.core.publisher.Mono;

/** Our client and our server over real sockets on 127.0.0.1: STARTTLS, direct TLS, client certificates. */
class EndToEndTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final TrustOptions TEST_CA = TrustOptions.of(CERTIFICATES.trustManagerFactory());

    private static final XmppOverTcp STARTTLS = XmppOverTcp.startTls(CERTIFICATES.serverContext("example.com"));
    private static final XmppOverTcp DIRECT_TLS = XmppOverTcp.of(server -> server,
            TcpServerTransport.create().tls(CERTIFICATES.serverContext("example.com")).directTls(true));

    @AfterAll
    static void closeServers() {
        STARTTLS.close();
        DIRECT_TLS.close();
    }

    @Test
    void clientLogsInWithScramSha256OverStartTlsAndMessagesFlowBothWays() throws InterruptedException {
        XmppSession client = alice(STARTTLS.clientTransport().trust(TEST_CA))
                .mechanisms(List.of(ScramMechanism.SCRAM_SHA_256))
                .build().login().block(WAIT);
        XmppSession server = STARTTLS.nextServerSession();

        assertThat(client.stream().mechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(client.jid()).isEqualTo(Jid.parse("alice@example.com/phone"));
        assertThat(client.tls()).hasValueSatisfying(tls -> assertThat(tls.protocol()).isEqualTo("TLSv1.3"));
        assertThat(server.jid()).isEqualTo(client.jid());

        Mono<Message> atServer = server.messages().next().cache();
        atServer.subscribe();
        client.send(Message.builder().to(Jid.parse("bob@example.com")).type(MessageType.CHAT)
                .body("hello from alice").build()).block(WAIT);
        Message received = atServer.block(WAIT);
        assertThat(received.body()).hasValue("hello from alice");
        assertThat(received.from()).hasValue(client.jid());

        Mono<Message> atClient = client.messages().next().cache();
        atClient.subscribe();
        server.send(Message.builder().to(client.jid()).from(Jid.parse("bob@example.com/desk")).type(MessageType.CHAT)
                .body("hello from bob").build()).block(WAIT);
        assertThat(atClient.block(WAIT).body()).hasValue("hello from bob");

        client.close().block(WAIT);
        assertThat(server.ended().block(WAIT).reason()).isEqualTo(SessionEnd.Reason.CLOSED_BY_PEER);
    }

    @Test
    void directTlsLoginBindsScramToTheChannel() throws InterruptedException {
        XmppSession client = alice(DIRECT_TLS.clientTransport().directTls(true).trust(TEST_CA))
                .build().login().block(WAIT);
        XmppSession server = DIRECT_TLS.nextServerSession();

        assertThat(client.stream().mechanism()).endsWith("-PLUS");
        assertThat(server.stream().mechanism()).isEqualTo(client.stream().mechanism());
        assertThat(client.tls().flatMap(tls -> tls.channelBinding(ChannelBinding.TLS_SERVER_END_POINT)))
                .isPresent()
                .isEqualTo(server.tls().flatMap(tls -> tls.channelBinding(ChannelBinding.TLS_SERVER_END_POINT)));
        client.close().block(WAIT);
    }

    @Test
    void startTlsLoginAlsoUsesChannelBindingByDefault() throws InterruptedException {
        XmppSession client = alice(STARTTLS.clientTransport().trust(TEST_CA)).build().login().block(WAIT);
        STARTTLS.nextServerSession();

        assertThat(client.stream().mechanism()).endsWith("-PLUS");
        client.close().block(WAIT);
    }

    @Test
    void tls12IsNegotiatedWhenTheClientOffersOnlyTls12() throws InterruptedException {
        XmppSession client = alice(STARTTLS.clientTransport().trust(TEST_CA).protocols("TLSv1.2"))
                .build().login().block(WAIT);
        STARTTLS.nextServerSession();

        assertThat(client.tls()).hasValueSatisfying(tls -> assertThat(tls.protocol()).isEqualTo("TLSv1.2"));
        client.close().block(WAIT);
    }

    @Test
    void clientCertificateFromTheKeyManagerLogsInWithSaslExternal() throws InterruptedException {
        try (XmppOverTcp external = XmppOverTcp.of(server -> server.mechanisms(StandardMechanisms.all()),
                TcpServerTransport.create().tls(CERTIFICATES.serverContext("example.com")).clientAuth(true))) {
            XmppSession client = XmppClient.builder().jid("alice@example.com/laptop")
                    .mechanisms(List.of(ExternalMechanism.EXTERNAL))
                    .connector(external.clientTransport().trust(TEST_CA)
                            .keyManager(CERTIFICATES.client("alice@example.com").keyManagerFactory()))
                    .build().login().block(WAIT);
            XmppSession server = external.nextServerSession();

            assertThat(client.stream().mechanism()).isEqualTo("EXTERNAL");
            assertThat(server.jid().bare()).isEqualTo(Jid.parse("alice@example.com"));
            assertThat(server.tls().orElseThrow().peerCertificates()).isNotEmpty();
            client.close().block(WAIT);
        }
    }
}
