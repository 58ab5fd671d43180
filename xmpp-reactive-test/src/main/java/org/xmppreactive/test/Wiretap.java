package org.xmppreactive.test;

import java.nio.ByteBuffer;

/**
 * Sees every write an {@link InMemoryTransport} puts on its pipe, as raw bytes: plaintext before TLS, TLS records
 * after. Tests use it to show that what crossed the wire was encrypted, or to print the last bytes on the wire.
 *
 * <pre>{@code
 * ByteArrayOutputStream wire = new ByteArrayOutputStream();
 * PipeConfig config = PipeConfig.defaults().withWiretap((sender, bytes) -> {
 *     byte[] copy = new byte[bytes.remaining()];
 *     bytes.get(copy);
 *     wire.writeBytes(copy);
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Wiretap {

    /**
     * Called on the writing thread once per write, after the bytes entered the pipe, so {@code sender.queuedBytes()}
     * already counts them.
     *
     * @param sender the end that wrote
     * @param bytes  a read-only view of what was written; the tap may consume it
     */
    void onRawBytes(InMemoryTransport sender, ByteBuffer bytes);

    /** A tap that ignores everything. */
    static Wiretap none() {
        return (sender, bytes) -> { };
    }
}
