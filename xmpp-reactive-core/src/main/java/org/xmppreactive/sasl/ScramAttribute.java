package org.xmppreactive.sasl;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code attr=value} of a SCRAM message (RFC 5802 §5.1, §7): a single letter, {@code =}, and a value without
 * {@code ,}. A message is these joined by commas, in an order each message fixes.
 *
 * <pre>{@code
 * ScramAttribute.parseAll("r=abc,s=QSXCR+Q6sek8bf92,i=4096");
 * // [ScramAttribute[name=r, value=abc], ScramAttribute[name=s, ...], ScramAttribute[name=i, value=4096]]
 * }</pre>
 *
 * @param name  the attribute's letter, e.g. {@code r} for the nonce
 * @param value what follows the {@code =}; may be empty
 */
record ScramAttribute(char name, String value) {

    /**
     * Splits a message into its attributes, in order.
     *
     * @param what which message this is, for the exception
     * @throws SaslException with {@link SaslFailureCondition#MALFORMED_REQUEST} if any part is not a letter
     *     followed by {@code =}
     */
    static List<ScramAttribute> parseAll(String message, String what) {
        List<ScramAttribute> attributes = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = message.indexOf(',', start);
            int end = comma < 0 ? message.length() : comma;
            if (end - start < 2 || !isAlpha(message.charAt(start)) || message.charAt(start + 1) != '=') {
                throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST, "the " + what + " is not a list "
                        + "of attr=value (RFC 5802 §7): part " + (attributes.size() + 1) + " is not");
            }
            attributes.add(new ScramAttribute(message.charAt(start), message.substring(start + 2, end)));
            if (comma < 0) {
                return attributes;
            }
            start = comma + 1;
        }
    }

    /**
     * The attribute at {@code index}, which must be {@code name}.
     *
     * @throws SaslException with {@link SaslFailureCondition#MALFORMED_REQUEST} if there is none or it has
     *     another name
     */
    static String require(List<ScramAttribute> attributes, int index, char name, String what) {
        if (index >= attributes.size() || attributes.get(index).name() != name) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST,
                    "the " + what + " lacks '" + name + "=' at position " + (index + 1) + " (RFC 5802 §7)");
        }
        return attributes.get(index).value();
    }

    /**
     * Whether {@code nonce} is a valid {@code c-nonce}/{@code s-nonce}: one or more printable ASCII characters
     * other than {@code ,} (RFC 5802 §7).
     */
    static boolean isPrintable(String nonce) {
        if (nonce.isEmpty()) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }

    /**
     * The octets of a base64 attribute value ({@code s=}, {@code c=}, {@code p=}, {@code v=}), strictly decoded.
     *
     * @throws SaslException with {@link SaslFailureCondition#MALFORMED_REQUEST} if it is not valid base64
     */
    static byte[] decodeBase64(String value, String what) {
        try {
            return SaslData.fromBase64(value).bytes();
        } catch (MalformedSaslException e) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST, "the " + what + " is not valid base64");
        }
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
