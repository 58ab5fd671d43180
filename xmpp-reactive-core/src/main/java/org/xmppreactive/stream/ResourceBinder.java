package org.xmppreactive.stream;

import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.stanza.StanzaErrorException;
import reactor.core.publisher.Mono;

/**
 * The receiving entity's decision on resource binding (RFC 6120 §7): which full JID an authenticated account gets.
 * A server that knows its live sessions implements the conflict policy here (§7.7.2.2: refuse the new one,
 * replace the old one, or assign another resource).
 */
@FunctionalInterface
public interface ResourceBinder {

    /**
     * Binds a resource for {@code account}.
     *
     * @param account   the authenticated bare JID
     * @param requested the resource the client asked for, if any (not yet checked against RFC 7622)
     * @return the full JID to bind, or an error with a {@link StanzaErrorException} whose condition is the one to
     *     answer with ({@code conflict}, {@code not-allowed}, {@code bad-request}, {@code resource-constraint})
     */
    Mono<Jid> bind(Jid account, Optional<String> requested);
}
