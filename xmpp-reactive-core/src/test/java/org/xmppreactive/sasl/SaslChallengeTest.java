package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.WireXml.CLIENT;
import static org.xmppreactive.sasl.WireXml.SASL;
import static org.xmppreactive.sasl.WireXml.parse;
import static org.xmppreactive.sasl.WireXml.write;

import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlElement;

class SaslChallengeTest {

    static final String SERVER_FIRST = "r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AAe124695b-69cb-4de6-9f2f-820b72da1984,"
            + "s=VNXzwaqNGzeNImr2cayQLA==,i=4096";

    @Test
    void aScramChallengeCarriesTheServerFirstMessage() {
        // The SCRAM-SHA-1 server-first-message of the RFC 6120 §9 example flow
        XmlElement xml = parse("<challenge xmlns='" + SASL + "'>cj1vTXNUQUF3QUFBQU1BQUFBTlAwVEFBQUFBQUJQVTBBQWUxMjQ2OTVi"
                + "LTY5Y2ItNGRlNi05ZjJmLTgyMGI3MmRhMTk4NCxzPVZOWHp3YXFOR3plTkltcjJjYXlRTEE9PSxpPTQwOTY=</challenge>");

        SaslChallenge challenge = SaslChallenge.fromXml(xml);

        assertThat(challenge.data()).isEqualTo(SaslData.ofUtf8(SERVER_FIRST));
        assertThat(challenge.toXml(CLIENT)).isEqualTo(xml);
    }

    @Test
    void anEmptyChallengeIsEmptyDataWhetherBareOrAnEqualsSign() {
        assertThat(SaslChallenge.fromXml(parse("<challenge xmlns='" + SASL + "'/>")).data()).isEqualTo(SaslData.empty());
        assertThat(SaslChallenge.fromXml(parse("<challenge xmlns='" + SASL + "'>=</challenge>")).data())
                .isEqualTo(SaslData.empty());
        assertThat(write(SaslChallenge.of(SaslData.empty()).toXml(CLIENT))).isEqualTo("<challenge xmlns='" + SASL + "'/>");
    }

    @Test
    void aChallengeThatIsNotBase64IsIncorrectEncoding() {
        assertThatThrownBy(() -> SaslChallenge.fromXml(parse("<challenge xmlns='" + SASL + "'>r=abc,s=x</challenge>")))
                .isInstanceOfSatisfying(MalformedSaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.INCORRECT_ENCODING));
    }
}
