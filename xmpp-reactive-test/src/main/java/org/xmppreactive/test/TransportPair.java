package org.xmppreactive.test;

import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The two ends of one in-memory connection: what {@code client} sends, {@code server} receives, and back. The names
 * say which {@link TlsConfig} of the {@link PipeConfig} each end uses; either end may take either TLS role.
 *
 * @param client the initiating end
 * @param server the receiving end
 */
public record TransportPair(InMemoryTransport client, InMemoryTransport server) {

    /** Checks the ends. */
    public TransportPair {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
    }

    /** Closes both ends; completes when both are closed. */
    public Mono<Void> close() {
        return client.close().then(server.close());
    }
}
