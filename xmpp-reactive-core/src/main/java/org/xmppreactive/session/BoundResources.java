package org.xmppreactive.session;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.stanza.StanzaErrorException;
import org.xmppreactive.stream.StreamError;
import org.xmppreactive.stream.StreamErrorCondition;
import reactor.core.publisher.Mono;

/**
 * The full JIDs bound on one server and the sessions holding them: resource binding with a conflict policy, and
 * lookup for routing. A binding is released when its session ends.
 */
final class BoundResources {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Jid, StreamConnection> bound = new ConcurrentHashMap<>();
    private final ResourceConflictPolicy policy;

    BoundResources(ResourceConflictPolicy policy) {
        this.policy = policy;
    }

    /**
     * Binds {@code requested} (or a fresh resource) for {@code account} on behalf of the connection {@code owner}.
     */
    Mono<Jid> bind(Jid account, Optional<String> requested, StreamConnection owner) {
        return Mono.defer(() -> {
            Jid jid;
            try {
                jid = account.withResource(requested.filter(r -> !r.isEmpty()).orElseGet(BoundResources::fresh));
            } catch (InvalidJidException e) {
                return Mono.error(new StanzaErrorException(StanzaError.of(StanzaErrorCondition.BAD_REQUEST)
                        .withText("not a valid resource: " + e.getMessage())));
            }
            StreamConnection previous = bound.putIfAbsent(jid, owner);
            if (previous == null) {
                return Mono.just(jid);
            }
            return switch (policy) {
                case REFUSE_NEW -> Mono.error(new StanzaErrorException(StanzaError.of(StanzaErrorCondition.CONFLICT)
                        .withText("the resource is in use")));
                case ASSIGN_NEW -> bind(account, Optional.of(fresh()), owner);
                case REPLACE_OLD -> {
                    if (!bound.replace(jid, previous, owner)) {
                        yield bind(account, requested, owner);   // another login changed it meanwhile: decide again
                    }
                    yield previous.closeWith(StreamError.of(StreamErrorCondition.CONFLICT)
                                    .withText("Replaced by new connection"))
                            .onErrorResume(e -> Mono.empty()).thenReturn(jid);
                }
            };
        });
    }

    /** Forgets {@code jid} if {@code owner} still holds it. */
    void release(Jid jid, StreamConnection owner) {
        bound.remove(jid, owner);
    }

    /** The live sessions of the account {@code bare}, in no particular order. */
    java.util.List<XmppSession> sessions(Jid bare) {
        return bound.entrySet().stream()
                .filter(entry -> entry.getKey().bare().equals(bare.bare()))
                .flatMap(entry -> entry.getValue().session().stream())
                .toList();
    }

    /** The session holding {@code jid}, if any. */
    Optional<XmppSession> session(Jid jid) {
        return Optional.ofNullable(bound.get(jid)).flatMap(StreamConnection::session);
    }

    private static String fresh() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
