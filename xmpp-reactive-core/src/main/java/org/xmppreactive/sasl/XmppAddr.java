package org.xmppreactive.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The {@code id-on-xmppAddr} names of a certificate (RFC 6120 §13.7.1.4): {@code otherName} entries of the
 * subjectAltName whose type is OID 1.3.6.1.5.5.7.8.5 and whose value is a UTF8String holding a JID.
 *
 * <pre>{@code
 * XmppAddr.of(clientCertificate);   // ["juliet@example.com"]
 * }</pre>
 *
 * <p>The JDK hands each {@code otherName} over as DER, {@code OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER,
 * value [0] EXPLICIT ANY }} (OpenJDK with one {@code [0]} too many around the value); the few tags that takes are
 * read here rather than with a full ASN.1 library. Anything that does not parse is skipped.
 */
final class XmppAddr {

    /** The DER content of OID 1.3.6.1.5.5.7.8.5. */
    private static final byte[] ID_ON_XMPP_ADDR = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x05};

    private static final int SEQUENCE = 0x30;
    private static final int CONTEXT_0_CONSTRUCTED = 0xa0;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int UTF8_STRING = 0x0c;

    /** {@code GeneralName} type 0, {@code otherName}, in {@link X509Certificate#getSubjectAlternativeNames()}. */
    private static final int OTHER_NAME = 0;

    private XmppAddr() {
    }

    /** The xmppAddr values of {@code certificate}, in order; empty if it has none or they do not parse. */
    static List<String> of(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        for (List<?> name : names) {
            // JDK 17 gives [0, der]; newer JDKs add the OID and the decoded value: [0, der, oid, value]
            if (name.size() >= 2 && name.get(0) instanceof Integer type && type == OTHER_NAME
                    && name.get(1) instanceof byte[] der) {
                String address = fromOtherName(der);
                if (address != null) {
                    addresses.add(address);
                }
            }
        }
        return List.copyOf(addresses);
    }

    /**
     * The JID in one DER {@code OtherName}, or null if it is not an xmppAddr or does not parse. The outer tag may be
     * SEQUENCE or, as some encoders keep the GeneralName's implicit tag, {@code [0]} constructed.
     */
    static String fromOtherName(byte[] der) {
        Tlv outer = Tlv.read(der, 0, der.length);
        if (outer == null || outer.end() != der.length
                || (outer.tag() != SEQUENCE && outer.tag() != CONTEXT_0_CONSTRUCTED)) {
            return null;
        }
        Tlv oid = Tlv.read(der, outer.start(), outer.end());
        if (oid == null || oid.tag() != OBJECT_IDENTIFIER
                || !Arrays.equals(der, oid.start(), oid.end(), ID_ON_XMPP_ADDR, 0, ID_ON_XMPP_ADDR.length)) {
            return null;
        }
        Tlv explicit = Tlv.read(der, oid.end(), outer.end());
        if (explicit == null || explicit.tag() != CONTEXT_0_CONSTRUCTED || explicit.end() != outer.end()) {
            return null;
        }
        Tlv value = Tlv.read(der, explicit.start(), explicit.end());
        if (value != null && value.tag() == CONTEXT_0_CONSTRUCTED && value.end() == explicit.end()) {
            // OpenJDK keeps the [0] it parsed as part of the value and wraps it in another [0] when it re-encodes
            // (seen on JDK 17): SEQUENCE { OID, [0] { [0] { UTF8String } } }. Unwrap that one extra level.
            explicit = value;
            value = Tlv.read(der, explicit.start(), explicit.end());
        }
        if (value == null || value.tag() != UTF8_STRING || value.end() != explicit.end()) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(der, value.start(), value.end() - value.start()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * One DER tag-length-value: {@code tag} a single-octet tag, the value in {@code [start, end)}.
     *
     * @param tag   the identifier octet
     * @param start the index of the first value octet
     * @param end   the index after the last value octet
     */
    record Tlv(int tag, int start, int end) {

        /**
         * The TLV at {@code offset}, which must end by {@code limit}; null if it is truncated, uses a multi-octet
         * tag, the indefinite length, or a length over 2^24 (no certificate name is that long).
         */
        static Tlv read(byte[] der, int offset, int limit) {
            if (offset + 2 > limit) {
                return null;
            }
            int tag = der[offset] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                return null;
            }
            int first = der[offset + 1] & 0xff;
            int position = offset + 2;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 3 || position + octets > limit) {
                    return null;
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[position++] & 0xff);
                }
            }
            if (length > limit - position) {
                return null;
            }
            return new Tlv(tag, position, position + length);
        }
    }
}
