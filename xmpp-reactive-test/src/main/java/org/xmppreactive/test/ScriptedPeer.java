package org.xmppreactive.test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Subscription;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.transport.Transport;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The other end of a conversation, as a script: expect this, reply that. Built on any {@link Transport} (usually
 * one end of {@link InMemoryTransport#pair}), it reads what the side under test sends, checks each step, and writes
 * exactly the bytes the script gives, so a test can play a well-behaved server or a hostile one.
 *
 * <pre>{@code
 * ScriptedPeer server = ScriptedPeer.over(pair.server())
 *         .expectStreamHeader()
 *         .send(ScriptedPeer.SERVER_HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
 *                 + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>")
 *         .expect("auth")
 *         .send("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>")
 *         .expectClose();
 * StepVerifier.create(server.run()).verifyComplete();
 * }</pre>
 *
 * <p>A failed step ends {@link #run()} with an {@link AssertionError} that says what was expected, what came, and
 * the last bytes received. Each expectation waits at most {@link #timeout(Duration)} (5 s by default).
 */
public final class ScriptedPeer {

    /** A receiving entity's stream header for {@code example.com}, version 1.0, without the features. */
    public static final String SERVER_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='scripted' version='1.0'>";

    private static final int TAIL_BYTES = 512;

    private sealed interface Step {
    }

    private record Expect(String description, Function<StreamEvent, Boolean> check,
                          Function<StreamEvent, String> reply) implements Step {
    }

    private record Send(String xml) implements Step {
    }

    private record StartTls(TlsRole role) implements Step {
    }

    private record Restart() implements Step {
    }

    private record Close() implements Step {
    }

    private final Transport transport;
    private final List<Step> steps;
    private final Duration timeout;

    private ScriptedPeer(Transport transport, List<Step> steps, Duration timeout) {
        this.transport = transport;
        this.steps = List.copyOf(steps);
        this.timeout = timeout;
    }

    /** An empty script over {@code transport}. */
    public static ScriptedPeer over(Transport transport) {
        return new ScriptedPeer(Objects.requireNonNull(transport, "transport"), List.of(), Duration.ofSeconds(5));
    }

    /** This script with each expectation waiting at most {@code timeout}. */
    public ScriptedPeer timeout(Duration timeout) {
        return new ScriptedPeer(transport, steps, timeout);
    }

    /** Expects the side under test to open a stream. */
    public ScriptedPeer expectStreamHeader() {
        return then(new Expect("a stream header", event -> event instanceof StreamEvent.Opened, event -> ""));
    }

    /** Expects a top-level element named {@code localName}, in any namespace. */
    public ScriptedPeer expect(String localName) {
        return expect("<" + localName + "/>", element -> element.localName().equals(localName));
    }

    /** Expects a top-level element that passes {@code check}, described for the failure message. */
    public ScriptedPeer expect(String description, Predicate<XmlElement> check) {
        return expectAndReply(description, check, element -> "");
    }

    /**
     * Expects a top-level element that passes {@code check} and answers with the XML {@code reply} computes from
     * it (an IQ result that echoes the request's id, say).
     */
    public ScriptedPeer expectAndReply(String description, Predicate<XmlElement> check,
                                       Function<XmlElement, String> reply) {
        return then(new Expect(description,
                event -> event instanceof StreamEvent.Element element && check.test(element.element()),
                event -> reply.apply(((StreamEvent.Element) event).element())));
    }

    /** Expects the side under test to close its stream, {@code </stream:stream>}. */
    public ScriptedPeer expectClose() {
        return then(new Expect("</stream:stream>", event -> event instanceof StreamEvent.Closed, event -> ""));
    }

    /** Writes {@code xml} as it is, in one write: a header, an element, several, or deliberately broken bytes. */
    public ScriptedPeer send(String xml) {
        return then(new Send(xml));
    }

    /** Upgrades the connection to TLS in {@code role}; the peer's next stream is read by a fresh parser. */
    public ScriptedPeer startTls(TlsRole role) {
        return then(new StartTls(role));
    }

    /** Expects a new stream from the side under test from here on (after SASL success). */
    public ScriptedPeer restartStream() {
        return then(new Restart());
    }

    /** Closes the connection. */
    public ScriptedPeer close() {
        return then(new Close());
    }

    /**
     * Runs the script: completes when every step passed, fails with an {@link AssertionError} at the first that
     * did not. Subscribe once; the script owns the transport's inbound side.
     */
    public Mono<Void> run() {
        return Mono.defer(() -> {
            Reader reader = new Reader();
            transport.receive().subscribe(reader);
            return Flux.fromIterable(steps).concatMap(step -> run(step, reader), 1).then()
                    .doFinally(signal -> reader.dispose());
        });
    }

    private Mono<Void> run(Step step, Reader reader) {
        if (step instanceof Send send) {
            return transport.send(Mono.just(ByteBuffer.wrap(send.xml().getBytes(StandardCharsets.UTF_8))));
        }
        if (step instanceof StartTls startTls) {
            // like a careful server: plaintext read after <starttls/> is dropped, never parsed as the new stream
            return Mono.fromRunnable(reader::restartDiscarding).then(transport.startTls(startTls.role())).then();
        }
        if (step instanceof Restart) {
            return Mono.fromRunnable(reader::restart);
        }
        if (step instanceof Close) {
            return transport.close();
        }
        Expect expect = (Expect) step;
        return reader.next()
                .timeout(timeout)
                .onErrorMap(TimeoutException.class, e -> failure(reader, expect, "nothing within " + timeout))
                .switchIfEmpty(Mono.error(() -> failure(reader, expect, "the connection closed")))
                .flatMap(event -> {
                    if (!expect.check().apply(event)) {
                        return Mono.error(failure(reader, expect, describe(event)));
                    }
                    String reply = expect.reply().apply(event);
                    return reply.isEmpty() ? Mono.empty() : run(new Send(reply), reader);
                });
    }

    private static AssertionError failure(Reader reader, Expect expect, String got) {
        return new AssertionError("expected " + expect.description() + " but got " + got
                + "\nlast bytes received: " + reader.tail());
    }

    private static String describe(StreamEvent event) {
        if (event instanceof StreamEvent.Element element) {
            return XmppStreamEncoder.toXml(element.element());
        }
        return event instanceof StreamEvent.Opened ? "a stream header" : "</stream:stream>";
    }

    private ScriptedPeer then(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new ScriptedPeer(transport, more, timeout);
    }

    /** Pulls one event at a time from the transport, so a restart can fall between any two. */
    private static final class Reader extends BaseSubscriber<ByteBuffer> {

        private final XmppStreamDecoder decoder = new XmppStreamDecoder(DecoderLimits.defaults());
        private final ArrayDeque<Byte> tail = new ArrayDeque<>();
        private MonoSink<StreamEvent> waiting;
        private boolean done;
        private Throwable error;

        Mono<StreamEvent> next() {
            return Mono.create(sink -> {
                synchronized (this) {
                    StreamEvent ready = decoded();
                    if (ready != null) {
                        sink.success(ready);
                    } else if (error != null) {
                        sink.error(error);
                    } else if (done) {
                        sink.success();
                    } else {
                        waiting = sink;
                        sink.onCancel(() -> forget(sink));   // a step that timed out stops waiting
                        request(1);
                    }
                }
            });
        }

        synchronized void restart() {
            decoder.restart();
        }

        synchronized void restartDiscarding() {
            decoder.restart();
            decoder.discardPending();
        }

        synchronized void forget(MonoSink<StreamEvent> sink) {
            if (waiting == sink) {
                waiting = null;
            }
        }

        synchronized String tail() {
            byte[] bytes = new byte[tail.size()];
            int i = 0;
            for (Byte b : tail) {
                bytes[i++] = b;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // nothing until a step asks
        }

        @Override
        protected synchronized void hookOnNext(ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            while (copy.hasRemaining()) {
                if (tail.size() == TAIL_BYTES) {
                    tail.removeFirst();
                }
                tail.addLast(copy.get());
            }
            decoder.offer(buffer);
            deliver();
        }

        @Override
        protected synchronized void hookOnError(Throwable throwable) {
            error = throwable;
            if (waiting != null) {
                MonoSink<StreamEvent> sink = waiting;
                waiting = null;
                sink.error(throwable);
            }
        }

        @Override
        protected synchronized void hookOnComplete() {
            done = true;
            if (waiting != null) {
                MonoSink<StreamEvent> sink = waiting;
                waiting = null;
                sink.success();
            }
        }

        private void deliver() {
            if (waiting == null) {
                return;
            }
            StreamEvent ready = decoded();
            MonoSink<StreamEvent> sink = waiting;
            if (ready != null) {
                waiting = null;
                sink.success(ready);
            } else if (error != null) {
                waiting = null;
                sink.error(error);
            } else {
                request(1);
            }
        }

        private StreamEvent decoded() {
            try {
                return decoder.hasNext() ? decoder.next() : null;
            } catch (RuntimeException e) {
                error = e;
                return null;
            }
        }
    }
}
