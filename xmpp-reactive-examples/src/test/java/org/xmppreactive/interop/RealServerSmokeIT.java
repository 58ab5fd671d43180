package org.xmppreactive.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the {@link RealServer} fixture with nothing but JDK sockets: both real servers start on loopback, answer a
 * stream header with {@code <starttls>} on the c2s port, and on the direct-TLS port present a certificate that
 * verifies against {@link RealServer#caCertificate()} for the requested host, then offer the expected SCRAM variant.
 */
@ExtendWith(RealServers.class)
class RealServerSmokeIT {

    @Test
    void prosodyOffersRequiredStartTlsOnC2sPort() throws IOException {
        assertOffersStartTls(RealServers.prosody());
    }

    @Test
    void ejabberdOffersRequiredStartTlsOnC2sPort() throws IOException {
        assertOffersStartTls(RealServers.ejabberd());
    }

    @Test
    void prosodyDirectTlsVerifiesAgainstTheTestCaAndOffersScram() throws Exception {
        assertDirectTls(RealServers.prosody());
    }

    @Test
    void ejabberdDirectTlsVerifiesAgainstTheTestCaAndOffersScram() throws Exception {
        assertDirectTls(RealServers.ejabberd());
    }

    private static void assertOffersStartTls(RealServer server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.c2sPort()), 5000);
            String reply = exchangeHeader(socket, server.domain());
            assertAll(server.kind() + " c2s reply: " + reply,
                    () -> assertTrue(reply.contains("<starttls"), "no <starttls"),
                    () -> assertTrue(reply.contains("urn:ietf:params:xml:ns:xmpp-tls"), "no TLS namespace"),
                    () -> assertTrue(reply.contains("<required/>"), "STARTTLS not required"),
                    () -> assertTrue(reply.contains("from='" + server.domain() + "'")
                            || reply.contains("from=\"" + server.domain() + "\""), "no from='example.com'"));
        }
    }

    private static void assertDirectTls(RealServer server) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(server.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);

        List<String> failures = new ArrayList<>();
        String[][] cases = {{server.domain(), "SCRAM-SHA-1"}, {server.sha256Domain(), "SCRAM-SHA-256"}};
        for (String[] c : cases) {
            String domain = c[0];
            String mechanism = c[1];
            try (Socket tcp = new Socket()) {
                tcp.connect(new InetSocketAddress(server.host(), server.directTlsPort()), 5000);
                // Layered over the loopback connection, named by the XMPP domain: SNI and the identity check use it.
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
                        .createSocket(tcp, domain, server.directTlsPort(), true)) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                    tls.startHandshake();
                    String reply = exchangeHeader(tls, domain);
                    if (!reply.contains("<mechanism>" + mechanism + "</mechanism>")) {
                        failures.add(domain + ": no " + mechanism + " in " + reply);
                    }
                    if (reply.contains("<starttls")) {
                        failures.add(domain + ": STARTTLS offered again inside TLS: " + reply);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), server.kind() + ": " + failures);
    }

    /** Sends an initial stream header for {@code domain}; returns what arrived up to the end of the features. */
    private static String exchangeHeader(Socket socket, String domain) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xml:lang='en'"
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!received.toString(StandardCharsets.UTF_8).contains("</stream:features>")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // return what arrived; the assertions say what is missing
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
