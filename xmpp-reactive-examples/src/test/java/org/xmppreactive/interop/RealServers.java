package org.xmppreactive.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Prosody and ejabberd once for every integration test class of a run that asks for them with
 * {@code @ExtendWith(RealServers.class)}, and stops them when the run ends. Each server takes 1.5–3 s to start,
 * and one start per run saves that for every class after the first.
 *
 * <p>The servers keep their state from class to class (rosters, subscriptions), so each test uses accounts no
 * other test changes: see {@link RealServer#USERS}.
 *
 * <pre>{@code
 * @ExtendWith(RealServers.class)
 * class SomeInteropIT {
 *     static Stream<RealServer> servers() {
 *         return RealServers.both();
 *     }
 * }
 * }</pre>
 */
final class RealServers implements BeforeAllCallback {

    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        Running servers = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
        if (servers.failure() != null) {
            // started once per run: every class reports the same failure instead of trying again
            throw new IllegalStateException("the servers did not start: " + servers.failure().getMessage(),
                    servers.failure());
        }
        running = servers;
    }

    /** The running Prosody. */
    static RealServer prosody() {
        return started().prosody();
    }

    /** The running ejabberd. */
    static RealServer ejabberd() {
        return started().ejabberd();
    }

    /** Both running servers, for {@code @MethodSource}: the same scenario against each. */
    static Stream<RealServer> both() {
        return Stream.of(prosody(), ejabberd());
    }

    private static Running started() {
        Running servers = running;
        if (servers == null) {
            throw new IllegalStateException("the servers are started by @ExtendWith(RealServers.class)");
        }
        return servers;
    }

    /**
     * Both servers in one throw-away directory, or why they did not start; closed by JUnit when the run's root
     * context closes.
     */
    private record Running(Path workdir, RealServer prosody, RealServer ejabberd, Exception failure)
            implements AutoCloseable {

        static Running start() {
            RealServer prosody = RealServer.prosody();
            RealServer ejabberd = RealServer.ejabberd();
            Path workdir = null;
            try {
                workdir = Files.createTempDirectory("xmpp-reactive-servers");
                prosody.start(workdir);
                ejabberd.start(workdir);
                System.out.print(prosody.startOutput());
                System.out.print(ejabberd.startOutput());
                return new Running(workdir, prosody, ejabberd, null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Running failed = new Running(workdir, prosody, ejabberd, e);
                try {
                    failed.close();   // stops whichever started; the start failure stays the one reported
                } catch (IOException | RuntimeException stopping) {
                    e.addSuppressed(stopping);
                }
                return failed;
            }
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (RealServer server : new RealServer[] {prosody, ejabberd}) {
                try {
                    server.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (workdir != null) {
                try (Stream<Path> files = Files.walk(workdir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
