package org.xmppreactive.jid;

import java.text.Bidi;
import java.text.Normalizer;
import java.util.Locale;
import rocks.xmpp.precis.PrecisProfile;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * Preparation and enforcement of the localpart (RFC 7622 §3.3): the PRECIS UsernameCaseMapped profile of
 * RFC 8265 §3.3 (width mapping, {@code toLowerCase}, NFC, the Bidi rule, the IdentifierClass of RFC 8264), then the
 * eight characters RFC 7622 §3.3.1 forbids on top of it.
 */
final class Localpart {

    private static final PrecisProfile PROFILE = PrecisProfiles.USERNAME_CASE_MAPPED;

    private Localpart() {
    }

    /**
     * Whether {@code s[from, to)} is a localpart the ASCII path prepares by lowering A-Z alone: 1 to 1023 allowed
     * ASCII characters; with {@code upperCaseAllowed} false, none upper case, so that it is already canonical.
     */
    static boolean isPlainAscii(String s, int from, int to, boolean upperCaseAllowed) {
        int length = to - from;
        if (length < 1 || length > PartLength.MAX_BYTES) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isSafeAscii(c) || (!upperCaseAllowed && c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The canonical form of the localpart {@code raw}.
     *
     * @param input the string to name in an exception
     * @throws InvalidJidException if the localpart is empty, too long, contains a forbidden character or is
     *     rejected by PRECIS
     */
    static String enforce(String raw, String input) {
        PartLength.requireNotEmpty(JidPart.LOCALPART, raw, input, "RFC 7622 §3.3");
        PartLength.requireInputBound(JidPart.LOCALPART, raw, input);
        boolean ascii = true;
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (isForbidden(c)) {
                throw forbidden(c, input, "");
            }
            ascii &= isSafeAscii(c);
        }
        String prepared = ascii ? lowerCaseAscii(raw, raw.length()) : enforceWithPrecis(raw, input);
        PartLength.requireMaxBytes(JidPart.LOCALPART, prepared, input);
        return prepared;
    }

    /** The full PRECIS path, also used by the tests to show the ASCII path is equivalent to it. */
    static String enforceWithPrecis(String raw, String input) {
        String prepared;
        try {
            prepared = isStable(raw) ? PROFILE.prepare(raw) : PROFILE.enforce(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException(JidPart.LOCALPART, input,
                    "is rejected by the PRECIS UsernameCaseMapped profile (RFC 8265 §3.3): " + e.getMessage(), e);
        }
        // Width mapping can turn FULLWIDTH COMMERCIAL AT and friends into the ASCII characters forbidden below.
        for (int i = 0, n = prepared.length(); i < n; i++) {
            char c = prepared.charAt(i);
            if (isForbidden(c)) {
                throw forbidden(c, input, " after width mapping");
            }
        }
        return prepared;
    }

    /**
     * Whether every mapping step of UsernameCaseMapped leaves {@code s} unchanged, so that enforcing it comes down
     * to the code point check alone ({@code PrecisProfile.prepare}). In rocks.xmpp:precis 1.1.0, {@code enforce}
     * is width mapping (only characters of the Halfwidth and Fullwidth Forms block), {@code toLowerCase(Locale.US)},
     * NFC and the Bidi rule (only when {@link Bidi#requiresBidi} says so), then {@code prepare}; the tests check the
     * two ways agree on random strings.
     */
    private static boolean isStable(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.UnicodeBlock.of(s.charAt(i)) == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS) {
                return false;
            }
        }
        char[] chars = s.toCharArray();
        return !Bidi.requiresBidi(chars, 0, chars.length)
                && s.toLowerCase(Locale.US).equals(s)
                && Normalizer.isNormalized(s, Normalizer.Form.NFC);
    }

    /**
     * The printable ASCII characters other than the forbidden ones. On a string of only these, every step of
     * UsernameCaseMapped is the identity except case mapping, which lowers A-Z: width mapping touches only
     * fullwidth and halfwidth forms, NFC leaves ASCII alone, none of them has a right-to-left Bidi class, and
     * U+0021..U+007E are PVALID in the IdentifierClass (RFC 8264 §9.11, ASCII7).
     */
    private static boolean isSafeAscii(char c) {
        return c > 0x20 && c < 0x7F && !isForbidden(c);
    }

    /** RFC 7622 §3.3.1 forbids {@code " & ' / : < > @}; the space is outside the IdentifierClass anyway. */
    private static boolean isForbidden(char c) {
        switch (c) {
            case ' ':
            case '"':
            case '&':
            case '\'':
            case '/':
            case ':':
            case '<':
            case '>':
            case '@':
                return true;
            default:
                return false;
        }
    }

    private static InvalidJidException forbidden(char c, String input, String when) {
        return new InvalidJidException(JidPart.LOCALPART, input, String.format(
                "contains the forbidden character '%c' (U+%04X)%s, RFC 7622 §3.3.1", c, (int) c, when));
    }

    /** {@code s} with A-Z lowered in {@code [0, end)}; {@code s} itself if there is nothing to lower. */
    static String lowerCaseAscii(String s, int end) {
        int first = -1;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (int i = first; i < end; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
