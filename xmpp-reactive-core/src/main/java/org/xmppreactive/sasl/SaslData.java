package org.xmppreactive.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The octets a SASL mechanism exchanges (an initial response, a challenge, a response, additional data with
 * success), as an immutable value: the array is copied in and out, and equality is over the content.
 *
 * <pre>{@code
 * SaslData plain = SaslData.ofUtf8("\0juliet\0r0m30myr0m30");
 * plain.toBase64();                                    // "AGp1bGlldAByMG0zMG15cjBtMzA="
 * SaslData.fromBase64("AGp1bGlldAByMG0zMG15cjBtMzA=").equals(plain);   // true
 * }</pre>
 *
 * <p>{@link #toString()} shows only the length, never the content: SASL data carries credentials, and values end
 * up in logs.
 *
 * @param bytes the octets; {@link #bytes()} returns a copy
 */
public record SaslData(byte[] bytes) {

    private static final SaslData EMPTY = new SaslData(new byte[0]);

    /** Copies {@code bytes}. */
    public SaslData {
        bytes = bytes.clone();
    }

    /** Zero octets: present but empty, which is not the same as absent (RFC 6120 §6.4.2). */
    public static SaslData empty() {
        return EMPTY;
    }

    /** A copy of {@code bytes}. */
    public static SaslData of(byte[] bytes) {
        return new SaslData(bytes);
    }

    /** The UTF-8 encoding of {@code text}, as mechanisms such as PLAIN and SCRAM send it. */
    public static SaslData ofUtf8(String text) {
        return new SaslData(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes strict base64, the encoding of RFC 4648 §4 that RFC 6120 §6.4.2 requires: only the 64 characters of
     * the alphabet, padded with {@code =} to a multiple of four characters, and unused bits of the last character
     * zero (RFC 4648 §3.5). The empty string decodes to {@link #empty()}. No whitespace, line breaks or URL-safe
     * characters are accepted (RFC 4648 §3.3). The XMPP conventions around the text (the {@code "="} that marks
     * present-but-empty data, whitespace around the element's text) are handled by the elements, not here.
     *
     * @throws MalformedSaslException with {@link SaslFailureCondition#INCORRECT_ENCODING}, saying where the text
     *     breaks the rules but not repeating it
     */
    public static SaslData fromBase64(String base64) {
        int length = base64.length();
        if (length % 4 != 0) {
            throw incorrect("its length " + length + " is not a multiple of 4 (is padding missing?)");
        }
        int padding = length > 0 && base64.charAt(length - 1) == '='
                ? (length > 1 && base64.charAt(length - 2) == '=' ? 2 : 1) : 0;
        for (int i = 0; i < length - padding; i++) {
            if (value(base64.charAt(i)) < 0) {
                throw incorrect(base64.charAt(i) == '='
                        ? "padding '=' at index " + i + " before the end"
                        : "a character outside the base64 alphabet at index " + i);
            }
        }
        if (padding > 0) {
            // The bits of the last data character that fall past the final octet must be zero.
            int last = value(base64.charAt(length - padding - 1));
            int unusedBits = padding == 2 ? 0x0f : 0x03;
            if ((last & unusedBits) != 0) {
                throw incorrect("the unused bits before the padding are not zero (non-canonical encoding)");
            }
        }
        return new SaslData(Base64.getDecoder().decode(base64));
    }

    /** A copy of the octets. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of octets. */
    public int length() {
        return bytes.length;
    }

    /** Whether there are no octets. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The octets in base64 (RFC 4648 §4) with padding; {@code ""} for {@link #empty()}. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Equal if the octets are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SaslData that && Arrays.equals(bytes, that.bytes);
    }

    /** A hash of the octets. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@code SaslData[12 octets]}: the length only, never the content. */
    @Override
    public String toString() {
        return "SaslData[" + bytes.length + " octets]";
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    private static MalformedSaslException incorrect(String why) {
        return new MalformedSaslException(SaslFailureCondition.INCORRECT_ENCODING, "not valid base64: " + why);
    }
}
