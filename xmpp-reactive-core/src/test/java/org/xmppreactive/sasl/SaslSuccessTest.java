package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.WireXml.CLIENT;
import static org.xmppreactive.sasl.WireXml.SASL;
import static org.xmppreactive.sasl.WireXml.parse;
import static org.xmppreactive.sasl.WireXml.write;

import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlElement;

class SaslSuccessTest {

    @Test
    void aScramSuccessCarriesTheServerSignatureAsAdditionalData() {
        // RFC 6120 §6.4.6: additional data with success, here SCRAM's server-final-message
        XmlElement xml = parse("<success xmlns='" + SASL + "'>dj1wTk5ERlZFUXh1WHhDb1NFaVc4R0VaKzFSU289</success>");

        SaslSuccess success = SaslSuccess.fromXml(xml);

        assertThat(success.additionalData()).contains(SaslData.ofUtf8("v=pNNDFVEQxuXxCoSEiW8GEZ+1RSo="));
        assertThat(success.toXml(CLIENT)).isEqualTo(xml);
    }

    @Test
    void anEmptySuccessHasNoAdditionalData() {
        SaslSuccess success = SaslSuccess.fromXml(parse("<success xmlns='" + SASL + "'/>"));

        assertThat(success).isEqualTo(SaslSuccess.withoutData());
        assertThat(write(success.toXml(CLIENT))).isEqualTo("<success xmlns='" + SASL + "'/>");
    }

    @Test
    void anEqualsSignIsAdditionalDataOfZeroLength() {
        // RFC 6120 §6.4.6: additional data of zero length is sent as "="
        SaslSuccess success = SaslSuccess.fromXml(parse("<success xmlns='" + SASL + "'>=</success>"));

        assertThat(success.additionalData()).contains(SaslData.empty());
        assertThat(write(SaslSuccess.of(SaslData.empty()).toXml(CLIENT))).isEqualTo("<success xmlns='" + SASL + "'>=</success>");
    }

    @Test
    void additionalDataThatIsNotBase64IsIncorrectEncoding() {
        assertThatThrownBy(() -> SaslSuccess.fromXml(parse("<success xmlns='" + SASL + "'>v=pNNDFVEQ</success>")))
                .isInstanceOfSatisfying(MalformedSaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.INCORRECT_ENCODING));
    }
}
