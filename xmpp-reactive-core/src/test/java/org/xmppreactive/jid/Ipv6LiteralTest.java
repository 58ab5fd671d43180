package org.xmppreactive.jid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6LiteralTest {

    private static boolean valid(String s) {
        return Ipv6Literal.isValid(s, 0, s.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "2001:db8::1", "2001:DB8:0:0:8:800:200C:417A",
            "fe80::1:2", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "1::8", "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8", "0000:0000:0000:0000:0000:0000:0000:0001"})
    void theTextFormsOfRfc4291AreIpv6Addresses(String address) {
        assertThat(valid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::2", "1:",
            "1::2:", "12345::", "g::1", "::1%eth0", "1.2.3.4", "::1.2.3", "::1.2.3.4.5", "::256.1.1.1",
            "::01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4::", "example.net", "::１", "1::2:3:4:5:6:7:8"})
    void otherStringsAreNot(String address) {
        assertThat(valid(address)).isFalse();
    }
}
