package org.xmppreactive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;
import org.xmppreactive.test.TestCertificates;
import reactor.core.publisher.Mono;

/** Smack 4.4, a Java client we did not write, against our server: SCRAM-SHA-1 over STARTTLS, then a message each way. */
class SmackInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static DemoServer server;

    @BeforeAll
    static void startServer() {
        InMemoryCredentialStore accounts = new InMemoryCredentialStore()
                .add("alice", "alice-secret").add("bob", "bob-secret");
        server = DemoServer.start("example.com", accounts, CERTIFICATES.serverContext("example.com"),
                Map.of("alice", List.of(Jid.parse("bob@example.com")),
                        "bob", List.of(Jid.parse("alice@example.com")))).block(WAIT);
    }

    @AfterAll
    static void stopServer() {
        server.stop().block(WAIT);
    }

    @Test
    void smackLogsInWithScramSha1OverStartTlsAndExchangesAMessageWithOurClient() throws Exception {
        XMPPTCPConnection smack = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("example.com")
                .setHost("127.0.0.1")
                .setPort(server.port())
                .setUsernameAndPassword("alice", "alice-secret")
                .setResource("smack")
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager((X509TrustManager) CERTIFICATES.trustManagerFactory().getTrustManagers()[0])
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .build());
        XmppSession bob = XmppClient.builder().jid("bob@example.com/ours").password("bob-secret")
                .connector(TcpClientTransport.create().host("127.0.0.1").port(server.port())
                        .trust(TrustOptions.of(CERTIFICATES.trustManagerFactory())))
                .build().login().block(WAIT);
        BlockingQueue<org.jivesoftware.smack.packet.Message> smackInbox = new ArrayBlockingQueue<>(4);
        smack.addAsyncStanzaListener(stanza -> smackInbox.add((org.jivesoftware.smack.packet.Message) stanza),
                StanzaTypeFilter.MESSAGE);
        Mono<Message> bobReceives = bob.messages().next().cache();
        bobReceives.subscribe();
        try {
            smack.connect().login();
            assertThat(smack.isSecureConnection()).isTrue();
            assertThat(smack.getUsedSaslMechansism()).isEqualTo("SCRAM-SHA-1");

            smack.sendStanza(smack.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from("bob@example.com/ours"))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                    .setBody("hello from Smack")
                    .build());
            Message received = bobReceives.block(WAIT);
            assertThat(received.body()).contains("hello from Smack");
            assertThat(received.from()).contains(Jid.parse("alice@example.com/smack"));

            bob.send(Message.builder().to(received.from().orElseThrow()).type(MessageType.CHAT)
                    .body("hello from xmpp-reactive").build()).block(WAIT);
            org.jivesoftware.smack.packet.Message reply = smackInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("hello from xmpp-reactive");
            assertThat(reply.getFrom().toString()).isEqualTo("bob@example.com/ours");
        } finally {
            smack.disconnect();
            bob.close().block(WAIT);
        }
    }
}
