package org.xmppreactive.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The command-line client, {@code xmpp-cli.jar}:
 *
 * <pre>
 * java -jar xmpp-cli.jar demo
 * java -jar xmpp-cli.jar login  --jid alice@example.com --password secret [--host H --port P]
 *                               [--tls starttls|direct|none] [--ca FILE | --trust-all]
 * java -jar xmpp-cli.jar send   ... --to bob@example.com --body "Hello"
 * java -jar xmpp-cli.jar listen ... [--count N] [--timeout SECONDS]
 * java -jar xmpp-cli.jar roster ...
 * </pre>
 *
 * Exit status 0 on success; 1 with the error's condition and text on stderr when the command failed; 2 for a
 * usage error.
 */
public final class XmppCli {

    private static final String USAGE = String.join("\n",
            "usage: java -jar xmpp-cli.jar COMMAND [OPTIONS]",
            "  demo                                   in-process server and two clients over TCP on 127.0.0.1",
            "  login  --jid JID --password PASSWORD   log in and print the bound JID",
            "  send   ... --to JID --body TEXT        send one chat message",
            "  listen ... [--count N] [--timeout S]   print one line per message received",
            "  roster ...                             print the roster",
            "connection options: [--host HOST] [--port PORT] [--tls starttls|direct|none] [--ca FILE | --trust-all]");

    private XmppCli() {
    }

    /** Runs the command {@code args} names and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command {@code args} names and returns its exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        CliOptions options;
        try {
            options = CliOptions.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            ClientCommands client = new ClientCommands(options, out);
            switch (args.get(0)) {
                case "demo" -> new Demo(out).run();
                case "login" -> client.login();
                case "send" -> client.send();
                case "listen" -> client.listen();
                case "roster" -> client.roster();
                default -> {
                    err.println("unknown command " + args.get(0));
                    err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + ClientCommands.describe(e));
            return 1;
        }
    }
}
