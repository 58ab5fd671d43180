package org.xmppreactive.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.sasl.ScramMechanism;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.Show;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;
import org.xmppreactive.test.TestCertificates;
import reactor.core.publisher.Mono;

/**
 * The README's demo: an in-process server on 127.0.0.1 and two clients, alice and bob, over real TCP with
 * STARTTLS and SCRAM-SHA-256. They negotiate, fetch their rosters, send presence, exchange messages and close;
 * each step is printed as it happens.
 */
final class Demo {

    private static final Duration STEP = Duration.ofSeconds(15);
    private static final String DOMAIN = "example.com";

    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; throws if a step fails or takes longer than 15 s. */
    void run() {
        TestCertificates certificates = TestCertificates.create();
        InMemoryCredentialStore accounts = new InMemoryCredentialStore()
                .add("alice", "alice-secret").add("bob", "bob-secret");
        Jid alice = Jid.parse("alice@example.com");
        Jid bob = Jid.parse("bob@example.com");
        DemoServer server = DemoServer.start(DOMAIN, accounts, certificates.serverContext(DOMAIN),
                Map.of("alice", List.of(bob), "bob", List.of(alice))).block(STEP);
        out.println("server   listening on 127.0.0.1:" + server.port() + " for " + DOMAIN
                + " (STARTTLS required, SCRAM)");
        try {
            TcpClientTransport tcp = TcpClientTransport.create().host("127.0.0.1").port(server.port())
                    .trust(TrustOptions.of(certificates.trustManagerFactory()));
            XmppSession aliceSession = login("alice", "alice-secret", "laptop", tcp);
            XmppSession bobSession = login("bob", "bob-secret", "phone", tcp);

            roster("alice", aliceSession);
            roster("bob", bobSession);

            Mono<Presence> bobSeesAlice = bobSession.presences().next().cache();
            bobSeesAlice.subscribe();
            Mono<Presence> aliceSeesBob = aliceSession.presences().next().cache();
            aliceSeesBob.subscribe();
            aliceSession.send(Presence.builder().show(Show.CHAT).status("Reading the RFCs").build()).block(STEP);
            out.println("alice    sent presence: chat, \"Reading the RFCs\"");
            Presence seen = bobSeesAlice.block(STEP);
            out.println("bob      sees presence of " + seen.from().orElseThrow() + ": "
                    + seen.show().map(Show::value).orElse("available") + ", \"" + seen.status().orElse("") + "\"");
            bobSession.send(Presence.builder().build()).block(STEP);
            out.println("bob      sent presence: available");
            out.println("alice    sees presence of " + aliceSeesBob.block(STEP).from().orElseThrow() + ": available");

            Mono<Message> bobReceives = bobSession.messages().next().cache();
            bobReceives.subscribe();
            aliceSession.send(Message.builder().to(bob).type(MessageType.CHAT).body("Hello Bob!").build()).block(STEP);
            out.println("alice -> bob:   Hello Bob!");
            Message received = bobReceives.block(STEP);
            out.println("bob      received from " + received.from().orElseThrow() + ": " + received.body().orElse(""));

            Mono<Message> aliceReceives = aliceSession.messages().next().cache();
            aliceReceives.subscribe();
            bobSession.send(Message.builder().to(received.from().orElseThrow()).type(MessageType.CHAT)
                    .body("Hi Alice, loud and clear.").build()).block(STEP);
            out.println("bob -> alice:   Hi Alice, loud and clear.");
            Message reply = aliceReceives.block(STEP);
            out.println("alice    received from " + reply.from().orElseThrow() + ": " + reply.body().orElse(""));

            aliceSession.close().block(STEP);
            out.println("alice    closed: " + aliceSession.ended().block(STEP).reason());
            bobSession.close().block(STEP);
            out.println("bob      closed: " + bobSession.ended().block(STEP).reason());
        } finally {
            server.stop().block(STEP);
            out.println("server   stopped");
        }
    }

    private XmppSession login(String user, String password, String resource, TcpClientTransport tcp) {
        XmppSession session = XmppClient.builder()
                .jid(user + "@" + DOMAIN + "/" + resource)
                .password(password)
                .mechanisms(List.of(ScramMechanism.SCRAM_SHA_256))
                .connector(tcp)
                .build()
                .login()
                .block(STEP);
        out.println(String.format("%-8s logged in: %s over %s, %s, bound %s", user, session.stream().mechanism(),
                session.tls().map(tls -> "STARTTLS " + tls.protocol()).orElse("plain TCP"),
                session.tls().map(tls -> tls.cipherSuite()).orElse(""), session.jid()));
        return session;
    }

    private void roster(String user, XmppSession session) {
        Iq result = session.iq(Iq.get(user + "-roster", RosterQuery.codec().encode(RosterQuery.request())))
                .block(STEP);
        RosterQuery roster = RosterQuery.codec().decode(result.extensions().get(0));
        out.println(String.format("%-8s roster: %s", user, roster.items().stream()
                .map(item -> item.jid() + " (" + item.subscription().value() + ")").toList()));
    }
}
