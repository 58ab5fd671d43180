package org.xmppreactive.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * The connection's inbound bytes as a {@code Flux<ByteBuffer>} whose demand is the only thing that makes the
 * channel read: auto-read is off, and one {@code request(1)} with nothing queued issues one {@code read()}.
 *
 * <p>It sits last in the pipeline, just before Reactor Netty's bridge, and keeps the bytes from it. Reactor Netty's
 * own {@code receive()} keeps reading until 32 buffers are queued past demand; that read-ahead would let plaintext
 * that followed {@code <proceed/>} in a separate packet be read before the {@code SslHandler} is in place, and
 * later handed out as if it had been decrypted. Here nothing is read that was not asked for, except by the
 * {@code SslHandler}, which reads on its own while its handshake runs (and once more when a read brought it only
 * TLS records): those bytes, already decrypted, wait in a queue bounded by what those reads return.
 *
 * <p>Each buffer handed out is a heap copy that belongs to the subscriber; the {@code ByteBuf} is released at once.
 * Everything but {@link #flux()}, {@link #request} and {@link #cancel} runs on the channel's event loop.
 */
final class SocketReader extends ChannelInboundHandlerAdapter implements Subscription {

    /** The name of this handler in the pipeline. */
    static final String NAME = "xmpp.socketReader";

    private final Channel channel;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong bytesRead = new AtomicLong();

    // confined to the event loop
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private CoreSubscriber<? super ByteBuffer> subscriber;
    private long demand;
    private boolean readIssued;
    private boolean inputClosed;
    private Throwable error;
    private boolean cancelled;
    private boolean terminated;
    private boolean draining;
    private boolean missed;

    SocketReader(Channel channel) {
        this.channel = channel;
        channel.config().setAutoRead(false);
    }

    /** The inbound bytes, for one subscriber. */
    Flux<ByteBuffer> flux() {
        return Flux.from(subscriber -> {
            CoreSubscriber<? super ByteBuffer> actual = Operators.toCoreSubscriber(subscriber);
            if (!subscribed.compareAndSet(false, true)) {
                Operators.error(actual, new IllegalStateException("receive() allows one subscriber"));
                return;
            }
            onEventLoop(() -> {
                this.subscriber = actual;
                actual.onSubscribe(this);
                drain();
            });
        });
    }

    /** The bytes read from the connection so far (after TLS, the decrypted bytes). */
    long bytesRead() {
        return bytesRead.get();
    }

    /** The bytes read but not yet handed out. Event loop only. */
    long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            onEventLoop(() -> {
                demand = Operators.addCap(demand, n);
                drain();
            });
        }
    }

    @Override
    public void cancel() {
        onEventLoop(() -> {
            cancelled = true;
            subscriber = null;
            queue.clear();
            queuedBytes = 0;
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof ByteBuf buffer)) {
            ReferenceCountUtil.release(message);
            return;
        }
        try {
            int length = buffer.readableBytes();
            if (length > 0) {
                byte[] bytes = new byte[length];
                buffer.readBytes(bytes);
                bytesRead.addAndGet(length);
                if (!cancelled) {
                    queue.add(ByteBuffer.wrap(bytes));
                    queuedBytes += length;
                }
            }
        } finally {
            buffer.release();
        }
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readIssued = false;
        drain();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inputClosed = true;
        drain();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The subscriber gets the error; Reactor Netty's bridge, which has no reader, would only log it.
        if (!inputClosed && error == null) {
            error = TlsEngines.unwrap(cause);
        }
        ctx.close();
    }

    private void drain() {
        if (draining) {
            missed = true;
            return;
        }
        draining = true;
        try {
            do {
                missed = false;
                CoreSubscriber<? super ByteBuffer> actual = subscriber;
                if (actual == null || terminated) {
                    continue;
                }
                while (demand > 0 && !queue.isEmpty() && !cancelled) {
                    demand--;
                    ByteBuffer next = queue.poll();
                    queuedBytes -= next.remaining();
                    actual.onNext(next);
                }
                if (cancelled) {
                    continue;
                }
                if (queue.isEmpty() && inputClosed) {
                    terminated = true;
                    subscriber = null;
                    if (error != null) {
                        actual.onError(error);
                    } else {
                        actual.onComplete();
                    }
                } else if (demand > 0 && queue.isEmpty() && !readIssued) {
                    readIssued = true;
                    channel.read();
                }
            } while (missed);
        } finally {
            draining = false;
        }
    }

    private void onEventLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }
}
