package org.xmppreactive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppreactive.tcp.XmppOverTcp.WAIT;
import static org.xmppreactive.tcp.XmppOverTcp.alice;

import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.xmppreactive.stream.NegotiationException;
import reactor.test.StepVerifier;

/**
 * The STARTTLS command injection (CVE-2011-0411 class): plaintext a man in the middle slips in after
 * {@code <proceed/>} must never be read as if TLS protected it.
 */
class StartTlsInjectionTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.com' version='1.0'>";
    private static final String STARTTLS_REQUIRED = "<stream:features><starttls "
            + "xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>";
    private static final String PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
    private static final String INJECTED = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>";

    @Test
    void plaintextInTheSameWriteAsProceedIsRefused() throws Exception {
        try (RawPeer peer = RawPeer.start(conversation -> {
            conversation.expect("<stream:stream");
            conversation.send(HEADER + STARTTLS_REQUIRED);
            conversation.expect("<starttls");
            conversation.send(PROCEED + INJECTED);
            conversation.awaitClose();
        })) {
            StepVerifier.create(alice(transportTo(peer)).build().login())
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(NegotiationException.class)
                            .hasMessageContaining("<proceed/>"))
                    .verify(WAIT);
            peer.awaitPlayed(WAIT);
        }
    }

    @Test
    void plaintextAfterProceedInALaterWriteGoesToTlsAndFailsTheHandshake() throws Exception {
        try (RawPeer peer = RawPeer.start(conversation -> {
            conversation.expect("<stream:stream");
            conversation.send(HEADER + STARTTLS_REQUIRED);
            conversation.expect("<starttls");
            conversation.send(PROCEED);
            conversation.expectByte(0x16); // the ClientHello: the client's TLS is in place
            conversation.send(INJECTED);
            conversation.awaitClose();
        })) {
            StepVerifier.create(alice(transportTo(peer)).build().login())
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(SSLHandshakeException.class)
                            .hasMessageContaining("not a TLS record"))
                    .verify(WAIT);
            peer.awaitPlayed(WAIT);
        }
    }

    private static TcpClientTransport transportTo(RawPeer peer) {
        return TcpClientTransport.create().host("127.0.0.1").port(peer.port()).connectTimeout(Duration.ofSeconds(5))
                .trust(TrustOptions.insecureTrustAll());
    }
}
