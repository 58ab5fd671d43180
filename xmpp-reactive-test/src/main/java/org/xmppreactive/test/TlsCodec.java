package org.xmppreactive.test;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;

/**
 * One end's TLS over byte buffers: drives the JDK's {@link SSLEngine} through the handshake, wraps what the end
 * writes and unwraps what it reads. Not thread-safe: the owning {@link InMemoryTransport} calls it from its serial
 * executor only. Delegated tasks run inline; nothing here ever waits.
 */
final class TlsCodec {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final TlsRole role;
    /** Received TLS bytes not yet unwrapped, in write mode (position = end of data). */
    private ByteBuffer netIn;
    /** Unwrapped plaintext not yet delivered, in write mode. */
    private ByteBuffer plainIn;
    private boolean inboundClosed;

    TlsCodec(SSLEngine engine, TlsRole role) throws SSLException {
        this.engine = engine;
        this.role = role;
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.plainIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
    }

    /** Keeps {@code raw} TLS bytes for the next unwrap. */
    void received(ByteBuffer raw) {
        if (netIn.remaining() < raw.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, netIn.position() + raw.remaining()));
            netIn.flip();
            netIn = larger.put(netIn);
        }
        netIn.put(raw);
    }

    /**
     * Advances the handshake as far as the bytes received so far allow, handing each flight of records to send to
     * {@code send}. Returns true when the handshake is finished, false when it needs more bytes from the peer.
     */
    boolean advanceHandshake(Consumer<ByteBuffer> send) throws SSLException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runDelegatedTasks();
                case NEED_WRAP -> send.accept(wrap(NOTHING));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapOnce()) {
                        return false;
                    }
                    if (inboundClosed) {
                        throw new SSLHandshakeException("the peer closed TLS during the handshake");
                    }
                }
                default -> {
                    return true;
                }
            }
        }
    }

    /**
     * Unwraps every complete record received so far into the plaintext buffer, answering post-handshake messages
     * (e.g. a TLS 1.3 key update) through {@code send}.
     */
    void unwrapAvailable(Consumer<ByteBuffer> send) throws SSLException {
        boolean progressed = true;
        while (progressed && netIn.position() > 0 && !inboundClosed) {
            progressed = unwrapOnce();
            for (HandshakeStatus status = engine.getHandshakeStatus(); ; status = engine.getHandshakeStatus()) {
                if (status == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                } else if (status == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                    send.accept(wrap(NOTHING));
                } else {
                    break;
                }
            }
        }
    }

    /** Whether unwrapped plaintext waits for delivery. */
    boolean hasPlaintext() {
        return plainIn.position() > 0;
    }

    /** The unwrapped plaintext, in a new buffer the caller owns. */
    ByteBuffer takePlaintext() {
        plainIn.flip();
        ByteBuffer plaintext = ByteBuffer.allocate(plainIn.remaining()).put(plainIn).flip();
        plainIn.clear();
        return plaintext;
    }

    /** Whether the peer ended TLS with close_notify: no more plaintext will come. */
    boolean inboundClosed() {
        return inboundClosed;
    }

    /** Encrypts all of {@code plaintext} into TLS records. */
    ByteBuffer wrap(ByteBuffer plaintext) throws SSLException {
        int packetSize = engine.getSession().getPacketBufferSize();
        ByteBuffer records = ByteBuffer.allocate(packetSize);
        do {
            if (records.remaining() < packetSize) {
                records = ByteBuffer.allocate(records.capacity() * 2).put(records.flip());
            }
            SSLEngineResult result = engine.wrap(plaintext, records);
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> records = ByteBuffer.allocate(records.capacity() * 2).put(records.flip());
                case CLOSED -> {
                    if (plaintext.hasRemaining()) {
                        throw new SSLException("TLS is closed; cannot send " + plaintext.remaining() + " bytes");
                    }
                    return records.flip();
                }
                default -> {
                    if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runDelegatedTasks();
                    }
                }
            }
        } while (plaintext.hasRemaining());
        return records.flip();
    }

    /** The close_notify alert that ends this side's TLS; empty if it cannot be produced. */
    ByteBuffer closeNotify() {
        engine.closeOutbound();
        return pendingRecords();
    }

    /**
     * After a failure: the alert the engine wants to send (e.g. {@code bad_certificate}), so the peer learns why; empty
     * if there is none.
     */
    ByteBuffer pendingRecords() {
        try {
            ByteBuffer records = ByteBuffer.allocate(0);
            for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                ByteBuffer more = wrap(NOTHING);
                records = ByteBuffer.allocate(records.remaining() + more.remaining()).put(records).put(more).flip();
            }
            return records;
        } catch (SSLException | RuntimeException e) {
            return ByteBuffer.allocate(0); // best effort: the connection is going down either way
        }
    }

    /** What the finished handshake established. */
    TlsInfo info() {
        return TlsInfo.from(engine.getSession(), role);
    }

    /** Unwraps one record; false if there was not enough input for one. */
    private boolean unwrapOnce() throws SSLException {
        netIn.flip();
        try {
            while (true) {
                int applicationSize = engine.getSession().getApplicationBufferSize();
                if (plainIn.remaining() < applicationSize) {
                    plainIn = ByteBuffer.allocate(plainIn.position() + applicationSize).put(plainIn.flip());
                }
                HandshakeStatus before = engine.getHandshakeStatus();
                SSLEngineResult result = engine.unwrap(netIn, plainIn);
                switch (result.getStatus()) {
                    case BUFFER_UNDERFLOW -> {
                        return false;
                    }
                    case BUFFER_OVERFLOW -> {
                        // grown at the top of the loop, since the application buffer size may have changed
                        plainIn = ByteBuffer.allocate(plainIn.capacity() * 2).put(plainIn.flip());
                    }
                    case CLOSED -> {
                        inboundClosed = true;
                        return true;
                    }
                    default -> {
                        return result.bytesConsumed() > 0 || result.bytesProduced() > 0
                                || result.getHandshakeStatus() != before;
                    }
                }
            }
        } finally {
            netIn.compact();
        }
    }

    private void runDelegatedTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
