package org.xmppreactive.jid;

import java.text.Normalizer;
import rocks.xmpp.precis.PrecisProfile;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * Preparation and enforcement of the resourcepart (RFC 7622 §3.4): the PRECIS OpaqueString profile of RFC 8265
 * §4.2 (non-ASCII spaces mapped to U+0020, NFC, the FreeformClass of RFC 8264). Case is kept, and {@code @} and
 * {@code /} are allowed.
 */
final class Resourcepart {

    private static final PrecisProfile PROFILE = PrecisProfiles.OPAQUE_STRING;

    private Resourcepart() {
    }

    /** Whether {@code s[from, to)} is 1 to 1023 printable ASCII characters, which OpaqueString leaves unchanged. */
    static boolean isCanonical(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > PartLength.MAX_BYTES) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isPrintableAscii(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The canonical form of the resourcepart {@code raw}.
     *
     * @param input the string to name in an exception
     * @throws InvalidJidException if the resourcepart is empty, too long or rejected by PRECIS
     */
    static String enforce(String raw, String input) {
        PartLength.requireNotEmpty(JidPart.RESOURCEPART, raw, input, "RFC 7622 §3.4");
        PartLength.requireInputBound(JidPart.RESOURCEPART, raw, input);
        String prepared = isCanonical(raw, 0, raw.length()) ? raw : enforceWithPrecis(raw, input);
        PartLength.requireMaxBytes(JidPart.RESOURCEPART, prepared, input);
        return prepared;
    }

    /** The full PRECIS path, also used by the tests to show the ASCII path is equivalent to it. */
    static String enforceWithPrecis(String raw, String input) {
        try {
            return isStable(raw) ? PROFILE.prepare(raw) : PROFILE.enforce(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException(JidPart.RESOURCEPART, input,
                    "is rejected by the PRECIS OpaqueString profile (RFC 8265 §4.2): " + e.getMessage(), e);
        }
    }

    /**
     * Whether every mapping step of OpaqueString leaves {@code s} unchanged, so that enforcing it comes down to the
     * code point check alone ({@code PrecisProfile.prepare}). In rocks.xmpp:precis 1.1.0, {@code enforce} maps
     * every {@code \p{Zs}} to U+0020 and applies NFC, then {@code prepare}; the tests check the two ways agree on
     * random strings.
     */
    private static boolean isStable(String s) {
        for (int i = 0, n = s.length(); i < n; ) {
            int c = s.codePointAt(i);
            if (c != ' ' && Character.getType(c) == Character.SPACE_SEPARATOR) {
                return false;
            }
            i += Character.charCount(c);
        }
        return Normalizer.isNormalized(s, Normalizer.Form.NFC);
    }

    /**
     * U+0020..U+007E. OpaqueString leaves a string of only these unchanged: U+0020 is the space it maps other
     * spaces to, it has no case or width mapping, NFC leaves ASCII alone, and the FreeformClass allows ASCII7 and
     * spaces (RFC 8264 §9.11, §9.14).
     */
    private static boolean isPrintableAscii(char c) {
        return c >= 0x20 && c < 0x7F;
    }
}
