package org.xmppreactive.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.xmppreactive.im.Availability;
import org.xmppreactive.im.ContactPresence;
import org.xmppreactive.im.PresenceTracker;
import org.xmppreactive.im.Roster;
import org.xmppreactive.im.RosterSnapshot;
import org.xmppreactive.im.SubscriptionRequest;
import org.xmppreactive.im.Subscriptions;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.Subscription;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.sasl.ScramMechanism;
import org.xmppreactive.session.XmppClient;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Message;
import org.xmppreactive.stanza.MessageType;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.stanza.Show;
import org.xmppreactive.tcp.TcpClientTransport;
import org.xmppreactive.tcp.TrustOptions;
import org.xmppreactive.test.TestCertificates;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The README's demo: an in-process server on 127.0.0.1 and two clients, alice and bob, over real TCP with
 * STARTTLS and SCRAM-SHA-256. Their rosters start empty; alice adds bob and asks to see his presence, bob approves
 * and asks back, alice approves, and both rosters end {@code both}; each then sees the other's presence, they
 * exchange messages and close. Each step is printed as it happens, and each waits for what it is about (a roster
 * push, a presence, a message), never for time.
 */
final class Demo {

    private static final Duration STEP = Duration.ofSeconds(15);
    private static final String DOMAIN = "example.com";

    /** One logged-in user and the IM helpers on its session. */
    private record User(String name, XmppSession session, Roster roster, PresenceTracker presence,
                        Subscriptions subscriptions) {

        /** The user's bare JID. */
        Jid jid() {
            return session.jid().bare();
        }
    }

    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; throws if a step fails or takes longer than 15 s. */
    void run() {
        TestCertificates certificates = TestCertificates.create();
        InMemoryCredentialStore accounts = new InMemoryCredentialStore()
                .add("alice", "alice-secret").add("bob", "bob-secret");
        DemoServer server = DemoServer.start(DOMAIN, accounts, certificates.serverContext(DOMAIN)).block(STEP);
        out.println("server   listening on 127.0.0.1:" + server.port() + " for " + DOMAIN
                + " (STARTTLS required, SCRAM)");
        try {
            TcpClientTransport tcp = TcpClientTransport.create().host("127.0.0.1").port(server.port())
                    .trust(TrustOptions.of(certificates.trustManagerFactory()));
            User alice = login("alice", "alice-secret", "laptop", tcp);
            User bob = login("bob", "bob-secret", "phone", tcp);
            printRoster(alice, alice.roster().fetch().block(STEP));
            printRoster(bob, bob.roster().fetch().block(STEP));
            aliceSubscribesToBob(alice, bob);
            bobSubscribesBack(alice, bob);
            exchangeMessages(alice, bob);
            close(alice, bob);
        } finally {
            server.stop().block(STEP);
            out.println("server   stopped");
        }
    }

    /** Bob is online; alice adds him and asks to see his presence (RFC 6121 §3.1); he approves. */
    private void aliceSubscribesToBob(User alice, User bob) {
        Mono<SubscriptionRequest> bobIsAsked = bob.subscriptions().requests().next().cache();
        bobIsAsked.subscribe();
        Availability.of(bob.session()).available().block(STEP);
        out.println("bob      sent presence: available");

        alice.roster().add(RosterItem.of(bob.jid()).withName("Bob").withGroups("Friends")).block(STEP);
        out.println("alice    added " + describe(rosterItemOnce(alice, bob.jid(), item -> true)));
        alice.subscriptions().subscribe(bob.jid()).block(STEP);
        out.println("alice    asked to see bob's presence: "
                + describe(rosterItemOnce(alice, bob.jid(), RosterItem::askSubscribe)));

        SubscriptionRequest request = bobIsAsked.block(STEP);
        request.approve().block(STEP);
        out.println("bob      got a subscription request from " + request.contact() + ": approved");
        rosterItemOnce(alice, bob.jid(), item -> item.subscription() == Subscription.TO);
        printRoster(alice, alice.roster().snapshot());
        rosterItemOnce(bob, alice.jid(), item -> item.subscription() == Subscription.FROM);
        printRoster(bob, bob.roster().snapshot());
    }

