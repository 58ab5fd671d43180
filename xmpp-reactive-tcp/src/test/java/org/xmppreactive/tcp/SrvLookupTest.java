package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.tcp.XmppOverTcp.WAIT;
import static org.xmppreactive.tcp.XmppOverTcp.alice;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.test.TestCertificates;
import reactor.test.StepVerifier;

/** SRV lookups through Netty's DNS resolver, against a name server on 127.0.0.1, and connecting by their answer. */
class SrvLookupTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final XmppOverTcp SERVER = XmppOverTcp.startTls(CERTIFICATES.serverContext("example.com"));

    @AfterAll
    static void closeServer() {
        SERVER.close();
    }

    @Test
    void srvRecordsOfTheAnswerAreDecoded() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer().srv("_xmpp-client._tcp.example.net.",
                new SrvRecord(10, 60, 5222, "xmpp1.example.net."), new SrvRecord(20, 0, 5223, "xmpp2.example.net."))) {
            List<SrvRecord> records = resolver(dns).lookup("_xmpp-client._tcp.example.net.").block(WAIT);

            assertThat(records).containsExactlyInAnyOrder(new SrvRecord(10, 60, 5222, "xmpp1.example.net."),
                    new SrvRecord(20, 0, 5223, "xmpp2.example.net."));
        }
    }

    @Test
    void unknownNameHasNoRecords() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer()) {
            assertThat(resolver(dns).lookup("_xmpp-client._tcp.nowhere.example.").block(WAIT)).isEmpty();
        }
    }

    @Test
    void dotTargetIsDecodedAsUnavailable() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer().srv("_xmpps-client._tcp.example.net.",
                new SrvRecord(0, 0, 0, "."))) {
            assertThat(resolver(dns).lookup("_xmpps-client._tcp.example.net.").block(WAIT))
                    .singleElement().satisfies(record -> assertThat(record.isUnavailable()).isTrue());
        }
    }

    @Test
    void clientFindsTheServerBySrvAndChecksTheCertificateAgainstTheDomain() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer()
                .srv("_xmpps-client._tcp.example.com.", new SrvRecord(0, 0, 0, "."))
                .srv("_xmpp-client._tcp.example.com.", new SrvRecord(0, 0, SERVER.binding.port(), "localhost."))) {
            TcpClientTransport transport = TcpClientTransport.create().resolver(resolver(dns))
                    .trust(TrustOptions.of(CERTIFICATES.trustManagerFactory()));

            XmppSession session = alice(transport).build().login().block(WAIT);
            SERVER.nextServerSession();

            assertThat(session.tls()).isPresent();
            assertThat(dns.asked()).contains("_xmpps-client._tcp.example.com.", "_xmpp-client._tcp.example.com.");
            session.close().block(WAIT);
        }
    }

    @Test
    void dotTargetForBothServicesMeansNothingIsTried() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer()
                .srv("_xmpps-client._tcp.example.com.", new SrvRecord(0, 0, 0, "."))
                .srv("_xmpp-client._tcp.example.com.", new SrvRecord(0, 0, 0, "."))) {
            StepVerifier.create(TcpClientTransport.create().resolver(resolver(dns)).connect("example.com"))
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(XmppConnectException.class)
                            .hasMessageContaining("offers no XMPP client service"))
                    .verify(WAIT);
        }
    }

    private static SrvResolver resolver(FakeDnsServer dns) {
        return SrvResolver.nameServer(dns.address(), Duration.ofSeconds(2));
    }
}
