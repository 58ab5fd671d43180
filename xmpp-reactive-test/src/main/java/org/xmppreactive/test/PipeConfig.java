package org.xmppreactive.test;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link InMemoryTransport#pair(PipeConfig)} connects two ends: how many bytes each direction holds before a
 * writer has to wait, how writes are cut into reads, a wiretap, and each end's TLS. Immutable; each {@code with...}
 * returns a new value.
 *
 * <pre>{@code
 * TransportPair pair = PipeConfig.defaults()
 *         .withCapacityBytes(1024)
 *         .withClientTls(TlsConfig.client(certificates.clientContext(), "example.org"))
 *         .withServerTls(TlsConfig.server(certificates.serverContext("example.org")))
 *         .connect();
 * }</pre>
 *
 * @param capacityBytes how many written bytes one direction holds that the reader has not read yet; a write that
 *                      does not fit waits until the reader reads (a single write larger than this is let into an
 *                      empty pipe, so it cannot wait forever)
 * @param chunking      how writes are cut into reads
 * @param wiretap       sees every write as raw bytes
 * @param clientTls     the TLS of the {@linkplain TransportPair#client() client} end; without it its startTls fails
 * @param serverTls     the TLS of the {@linkplain TransportPair#server() server} end; without it its startTls fails
 */
public record PipeConfig(int capacityBytes, Chunking chunking, Wiretap wiretap, Optional<TlsConfig> clientTls,
                         Optional<TlsConfig> serverTls) {

    /** The default capacity of one direction: 64 KiB. */
    public static final int DEFAULT_CAPACITY_BYTES = 64 * 1024;

    /** Checks the parts. */
    public PipeConfig {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive, not " + capacityBytes);
        }
        Objects.requireNonNull(chunking, "chunking");
        Objects.requireNonNull(wiretap, "wiretap");
        Objects.requireNonNull(clientTls, "clientTls");
        Objects.requireNonNull(serverTls, "serverTls");
    }

    /** 64 KiB per direction, writes read as written, no wiretap, no TLS. */
    public static PipeConfig defaults() {
        return new PipeConfig(DEFAULT_CAPACITY_BYTES, Chunking.asWritten(), Wiretap.none(), Optional.empty(),
                Optional.empty());
    }

    /** This configuration with {@code bytes} of capacity per direction. */
    public PipeConfig withCapacityBytes(int bytes) {
        return new PipeConfig(bytes, chunking, wiretap, clientTls, serverTls);
    }

    /** This configuration with writes cut into reads by {@code pieces}. */
    public PipeConfig withChunking(Chunking pieces) {
        return new PipeConfig(capacityBytes, pieces, wiretap, clientTls, serverTls);
    }

    /** This configuration with {@code tap} seeing every write. */
    public PipeConfig withWiretap(Wiretap tap) {
        return new PipeConfig(capacityBytes, chunking, tap, clientTls, serverTls);
    }

    /** This configuration with the client end doing TLS as {@code tls} says. */
    public PipeConfig withClientTls(TlsConfig tls) {
        return new PipeConfig(capacityBytes, chunking, wiretap, Optional.of(tls), serverTls);
    }

    /** This configuration with the server end doing TLS as {@code tls} says. */
    public PipeConfig withServerTls(TlsConfig tls) {
        return new PipeConfig(capacityBytes, chunking, wiretap, clientTls, Optional.of(tls));
    }

    /** Two new ends connected as this configuration says; same as {@code InMemoryTransport.pair(this)}. */
    public TransportPair connect() {
        return InMemoryTransport.pair(this);
    }
}
