package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.WireXml.CLIENT;
import static org.xmppreactive.sasl.WireXml.SASL;
import static org.xmppreactive.sasl.WireXml.parse;
import static org.xmppreactive.sasl.WireXml.write;

import org.junit.jupiter.api.Test;

class SaslAbortTest {

    @Test
    void anAbortIsAnEmptyElementAndRoundTrips() {
        // RFC 6120 §6.4.4
        assertThat(SaslAbort.fromXml(parse("<abort xmlns='" + SASL + "'/>"))).isEqualTo(new SaslAbort());
        assertThat(write(new SaslAbort().toXml(CLIENT))).isEqualTo("<abort xmlns='" + SASL + "'/>");
    }

    @Test
    void contentInsideAnAbortIsIgnored() {
        assertThat(SaslAbort.fromXml(parse("<abort xmlns='" + SASL + "'>why<x xmlns='urn:example'/></abort>")))
                .isEqualTo(new SaslAbort());
    }

    @Test
    void anAbortInAnotherNamespaceIsNotOne() {
        assertThatThrownBy(() -> SaslAbort.fromXml(parse("<abort xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
