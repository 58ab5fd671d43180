package org.xmppreactive.transport;

import reactor.core.publisher.Mono;

/**
 * Opens connections for a client: given the XMPP domain to reach, connects (DNS SRV, host and port, direct TLS:
 * the connector's business) and emits the {@link Transport}. Nothing happens until the {@link Mono} is subscribed.
 */
@FunctionalInterface
public interface TransportConnector {

    /** Connects to the server of {@code domain}. */
    Mono<Transport> connect(String domain);
}
