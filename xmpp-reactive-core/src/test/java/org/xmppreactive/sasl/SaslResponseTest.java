package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.WireXml.CLIENT;
import static org.xmppreactive.sasl.WireXml.SASL;
import static org.xmppreactive.sasl.WireXml.parse;
import static org.xmppreactive.sasl.WireXml.write;

import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlElement;

class SaslResponseTest {

    @Test
    void aScramResponseCarriesTheClientFinalMessage() {
        // The SCRAM-SHA-1 client-final-message of the RFC 6120 §9 example flow
        XmlElement xml = parse("<response xmlns='" + SASL + "'>Yz1iaXdzLHI9b01zVEFBd0FBQUFNQUFBQU5QMFRBQUFBQUFCUFUwQUFl"
                + "MTI0Njk1Yi02OWNiLTRkZTYtOWYyZi04MjBiNzJkYTE5ODQscD1VQTU3dE0vU3ZwQVRCa0gyRlhzMFdEWHZKWXc9</response>");

        SaslResponse response = SaslResponse.fromXml(xml);

        assertThat(response.data()).isEqualTo(SaslData.ofUtf8("c=biws,r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AAe124695b-69cb"
                + "-4de6-9f2f-820b72da1984,p=UA57tM/SvpATBkH2FXs0WDXvJYw="));
        assertThat(response.toXml(CLIENT)).isEqualTo(xml);
    }

    @Test
    void anEmptyResponseIsAnEmptyElement() {
        // DIGEST-MD5's last step answers the rspauth challenge with nothing
        assertThat(SaslResponse.fromXml(parse("<response xmlns='" + SASL + "'/>")).data()).isEqualTo(SaslData.empty());
        assertThat(SaslResponse.fromXml(parse("<response xmlns='" + SASL + "'>=</response>")).data())
                .isEqualTo(SaslData.empty());
        assertThat(write(SaslResponse.of(SaslData.empty()).toXml(CLIENT))).isEqualTo("<response xmlns='" + SASL + "'/>");
    }

    @Test
    void aResponseThatIsNotBase64IsIncorrectEncoding() {
        assertThatThrownBy(() -> SaslResponse.fromXml(parse("<response xmlns='" + SASL + "'>c=biws</response>")))
                .isInstanceOfSatisfying(MalformedSaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.INCORRECT_ENCODING));
    }

    @Test
    void readingAChallengeAsAResponseIsACallersMistake() {
        assertThatThrownBy(() -> SaslResponse.fromXml(parse("<challenge xmlns='" + SASL + "'/>")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected <response");
    }
}
