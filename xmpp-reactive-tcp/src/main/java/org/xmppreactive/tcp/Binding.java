package org.xmppreactive.tcp;

import io.netty.channel.group.ChannelGroup;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * A listening socket of {@link TcpServerTransport}: where it listens, and how to stop it.
 *
 * <pre>{@code
 * Binding binding = TcpServerTransport.create().port(0).tls(context).bind(handler).block();
 * TcpClientTransport client = TcpClientTransport.create().host(binding.host()).port(binding.port());
 * ...
 * binding.close().block();
 * }</pre>
 */
public final class Binding {

    private final DisposableServer server;
    private final ChannelGroup connections;

    Binding(DisposableServer server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
    }

    /** The address listened on, e.g. {@code 127.0.0.1}. */
    public String host() {
        return server.host();
    }

    /** The port listened on; the one the system chose when the transport was told port 0. */
    public int port() {
        return server.port();
    }

    /** Stops listening and closes the connections still open; completes when all are closed. Twice is harmless. */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            server.dispose();
            return server.onDispose().then(Mono.<Void>create(sink -> connections.close().addListener(done -> {
                if (done.isSuccess()) {
                    sink.success();
                } else {
                    sink.error(done.cause());
                }
            })));
        });
    }

    @Override
    public String toString() {
        return "Binding[" + host() + ":" + port() + "]";
    }
}
