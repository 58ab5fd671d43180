package org.xmppreactive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.sasl.InMemoryCredentialStore;
import org.xmppreactive.test.TestCertificates;

/** The command-line client as a user runs it: commands, output, exit status. */
class XmppCliTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.create();
    private static DemoServer server;
    private static Path ca;

    @TempDir
    static Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        InMemoryCredentialStore accounts = new InMemoryCredentialStore()
                .add("alice", "alice-secret").add("bob", "bob-secret");
        server = DemoServer.start("example.com", accounts, CERTIFICATES.serverContext("example.com"),
                Map.of("alice", List.of(Jid.parse("bob@example.com")),
                        "bob", List.of(Jid.parse("alice@example.com")))).block(Duration.ofSeconds(10));
        ca = temp.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(CERTIFICATES.caCertificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    @AfterAll
    static void stopServer() {
        server.stop().block(Duration.ofSeconds(10));
    }

    private int run(String... args) {
        return XmppCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] connect(String jid, String password, String... more) {
        List<String> args = new ArrayList<>(List.of("--jid", jid, "--password", password, "--host", "127.0.0.1",
                "--port", String.valueOf(server.port()), "--ca", ca.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String[] command(String name, String[] options) {
        String[] args = new String[options.length + 1];
        args[0] = name;
        System.arraycopy(options, 0, args, 1, options.length);
        return args;
    }

    @Test
    void demoRunsEveryStepAndExitsZero() {
        int status = run("demo");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).containsSubsequence("alice    logged in: SCRAM-SHA-256 over STARTTLS",
                "bound alice@example.com/laptop",
                "alice    roster: []",
                "bob      roster: []",
                "alice    added bob@example.com \"Bob\" [Friends] (none)",
                "alice    asked to see bob's presence: bob@example.com \"Bob\" [Friends] (none, ask=subscribe)",
                "bob      got a subscription request from alice@example.com: approved",
                "alice    roster: [bob@example.com \"Bob\" [Friends] (to)]",
                "bob      roster: [alice@example.com (from)]",
                "bob      asked to see alice's presence: alice@example.com (from, ask=subscribe)",
                "alice    sees presence of bob@example.com/phone: available",
                "alice    got a subscription request from bob@example.com: approved",
                "bob      sees presence of alice@example.com/laptop: chat, \"Reading the RFCs\"",
                "alice    roster: [bob@example.com \"Bob\" [Friends] (both)]",
                "bob      roster: [alice@example.com (both)]",
                "bob      received from alice@example.com/laptop: Hello Bob!",
                "alice    received from bob@example.com/phone: Hi Alice, loud and clear.",
                "alice    closed: CLOSED_BY_US",
                "bob      sees alice@example.com go offline",
                "bob      closed: CLOSED_BY_US",
                "server   stopped");
    }

    @Test
    void loginPrintsTheBoundJid() {
        int status = run(command("login", connect("alice@example.com/cli", "alice-secret")));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("alice@example.com/cli");
    }

    @Test
    void aWrongPasswordPrintsNotAuthorizedAndExitsOne() {
        int status = run(command("login", connect("alice@example.com", "wrong")));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: not-authorized");
    }

    @Test
    void anUntrustedServerIsRefused() {
        int status = run("login", "--jid", "alice@example.com", "--password", "alice-secret", "--host", "127.0.0.1",
                "--port", String.valueOf(server.port()));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ");
    }

    @Test
    void sendAndListenExchangeAMessage() throws Exception {
        java.util.concurrent.CountDownLatch online = new java.util.concurrent.CountDownLatch(1);
        ByteArrayOutputStream listened = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                super.write(bytes, offset, length);
                if (toString(StandardCharsets.UTF_8).contains("listening as")) {
                    online.countDown();   // the listener must be online before the message is sent
                }
            }
        };
        Thread listener = new Thread(() -> XmppCli.run(List.of(command("listen",
                        connect("bob@example.com/cli", "bob-secret", "--count", "1", "--timeout", "20"))),
                new PrintStream(listened, true, StandardCharsets.UTF_8), System.err));
        listener.start();
        assertThat(online.await(15, java.util.concurrent.TimeUnit.SECONDS)).as("the listener logged in").isTrue();

        int status = run(command("send", connect("alice@example.com", "alice-secret",
                "--to", "bob@example.com", "--body", "</body></message><iq type='set'>'\"<&")));
        listener.join(Duration.ofSeconds(20).toMillis());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(listened.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce(": </body></message><iq type='set'>'\"<&");
    }

    @Test
    void rosterListsTheContacts() {
        int status = run(command("roster", connect("alice@example.com", "alice-secret")));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bob@example.com subscription=both", "1 contacts");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("fly")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }
}
