package org.xmppreactive.test;

import java.time.Duration;
import java.util.List;
import org.xmppreactive.sasl.PlainMechanism;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stream.TlsPolicy;
import reactor.core.publisher.Mono;

/**
 * The login most conversation tests start with: a scripted server that lets alice in with PLAIN, without TLS, and
 * binds alice@example.com/r1; and our client logging in to it.
 */
final class ScriptedLogin {

    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

    private ScriptedLogin() {
    }

    /** The server's side, up to and including the bind result. */
    static ScriptedPeer server(TransportPair pair) {
        return server(pair, "");
    }

    /** The server's side, advertising {@code extraFeatures} (raw XML) beside bind after authentication. */
    static ScriptedPeer server(TransportPair pair, String extraFeatures) {
        return server(pair, extraFeatures, "");
    }

    /**
     * The server's side, advertising {@code extraFeatures} beside bind, and sending {@code withBindResult} (raw
     * XML) in the same write as the bind result, so that the client reads both at once.
     */
    static ScriptedPeer server(TransportPair pair, String extraFeatures, String withBindResult) {
        return ScriptedPeer.over(pair.server())
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + "<stream:features><mechanisms xmlns='" + SASL + "'>"
                        + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>")
                .expect("auth")
                .send("<success xmlns='" + SASL + "'/>")
                .restartStream()
                .expectStreamHeader()
                .send(ScriptedPeer.SERVER_HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                        + extraFeatures + "</stream:features>")
                .expectAndReply("bind request", e -> e.localName().equals("iq"),
                        iq -> "<iq type='result' id='" + iq.attribute("id").orElseThrow() + "'><bind xmlns="
                                + "'urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.com/r1</jid></bind></iq>"
                                + withBindResult);
    }

    /** Our client, alice, logging in to {@link #server}. */
    static XmppSession client(TransportPair pair, Duration wait) {
        return XmppClient.builder().jid("alice@example.com").password("alice-secret")
                .tlsPolicy(TlsPolicy.DISABLED).allowPlainWithoutTls().mechanisms(List.of(PlainMechanism.PLAIN))
                .connector(domain -> Mono.just(pair.client())).build().login().block(wait);
    }
}
