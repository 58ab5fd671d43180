package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.tcp.XmppOverTcp.WAIT;
import static org.xmppreactive.tcp.XmppOverTcp.alice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.test.TestCertificates;
import reactor.test.StepVerifier;

/**
 * What the client accepts as the server's certificate: it must be trusted and name the XMPP domain, whatever host
 * was connected to; pinning and a CA file narrow the trust; only {@code insecureTrustAll} accepts anything.
 */
class CertificateCheckTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static final TestCertificates OTHER_CA = TestCertificates.create();
    private static final TrustOptions TEST_CA = TrustOptions.of(CERTIFICATES.trustManagerFactory());

    /** The JDK's words when the certificate does not name the domain (a DNS-ID check, RFC 6125). */
    private static final String NO_NAME = "No subject alternative DNS name matching example.com";
    /** The JDK's words when no trusted authority issued the certificate. */
    private static final String NO_PATH = "PKIX path";

    private static final XmppOverTcp RIGHT = XmppOverTcp.startTls(CERTIFICATES.serverContext("example.com"));
    private static final XmppOverTcp OTHER_DOMAIN = XmppOverTcp.startTls(CERTIFICATES.serverContext("other.org"));
    private static final XmppOverTcp LOCALHOST_ONLY = XmppOverTcp.startTls(CERTIFICATES.serverContext("localhost"));
    private static final XmppOverTcp UNTRUSTED = XmppOverTcp.startTls(OTHER_CA.serverContext("example.com"));
    private static final XmppOverTcp DIRECT_OTHER_DOMAIN = XmppOverTcp.of(server -> server,
            TcpServerTransport.create().tls(CERTIFICATES.serverContext("other.org")).directTls(true));

    @AfterAll
    static void closeServers() {
        List.of(RIGHT, OTHER_DOMAIN, LOCALHOST_ONLY, UNTRUSTED, DIRECT_OTHER_DOMAIN).forEach(XmppOverTcp::close);
    }

    @Test
    void certificateForAnotherDomainFailsTheStartTlsHandshake() {
        assertLoginFailsInTheHandshake(OTHER_DOMAIN.clientTransport().trust(TEST_CA), NO_NAME);
    }

    @Test
    void certificateForAnotherDomainFailsTheDirectTlsConnect() {
        StepVerifier.create(alice(DIRECT_OTHER_DOMAIN.clientTransport().directTls(true).trust(TEST_CA)).build().login())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(XmppConnectException.class)
                            .hasMessageContaining("127.0.0.1:" + DIRECT_OTHER_DOMAIN.binding.port() + " (direct TLS)");
                    assertThat(causes(error)).anySatisfy(c -> assertThat(c).isInstanceOf(SSLHandshakeException.class)
                            .hasMessageContaining(NO_NAME));
                })
                .verify(WAIT);
    }

    @Test
    void certificateNamingTheHostConnectedToButNotTheDomainIsRejected() {
        // the client connects to "localhost", whose certificate it is; the XMPP domain is example.com
        assertLoginFailsInTheHandshake(LOCALHOST_ONLY.clientTransport().host("localhost").trust(TEST_CA), NO_NAME);
    }

    @Test
    void certificateFromAnUntrustedAuthorityFailsTheHandshake() {
        assertLoginFailsInTheHandshake(UNTRUSTED.clientTransport().trust(TEST_CA), NO_PATH);
    }

    @Test
    void systemTrustStoreDoesNotKnowTheTestAuthority() {
        assertLoginFailsInTheHandshake(RIGHT.clientTransport(), NO_PATH);
    }

    @Test
    void pinnedServerCertificateIsAccepted() throws InterruptedException {
        X509Certificate leaf = CERTIFICATES.server("example.com").certificate();
        assertLoginSucceeds(RIGHT, RIGHT.clientTransport().trust(TrustOptions.pinned(leaf)));
    }

    @Test
    void pinnedCertificateThatIsNotTheServersIsRejected() {
        X509Certificate otherLeaf = OTHER_CA.server("example.com").certificate();
        assertLoginFailsInTheHandshake(RIGHT.clientTransport().trust(TrustOptions.pinned(otherLeaf)),
                "is not the pinned one");
    }

    @Test
    void pinnedCertificateMustStillNameTheDomain() {
        X509Certificate leaf = CERTIFICATES.server("other.org").certificate();
        assertLoginFailsInTheHandshake(OTHER_DOMAIN.clientTransport().trust(TrustOptions.pinned(leaf)), NO_NAME);
    }

    @Test
    void pinnedCertificateIsReadFromAPemFile(@TempDir Path directory) throws Exception {
        Path file = writePem(directory.resolve("server.pem"), CERTIFICATES.server("example.com").certificate());
        assertLoginSucceeds(RIGHT, RIGHT.clientTransport().trust(TrustOptions.pinned(file)));
    }

    @Test
    void insecureTrustAllAcceptsAnUntrustedCertificateForAnotherDomain() throws InterruptedException {
        try (XmppOverTcp anything = XmppOverTcp.startTls(OTHER_CA.serverContext("nowhere.invalid"))) {
            assertLoginSucceeds(anything, anything.clientTransport().trust(TrustOptions.insecureTrustAll()));
        }
    }

    @Test
    void authorityFromAPemFileIsTrusted(@TempDir Path directory) throws Exception {
        Path file = writePem(directory.resolve("ca.pem"), CERTIFICATES.caCertificate());
        assertLoginSucceeds(RIGHT, RIGHT.clientTransport().trust(TrustOptions.caFile(file)));
    }

    @Test
    void authorityFileOfAnotherAuthorityIsNotTrusted(@TempDir Path directory) throws Exception {
        Path file = writePem(directory.resolve("ca.pem"), OTHER_CA.caCertificate());
        assertLoginFailsInTheHandshake(RIGHT.clientTransport().trust(TrustOptions.caFile(file)), NO_PATH);
    }

    @Test
    void authorityFileInDerIsTrusted(@TempDir Path directory) throws Exception {
        Path file = Files.write(directory.resolve("ca.der"), CERTIFICATES.caCertificate().getEncoded());
        assertLoginSucceeds(RIGHT, RIGHT.clientTransport().trust(TrustOptions.caFile(file)));
    }

    private static void assertLoginSucceeds(XmppOverTcp server, TcpClientTransport transport)
            throws InterruptedException {
        XmppSession session = alice(transport).build().login().block(WAIT);
        server.nextServerSession();
        assertThat(session.tls()).isPresent();
        session.close().block(WAIT);
    }

    private static void assertLoginFailsInTheHandshake(TcpClientTransport transport, String because) {
        StepVerifier.create(alice(transport).build().login())
                .expectErrorSatisfies(error -> {
                    assertThat(causes(error)).anySatisfy(c -> assertThat(c).isInstanceOf(SSLHandshakeException.class));
                    assertThat(causes(error)).anySatisfy(c -> assertThat(c).hasMessageContaining(because));
                })
                .verify(WAIT);
    }

    static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    static Path writePem(Path file, X509Certificate certificate) throws IOException, CertificateEncodingException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }
}
