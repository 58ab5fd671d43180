package org.xmppreactive.tcp;

import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Looks up DNS SRV records, as {@link TcpClientTransport} does to find a domain's XMPP service (RFC 6120 §3.2.1,
 * XEP-0368). The default asks the system's name servers without blocking; tests pass their own, or a name server on
 * the loopback.
 *
 * <pre>{@code
 * SrvResolver fixed = name -> Mono.just(name.startsWith("_xmpp-client.")
 *         ? List.of(new SrvRecord(0, 0, 5222, "localhost."))
 *         : List.of());
 * TcpClientTransport transport = TcpClientTransport.create().resolver(fixed);
 * }</pre>
 */
@FunctionalInterface
public interface SrvResolver {

    /**
     * The SRV records of {@code name}, e.g. {@code _xmpp-client._tcp.example.com.}, in the order of the answer;
     * an empty list when the name has none (or does not exist). Errors when the lookup itself failed (a timeout, a
     * server failure); the transport then treats the lookup as having found nothing.
     *
     * @param name the fully qualified service name, in ASCII (IDNA A-labels)
     */
    Mono<List<SrvRecord>> lookup(String name);

    /** Asks the name servers the system is configured with ({@code /etc/resolv.conf}), 5 s per query. */
    static SrvResolver system() {
        return new DnsSrvResolver(DnsServerAddressStreamProviders.platformDefault(), Duration.ofSeconds(5));
    }

    /**
     * Asks only the name server at {@code nameServer}.
     *
     * @param nameServer   the UDP address of the name server
     * @param queryTimeout how long one query may take
     */
    static SrvResolver nameServer(InetSocketAddress nameServer, Duration queryTimeout) {
        return new DnsSrvResolver(new SingletonDnsServerAddressStreamProvider(nameServer), queryTimeout);
    }
}
