package org.xmppreactive.jid;

/**
 * The length rule every JID part shares: 1 to 1023 octets of UTF-8 after preparation (RFC 7622 §3.1).
 */
final class PartLength {

    /** RFC 7622 §3.1: each part is at most 1023 octets once prepared. */
    static final int MAX_BYTES = 1023;

    /**
     * A part whose input is longer than this many UTF-16 units is rejected before any preparation runs, so that an
     * enormous input costs a length check rather than a full PRECIS or IDNA pass. For a localpart or resourcepart
     * nothing valid is lost: PRECIS maps no code point to nothing, and NFC composes at most four code points into
     * one (the longest canonical decomposition), so the prepared part keeps at least a quarter of the input's UTF-16
     * units and so has more than 1023 octets. Only a domainpart made mostly of code points that UTS #46 maps to
     * nothing (soft hyphens, variation selectors) could have been shorter.
     */
    static final int MAX_INPUT_CHARS = 4 * MAX_BYTES;

    private PartLength() {
    }

    /** Rejects a part that is empty before preparation. */
    static void requireNotEmpty(JidPart part, String raw, String input, String section) {
        if (raw.isEmpty()) {
            throw new InvalidJidException(part, input, "is empty (" + section + ")");
        }
    }

    /** Rejects a part whose input alone already rules out 1023 octets after preparation. */
    static void requireInputBound(JidPart part, String raw, String input) {
        if (raw.length() > MAX_INPUT_CHARS) {
            throw new InvalidJidException(part, input, "is " + raw.length()
                    + " UTF-16 units long, which cannot prepare to at most " + MAX_BYTES + " octets (RFC 7622 §3.1)");
        }
    }

    /** Rejects a prepared part over 1023 octets of UTF-8. */
    static void requireMaxBytes(JidPart part, String prepared, String input) {
        int bytes = utf8Length(prepared);
        if (bytes > MAX_BYTES) {
            throw new InvalidJidException(part, input, "is " + bytes + " octets of UTF-8 after preparation, over the "
                    + MAX_BYTES + " allowed (RFC 7622 §3.1)");
        }
    }

    /** The length of {@code s} in UTF-8, counting an unpaired surrogate as the three octets of U+FFFD. */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four octets for two UTF-16 units
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
