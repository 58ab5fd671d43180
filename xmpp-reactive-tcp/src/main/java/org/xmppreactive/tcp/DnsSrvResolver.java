package org.xmppreactive.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.util.ReferenceCountUtil;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpResources;

/**
 * SRV lookups with Netty's non-blocking DNS resolver, on an event loop of Reactor Netty's shared TCP resources. A
 * resolver (one UDP socket) is made for each lookup and closed after it: lookups happen once per connection.
 */
final class DnsSrvResolver implements SrvResolver {

    private final DnsServerAddressStreamProvider nameServers;
    private final Duration queryTimeout;

    DnsSrvResolver(DnsServerAddressStreamProvider nameServers, Duration queryTimeout) {
        this.nameServers = Objects.requireNonNull(nameServers, "nameServers");
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
    }

    @Override
    public Mono<List<SrvRecord>> lookup(String name) {
        return Mono.defer(() -> {
            LoopResources loops = TcpResources.get();
            EventLoopGroup group = loops.onClient(LoopResources.DEFAULT_NATIVE);
            DnsNameResolver resolver = new DnsNameResolverBuilder(group.next())
                    .datagramChannelType(loops.onChannelClass(DatagramChannel.class, group))
                    .nameServerProvider(nameServers)
                    .queryTimeoutMillis(queryTimeout.toMillis())
                    .resolveCache(NoopDnsCache.INSTANCE)
                    .build();
            return Mono.<List<SrvRecord>>create(sink -> resolver
                            .resolveAll(new DefaultDnsQuestion(name, DnsRecordType.SRV))
                            .addListener(done -> {
                                if (done.isSuccess()) {
                                    @SuppressWarnings("unchecked")
                                    List<DnsRecord> answers = (List<DnsRecord>) done.getNow();
                                    sink.success(decode(answers));
                                } else if (done.cause() instanceof UnknownHostException) {
                                    sink.success(List.of()); // NXDOMAIN or no SRV record
                                } else {
                                    sink.error(done.cause());
                                }
                            }))
                    .doFinally(signal -> resolver.close());
        });
    }

    private static List<SrvRecord> decode(List<DnsRecord> answers) {
        List<SrvRecord> records = new ArrayList<>(answers.size());
        try {
            for (DnsRecord answer : answers) {
                if (answer.type() == DnsRecordType.SRV && answer instanceof DnsRawRecord raw) {
                    // RFC 2782 RDATA: priority, weight, port (16 bits each), then the target's name
                    ByteBuf content = raw.content().duplicate();
                    int priority = content.readUnsignedShort();
                    int weight = content.readUnsignedShort();
                    int port = content.readUnsignedShort();
                    records.add(new SrvRecord(priority, weight, port, DefaultDnsRecordDecoder.decodeName(content)));
                }
            }
        } finally {
            answers.forEach(ReferenceCountUtil::release);
        }
        return List.copyOf(records);
    }
}
