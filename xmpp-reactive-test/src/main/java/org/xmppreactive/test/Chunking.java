package org.xmppreactive.test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How an {@link InMemoryTransport} cuts the bytes one end writes into the pieces the other end reads, as TCP
 * segmentation would: each piece becomes one buffer of the reader's {@code receive()} (before TLS, or one read of TLS
 * records after it). The default keeps each written buffer whole.
 *
 * <pre>{@code
 * InMemoryTransport.pair(PipeConfig.defaults().withChunking(Chunking.everyByte()));
 * }</pre>
 */
@FunctionalInterface
public interface Chunking {

    /**
     * Cuts {@code written} into the pieces the reader receives, in order; together they hold exactly its bytes. The
     * pieces may share {@code written}'s memory: the transport never writes to it.
     */
    List<ByteBuffer> split(ByteBuffer written);

    /** One piece per written buffer: what was sent together is read together. */
    static Chunking asWritten() {
        return List::of;
    }

    /** One byte per piece: the harshest test for a decoder that must resume in the middle of anything. */
    static Chunking everyByte() {
        return ofSize(1);
    }

    /** Pieces of {@code size} bytes, the last one shorter. */
    static Chunking ofSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a piece holds at least one byte, not " + size);
        }
        return written -> {
            List<ByteBuffer> pieces = new ArrayList<>(written.remaining() / size + 1);
            for (int start = written.position(); start < written.limit(); start += size) {
                pieces.add(written.duplicate().position(start).limit(Math.min(start + size, written.limit())).slice());
            }
            return pieces;
        };
    }
}
