package org.xmppreactive.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
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

    /** Both servers in one throw-away directory; closed by JUnit when the run's root context closes. */
    private record Running(Path workdir, RealServer prosody, RealServer ejabberd) implements AutoCloseable {

        static Running start() {
            try {
                Path workdir = Files.createTempDirectory("xmpp-reactive-servers");
                RealServer prosody = RealServer.prosody().start(workdir);
                RealServer ejabberd = RealServer.ejabberd();
                try {
                    ejabberd.start(workdir);
                } catch (IOException | RuntimeException e) {
                    prosody.stop();
                    throw e;
                }
                System.out.print(prosody.startOutput());
                System.out.print(ejabberd.startOutput());
                return new Running(workdir, prosody, ejabberd);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the servers", e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                prosody.close();
            } finally {
                ejabberd.close();
                try (Stream<Path> files = Files.walk(workdir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }
}
