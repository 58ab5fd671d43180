package org.xmppreactive.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stream.TlsPolicy;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;

/** The commands that log in to a server: {@code login}, {@code send}, {@code listen}, {@code roster}. */
final class ClientCommands {

    private static final Duration STEP = Duration.ofSeconds(30);

    private final CliOptions options;
    private final PrintStream out;

    ClientCommands(CliOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Logs in, prints the bound JID, closes. */
    void login() {
        XmppSession session = login(client());
        out.println(session.jid());
        session.close().block(STEP);
    }

    /** Logs in, sends {@code --body} to {@code --to}, closes. */
    void send() {
        Jid to = Jid.parse(options.required("to"));
        String body = options.required("body");
        XmppSession session = login(client());
        session.send(Message.builder().to(to).type(MessageType.CHAT).body(body).build()).block(STEP);
        out.println("sent to " + to);
        session.close().block(STEP);
    }

    /** Logs in, announces presence, prints one line per message until {@code --count} or {@code --timeout}. */
    void listen() {
        long count = options.value("count").map(Long::parseLong).orElse(Long.MAX_VALUE);
        Duration timeout = options.timeout(60);
        XmppSession session = login(client());
        out.println("listening as " + session.jid());
        session.messages()
                .filter(message -> message.body().isPresent())
                .take(count)
                .take(timeout)
                .doOnSubscribe(subscription -> session.send(Presence.builder().build()).subscribe())
                .doOnNext(message -> out.println(message.from().map(Jid::toString).orElse("?") + ": "
                        + message.body().orElseThrow()))
                .then()
                .block();
        session.close().block(STEP);
    }

    /** Logs in, fetches the roster, prints one line per contact. */
    void roster() {
        XmppSession session = login(client());
        Iq result = session.iq(Iq.get(UUID.randomUUID().toString(), RosterQuery.codec().encode(RosterQuery.request())))
                .block(STEP);
        RosterQuery roster = RosterQuery.codec().decode(result.extensions().get(0));
        roster.items().forEach(item -> out.println(item.jid() + item.name().map(name -> " (" + name + ")").orElse("")
                + " subscription=" + item.subscription().value()));
        out.println(roster.items().size() + " contacts");
        session.close().block(STEP);
    }

    private XmppSession login(XmppClient client) {
        return client.login().block(STEP);
    }

    private XmppClient client() {
        TcpClientTransport tcp = TcpClientTransport.create();
        if (options.value("host").isPresent()) {
            tcp = tcp.host(options.value("host").get());
        }
        if (options.port().isPresent()) {
            tcp = tcp.port(options.port().get());
        }
        String tls = options.tls();
        tcp = tcp.directTls(tls.equals("direct"));
        if (options.trustAll()) {
            tcp = tcp.trust(TrustOptions.insecureTrustAll());
        } else if (options.ca().isPresent()) {
            tcp = tcp.trust(TrustOptions.caFile(options.ca().get()));
        }
        return XmppClient.builder()
                .jid(options.required("jid"))
                .password(options.required("password"))
                .tlsPolicy(tls.equals("starttls") ? TlsPolicy.REQUIRED : TlsPolicy.DISABLED)
                .connector(tcp)
                .build();
    }

    /** What the user is told when {@code error} ended a command: the condition first, then the text. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while (!isXmppError(cause) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof org.xmppreactive.sasl.SaslException sasl) {
            return sasl.condition().elementName() + sasl.text().map(text -> ": " + text).orElse("");
        }
        if (cause instanceof org.xmppreactive.stream.StreamErrorException stream) {
            return stream.condition().elementName() + ": " + stream.getMessage();
        }
        if (cause instanceof org.xmppreactive.stanza.StanzaErrorException stanza) {
            return stanza.error().condition().elementName() + stanza.error().text().map(t -> ": " + t).orElse("");
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static boolean isXmppError(Throwable error) {
        return error instanceof org.xmppreactive.sasl.SaslException
                || error instanceof org.xmppreactive.stream.StreamErrorException
                || error instanceof org.xmppreactive.stanza.StanzaErrorException;
    }
}
