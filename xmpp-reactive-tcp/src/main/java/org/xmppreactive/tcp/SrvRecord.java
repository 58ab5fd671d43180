package org.xmppreactive.tcp;

import java.util.Objects;

/**
 * One DNS SRV resource record (RFC 2782): where a service of a domain listens, and in what order to try it.
 *
 * <pre>{@code
 * // _xmpp-client._tcp.example.com. 86400 IN SRV 5 10 5222 xmpp1.example.com.
 * SrvRecord record = new SrvRecord(5, 10, 5222, "xmpp1.example.com.");
 * }</pre>
 *
 * @param priority lower is tried first, 0 to 65535
 * @param weight   among records of one priority, the relative chance to be tried first, 0 to 65535
 * @param port     the TCP port of the service, 0 to 65535
 * @param target   the host name, absolute ({@code xmpp1.example.com.}) or not; {@code "."} means that the service is
 *                 decidedly not available at the domain
 */
public record SrvRecord(int priority, int weight, int port, String target) {

    /** Checks the ranges of the 16-bit fields and that the target is there. */
    public SrvRecord {
        requireUnsigned16(priority, "priority");
        requireUnsigned16(weight, "weight");
        requireUnsigned16(port, "port");
        Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("an SRV target is a host name or \".\"");
        }
    }

    /** Whether this record says the service is not available at all: its target is {@code "."} (RFC 2782). */
    public boolean isUnavailable() {
        return target.equals(".");
    }

    /** The target without the trailing dot of an absolute name, as a host name to connect to. */
    public String host() {
        return target.endsWith(".") && target.length() > 1 ? target.substring(0, target.length() - 1) : target;
    }

    private static void requireUnsigned16(int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535: " + value);
        }
    }
}
