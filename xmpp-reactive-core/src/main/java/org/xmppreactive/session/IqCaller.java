package org.xmppreactive.session;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.IqType;
import org.xmppreactive.stanza.StanzaErrorException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * IQ requests this side made and awaits (RFC 6120 §8.2.3): each is keyed by its id and remembers whom it was sent
 * to, so a reply counts only if it is a result or error with that id from that peer. Each request has a timeout,
 * is forgotten when its subscriber cancels, and fails when the stream ends.
 */
final class IqCaller {

    private record Pending(Optional<Jid> to, MonoSink<Iq> reply) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final int maxPending;
    private final Function<Iq, Mono<Void>> sender;
    private volatile Jid self;
    private volatile Throwable ended;

    IqCaller(int maxPending, Function<Iq, Mono<Void>> sender) {
        this.maxPending = maxPending;
        this.sender = sender;
    }

    /** The full JID of this side, once bound: replies to requests without 'to' may come from it or its bare JID. */
    void bound(Jid self) {
        this.self = self;
    }

    /**
     * Sends {@code request} and emits its result, or fails with a {@link StanzaErrorException} for an error reply,
     * a {@link java.util.concurrent.TimeoutException} after {@code timeout}, or the stream's end.
     */
    Mono<Iq> call(Iq request, Duration timeout) {
        if (!request.isRequest()) {
            return Mono.error(new IllegalArgumentException("only a get or set expects a reply; this is a "
                    + request.type()));
        }
        Mono<Iq> reply = Mono.<Iq>create(sink -> {
            Throwable end = ended;
            if (end != null) {
                sink.error(end);
                return;
            }
            if (pending.size() >= maxPending) {
                sink.error(new IllegalStateException("too many IQ requests await a reply (" + maxPending
                        + "); raise SessionSettings.maxPendingIqs or wait for some to finish"));
                return;
            }
            Pending entry = new Pending(request.to(), sink);
            if (pending.putIfAbsent(request.id(), entry) != null) {
                sink.error(new IllegalArgumentException("an IQ with id '" + request.id() + "' already awaits a reply"));
                return;
            }
            // only this entry: a new request may reuse the id as soon as this one is answered
            sink.onDispose(() -> pending.remove(request.id(), entry));
            sender.apply(request).subscribe(null, sink::error);
        });
        return reply.timeout(timeout);
    }

    /**
     * Offers an inbound IQ result or error; true if it answered a pending request (and was consumed). A reply with
     * the right id from anyone but the addressee is not the reply, and is left alone.
     */
    boolean accept(Iq reply) {
        if (reply.isRequest()) {
            return false;
        }
        Pending request = pending.get(reply.id());
        if (request == null || !fromAddressee(request.to(), reply.from())) {
            return false;
        }
        if (!pending.remove(reply.id(), request)) {
            return false;
        }
        if (reply.type() == IqType.ERROR) {
            request.reply().error(new StanzaErrorException(reply.error().orElseThrow()));
        } else {
            request.reply().success(reply);
        }
        return true;
    }

    /** Fails every pending request, and every later one, with {@code cause}. */
    void end(Throwable cause) {
        ended = cause;
        for (String id : pending.keySet()) {
            Pending request = pending.remove(id);
            if (request != null) {
                request.reply().error(cause);
            }
        }
    }

    /** How many requests await a reply. */
    int pendingCount() {
        return pending.size();
    }

    // RFC 6120 §10.3.3 / §8.1.1.1: a request without 'to' is handled by the server for the account, so its reply
    // comes without 'from' or from the account's own address.
    private boolean fromAddressee(Optional<Jid> to, Optional<Jid> from) {
        Jid own = self;
        if (to.isEmpty() || own != null && to.get().equals(own.bare())) {
            return from.isEmpty() || own != null && (from.get().equals(own.bare()) || from.get().equals(own));
        }
        return from.equals(to);
    }
}
