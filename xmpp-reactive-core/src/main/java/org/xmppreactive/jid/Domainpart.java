package org.xmppreactive.jid;

import com.ibm.icu.text.IDNA;
import java.util.Locale;

/**
 * Preparation and enforcement of the domainpart (RFC 7622 §3.2): one trailing dot stripped, then either an IPv6
 * literal in brackets or a domain name mapped and checked by ICU4J's UTS #46 implementation (nontransitional, so
 * IDNA2008 semantics for ß and ς; STD3 ASCII rules; the Bidi and CONTEXTJ/CONTEXTO rules) and kept as U-labels.
 * UTS #46 mapping lowercases and applies NFC, as RFC 7622 §3.2.2 asks. Label and name lengths are not limited to
 * DNS's 63 and 253 octets; the part as a whole is limited to 1023 octets.
 */
final class Domainpart {

    /** Immutable and thread-safe, so one instance serves every parse. */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);

    private Domainpart() {
    }

    /**
     * Whether {@code s[from, to)} is a domain name the ASCII path prepares by lowering A-Z alone: letter-digit-hyphen
     * labels, none empty, none starting or ending with a hyphen, none with hyphens in the third and fourth positions
     * (which would make it an A-label or a reserved label), no trailing dot, at most 1023 characters; with
     * {@code upperCaseAllowed} false, none upper case, so that it is already canonical.
     */
    static boolean isPlainAscii(String s, int from, int to, boolean upperCaseAllowed) {
        int length = to - from;
        return length >= 1 && length <= PartLength.MAX_BYTES && isLdhName(s, from, to, upperCaseAllowed);
    }

    /**
     * The canonical form of the domainpart {@code raw}.
     *
     * @param input the string to name in an exception
     * @throws InvalidJidException if the domainpart is empty, too long, a malformed IP literal or rejected by IDNA
     */
    static String enforce(String raw, String input) {
        // RFC 7622 §3.2: one trailing dot is stripped before any other canonicalization step.
        boolean strippedDot = raw.endsWith(".");
        String name = strippedDot ? raw.substring(0, raw.length() - 1) : raw;
        PartLength.requireNotEmpty(JidPart.DOMAINPART, name, input, "RFC 7622 §3.2");
        PartLength.requireInputBound(JidPart.DOMAINPART, name, input);
        String prepared;
        if (name.charAt(0) == '[') {
            prepared = enforceIpLiteral(name, input);
        } else if (isLdhName(name, 0, name.length(), true)) {
            prepared = Localpart.lowerCaseAscii(name, name.length());
        } else {
            prepared = enforceWithIdna(name, input, strippedDot);
        }
        PartLength.requireMaxBytes(JidPart.DOMAINPART, prepared, input);
        return prepared;
    }

    /** The full UTS #46 path, also used by the tests to show the ASCII path is equivalent to it. */
    static String enforceWithIdna(String name, String input, boolean strippedDot) {
        StringBuilder out = new StringBuilder(name.length());
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToUnicode(name, out, info);
        if (info.hasErrors()) {
            throw new InvalidJidException(JidPart.DOMAINPART, input,
                    "is rejected by IDNA (UTS #46 nontransitional processing, IDNA2008): " + info.getErrors());
        }
        int last = out.length() - 1;
        if (last >= 0 && out.charAt(last) == '.') {
            // An ideographic or fullwidth full stop at the end maps to '.': it is the trailing dot of §3.2, unless
            // one was stripped already, in which case the name ended in an empty label.
            if (strippedDot || last == 0) {
                throw new InvalidJidException(JidPart.DOMAINPART, input,
                        "ends with an empty label (RFC 7622 §3.2, UTS #46 EMPTY_LABEL)");
            }
            out.setLength(last);
        }
        if (out.length() == 0) {
            throw new InvalidJidException(JidPart.DOMAINPART, input, "is empty after IDNA mapping (RFC 7622 §3.2)");
        }
        return out.toString();
    }

    private static String enforceIpLiteral(String name, String input) {
        int last = name.length() - 1;
        if (last < 1 || name.charAt(last) != ']' || !Ipv6Literal.isValid(name, 1, last)) {
            throw new InvalidJidException(JidPart.DOMAINPART, input,
                    "is not a valid IPv6 literal in brackets (RFC 7622 §3.2, RFC 3986 §3.2.2)");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code s[from, to)} is dot-separated letter-digit-hyphen labels that UTS #46 would accept and map
     * only by lowering A-Z: no label empty, starting or ending with '-', or with "--" in positions three and four.
     * With {@code upperCaseAllowed} false, any A-Z disqualifies.
     */
    private static boolean isLdhName(String s, int from, int to, boolean upperCaseAllowed) {
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '.';
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-'
                        || (labelLength >= 4 && s.charAt(labelStart + 2) == '-' && s.charAt(labelStart + 3) == '-')) {
                    return false;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || (upperCaseAllowed && c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }
}