    /**
     * Bob asks back while alice is not online yet, so the server keeps his request (§3.1.3); alice comes online,
     * sees bob and his request, and approves. Both rosters end {@code both}, each sees the other's presence.
     */
    private void bobSubscribesBack(User alice, User bob) {
        bob.subscriptions().subscribe(alice.jid()).block(STEP);
        out.println("bob      asked to see alice's presence: "
                + describe(rosterItemOnce(bob, alice.jid(), RosterItem::askSubscribe)));

        Mono<SubscriptionRequest> aliceIsAsked = alice.subscriptions().requests().next().cache();
        aliceIsAsked.subscribe();
        Availability.of(alice.session()).available(Show.CHAT, "Reading the RFCs", 0).block(STEP);
        out.println("alice    sent presence: chat, \"Reading the RFCs\"");
        printPresence(alice, presenceOnceAvailable(alice, bob.jid()));
        SubscriptionRequest request = aliceIsAsked.block(STEP);
        request.approve().block(STEP);
        out.println("alice    got a subscription request from " + request.contact() + ": approved");
        printPresence(bob, presenceOnceAvailable(bob, alice.jid()));

        rosterItemOnce(alice, bob.jid(), item -> item.subscription() == Subscription.BOTH);
        printRoster(alice, alice.roster().snapshot());
        rosterItemOnce(bob, alice.jid(), item -> item.subscription() == Subscription.BOTH);
        printRoster(bob, bob.roster().snapshot());
    }

    private void exchangeMessages(User alice, User bob) {
        Mono<Message> bobReceives = bob.session().messages().next().cache();
        bobReceives.subscribe();
        alice.session().send(Message.builder().to(bob.jid()).type(MessageType.CHAT).body("Hello Bob!").build())
                .block(STEP);
        out.println("alice -> bob:   Hello Bob!");
        Message received = bobReceives.block(STEP);
        out.println("bob      received from " + received.from().orElseThrow() + ": " + received.body().orElse(""));

        Mono<Message> aliceReceives = alice.session().messages().next().cache();
        aliceReceives.subscribe();
        bob.session().send(Message.builder().to(received.from().orElseThrow()).type(MessageType.CHAT)
                .body("Hi Alice, loud and clear.").build()).block(STEP);
        out.println("bob -> alice:   Hi Alice, loud and clear.");
        Message reply = aliceReceives.block(STEP);
        out.println("alice    received from " + reply.from().orElseThrow() + ": " + reply.body().orElse(""));
    }

    /** Alice closes without saying goodbye first: the server tells bob she is unavailable (§4.5.2). */
    private void close(User alice, User bob) {
        alice.session().close().block(STEP);
        out.println("alice    closed: " + alice.session().ended().block(STEP).reason());
        once(bob.presence().changes(), () -> bob.presence().contact(alice.jid()), Optional::isEmpty);
        out.println("bob      sees " + alice.jid() + " go offline");
        bob.session().close().block(STEP);
        out.println("bob      closed: " + bob.session().ended().block(STEP).reason());
    }

    private User login(String user, String password, String resource, TcpClientTransport tcp) {
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
        // from now on: roster pushes handled, presence followed; both before anything can arrive
        return new User(user, session, Roster.of(session), PresenceTracker.of(session), Subscriptions.of(session));
    }

    /** Waits until {@code user}'s roster, as the server's pushes left it, has an item for {@code jid} that passes. */
    private static RosterItem rosterItemOnce(User user, Jid jid, Predicate<RosterItem> condition) {
        Roster roster = user.roster();
        return once(roster.changes(), () -> roster.snapshot().item(jid),
                item -> item.filter(condition).isPresent()).orElseThrow();
    }

    /** Waits until {@code user} sees {@code contact} available, and returns what it sees. */
    private static ContactPresence presenceOnceAvailable(User user, Jid contact) {
        PresenceTracker tracker = user.presence();
        return once(tracker.changes(), () -> tracker.contact(contact), Optional::isPresent).orElseThrow();
    }

    /** Waits until {@code state} passes {@code condition}, looking now and after each of {@code changes}. */
    private static <T> T once(Flux<?> changes, Supplier<T> state, Predicate<T> condition) {
        // subscribed to the changes before the first look, so no change falls between the two
        return changes.map(change -> state.get())
                .mergeWith(Mono.fromSupplier(state))
                .filter(condition)
                .next()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("the session ended before the step did")))
                .block(STEP);
    }

    private void printRoster(User user, RosterSnapshot roster) {
        out.println(String.format("%-8s roster: %s", user.name(),
                roster.itemList().stream().map(Demo::describe).toList()));
    }

    private void printPresence(User user, ContactPresence contact) {
        Presence presence = contact.preferred().orElseThrow();
        out.println(String.format("%-8s sees presence of %s: %s%s", user.name(), presence.from().orElseThrow(),
                presence.show().map(Show::value).orElse("available"),
                presence.status().map(status -> ", \"" + status + "\"").orElse("")));
    }

    /** An item as the demo prints it: {@code bob@example.com "Bob" [Friends] (to, ask=subscribe)}. */
    private static String describe(RosterItem item) {
        return item.jid()
                + item.name().map(name -> " \"" + name + "\"").orElse("")
                + (item.groups().isEmpty() ? "" : " " + item.groups())
                + " (" + item.subscription().value() + (item.askSubscribe() ? ", ask=subscribe" : "") + ")";
    }
}
