package org.xmppreactive.jid;

/**
 * The textual syntax of an IPv6 address, {@code IPv6address} of RFC 3986 §3.2.2 (RFC 4291 §2.2): eight groups of
 * one to four hex digits, at most one {@code ::} standing for one or more zero groups, optionally ending in a
 * dotted-quad IPv4 address in place of the last two groups. Zone identifiers and IPvFuture are not addresses a JID
 * can carry.
 */
final class Ipv6Literal {

    private Ipv6Literal() {
    }

    /** Whether {@code s[from, to)} is an IPv6 address in text form. */
    static boolean isValid(String s, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
        }
        while (i < to) {
            int start = i;
            while (i < to && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                if (!isIpv4(s, start, to)) {
                    return false;
                }
                groups += 2;
                break;
            }
            int digits = i - start;
            if (digits < 1 || digits > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i == to) {
                return false; // a single trailing colon
            }
            if (s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /** {@code IPv4address} of RFC 3986 §3.2.2: four dec-octets 0..255 without leading zeros. */
    private static boolean isIpv4(String s, int from, int to) {
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i == to) {
                return octets == 4;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
        }
    }
}
