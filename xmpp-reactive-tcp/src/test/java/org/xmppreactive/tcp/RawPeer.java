package org.xmppreactive.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven peer on 127.0.0.1 that accepts one connection and plays a script of "expect this, send that" with
 * plain blocking sockets, each {@code send} in exactly one write: for conversations our own server would never
 * have, such as plaintext riding behind {@code <proceed/>}.
 */
final class RawPeer implements AutoCloseable {

    /** The script, run on the peer's own thread. */
    @FunctionalInterface
    interface Script {
        void play(Conversation conversation) throws IOException;
    }

    private final ServerSocket listener;
    private final CompletableFuture<Void> played = new CompletableFuture<>();

    private RawPeer(Script script) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout((int) XmppOverTcp.WAIT.toMillis());
                script.play(new Conversation(socket));
                played.complete(null);
            } catch (IOException | RuntimeException | Error e) {
                played.completeExceptionally(e);
            }
        }, "raw-peer");
        thread.setDaemon(true);
        thread.start();
    }

    static RawPeer start(Script script) throws IOException {
        return new RawPeer(script);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Waits for the script to have been played to its end; rethrows what went wrong in it. */
    void awaitPlayed(Duration timeout) throws Exception {
        played.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** One connection, as the script sees it. */
    static final class Conversation {
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        private Conversation(Socket socket) throws IOException {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads until everything received so far contains {@code text}. */
        void expect(String text) throws IOException {
            while (!received.toString(StandardCharsets.UTF_8).contains(text)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed before \"" + text + "\" came; received: "
                            + received.toString(StandardCharsets.UTF_8));
                }
                received.write(b);
            }
        }

        /** Reads until the byte {@code value} comes, e.g. 0x16, the first byte of a TLS handshake record. */
        void expectByte(int value) throws IOException {
            int b;
            do {
                b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed before byte " + value + " came");
                }
            } while (b != value);
        }

        /** Sends {@code text} in one write. */
        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Waits until the other side closes the connection. */
        void awaitClose() throws IOException {
            while (in.read() >= 0) {
                // drain whatever comes until the end
            }
        }
    }
}
