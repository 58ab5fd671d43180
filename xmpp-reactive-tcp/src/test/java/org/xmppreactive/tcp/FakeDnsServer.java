package org.xmppreactive.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A name server on 127.0.0.1 that knows only the SRV records it is given: every other name is NXDOMAIN. Enough to
 * test SRV lookups without the real DNS.
 */
final class FakeDnsServer implements AutoCloseable {

    private final Map<String, List<SrvRecord>> zone = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    FakeDnsServer() throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Answerer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Answers {@code name} (absolute, with the trailing dot) with {@code records}. */
    FakeDnsServer srv(String name, SrvRecord... records) {
        zone.put(name, List.of(records));
        return this;
    }

    /** Where to send queries. */
    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The names asked for, in order. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            asked.add(question.name());
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, question);
            List<SrvRecord> records = question.type() == DnsRecordType.SRV ? zone.get(question.name()) : null;
            if (records == null) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            } else {
                for (SrvRecord record : records) {
                    response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(),
                            DnsRecordType.SRV, 60, rdata(record)));
                }
            }
            ctx.writeAndFlush(response);
        }
    }

    private static ByteBuf rdata(SrvRecord record) {
        ByteBuf data = Unpooled.buffer();
        data.writeShort(record.priority()).writeShort(record.weight()).writeShort(record.port());
        if (!record.target().equals(".")) {
            for (String label : record.target().split("\\.")) {
                if (!label.isEmpty()) {
                    byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                    data.writeByte(bytes.length).writeBytes(bytes);
                }
            }
        }
        return data.writeByte(0);
    }
}
