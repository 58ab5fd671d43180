package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DER of one {@code OtherName}, as the JDK hands it over, read by hand. */
class XmppAddrTest {

    // SEQUENCE { OID 1.3.6.1.5.5.7.8.5, [0] { UTF8String "a@b" } }
    private static final String VALID = "3011" + "06082b06010505070805" + "a005" + "0c03" + "614062";

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void anXmppAddrOtherNameIsRead() {
        assertThat(XmppAddr.fromOtherName(hex(VALID))).isEqualTo("a@b");
    }

    @Test
    void theImplicitlyTaggedGeneralNameFormIsReadToo() {
        assertThat(XmppAddr.fromOtherName(hex("a0" + VALID.substring(2)))).isEqualTo("a@b");
    }

    @Test
    void theDoublyWrappedValueOpenJdkProducesIsRead() {
        // what JDK 17's getSubjectAlternativeNames() returned for a BouncyCastle-made xmppAddr
        assertThat(XmppAddr.fromOtherName(hex("302206082b06010505070805a016a0140c126a756c696574406578616d706c652e636f6d")))
                .isEqualTo("juliet@example.com");
    }

    @Test
    void aLongFormLengthIsRead() {
        String jid = "a".repeat(200) + "@b";
        String utf8 = "0c81ca" + HexFormat.of().formatHex(jid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String explicit = "a081cd" + utf8;
        String sequence = "3081da" + "06082b06010505070805" + explicit;

        assertThat(XmppAddr.fromOtherName(hex(sequence))).isEqualTo(jid);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "3011" + "06082b06010505070807" + "a005" + "0c03" + "614062",   // SRVName, not xmppAddr
        "3011" + "06082b06010505070805" + "a005" + "1603" + "614062",   // IA5String, not UTF8String
        "3013" + "06082b06010505070805" + "a007" + "a005" + "1603" + "614062", // the same, doubly wrapped
        "3015" + "06082b06010505070805" + "a009" + "a007" + "a005" + "0c03" + "614062", // wrapped thrice
        "3012" + "06082b06010505070805" + "a005" + "0c03" + "614062",   // outer length too long
        "3011" + "06082b06010505070805" + "a005" + "0c03" + "6140",     // truncated
        "3011" + "06082b06010505070805" + "a005" + "0c03" + "61406200", // trailing octet
        "3080" + "06082b06010505070805" + "a005" + "0c03" + "614062",   // indefinite length
        "3011" + "06082b06010505070805" + "a005" + "0c03" + "61c062",   // not UTF-8
        "1f11" + "06082b06010505070805" + "a005" + "0c03" + "614062",   // multi-octet tag
        "3084ffffffff",                                                 // absurd length
        "30", ""})
    void anythingElseIsSkipped(String der) {
        assertThat(XmppAddr.fromOtherName(hex(der))).isNull();
    }
}
