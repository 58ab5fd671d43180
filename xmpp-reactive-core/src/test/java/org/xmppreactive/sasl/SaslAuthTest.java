package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.WireXml.CLIENT;
import static org.xmppreactive.sasl.WireXml.SASL;
import static org.xmppreactive.sasl.WireXml.parse;
import static org.xmppreactive.sasl.WireXml.write;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppreactive.xml.XmlElement;

class SaslAuthTest {

    @Test
    void aScramAuthCarriesTheClientFirstMessage() {
        // The SCRAM-SHA-1 client-first-message of the RFC 6120 §9 example flow, as the initial response
        XmlElement xml = parse("<auth xmlns='" + SASL + "' mechanism='SCRAM-SHA-1'>"
                + "biwsbj1qdWxpZXQscj1vTXNUQUF3QUFBQU1BQUFBTlAwVEFBQUFBQUJQVTBBQQ==</auth>");

        SaslAuth auth = SaslAuth.fromXml(xml);

        assertThat(auth.mechanism()).isEqualTo("SCRAM-SHA-1");
        assertThat(auth.initialResponse())
                .contains(SaslData.ofUtf8("n,,n=juliet,r=oMsTAAwAAAAMAAAANP0TAAAAAABPU0AA"));
        assertThat(auth.toXml(CLIENT)).isEqualTo(xml);
    }

    @Test
    void aPlainAuthIsWrittenAsOneLine() {
        SaslAuth auth = SaslAuth.of("PLAIN", SaslData.ofUtf8("\0juliet\0r0m30myr0m30"));

        assertThat(write(auth.toXml(CLIENT))).isEqualTo("<auth xmlns='" + SASL + "' mechanism='PLAIN'>"
                + "AGp1bGlldAByMG0zMG15cjBtMzA=</auth>");
    }

    @Test
    void noTextMeansNoInitialResponse() {
        SaslAuth auth = SaslAuth.fromXml(parse("<auth xmlns='" + SASL + "' mechanism='DIGEST-MD5'/>"));

        assertThat(auth).isEqualTo(SaslAuth.of("DIGEST-MD5"));
        assertThat(auth.initialResponse()).isEmpty();
        assertThat(write(auth.toXml(CLIENT))).isEqualTo("<auth xmlns='" + SASL + "' mechanism='DIGEST-MD5'/>");
    }

    @Test
    void anEqualsSignIsAnInitialResponseThatIsPresentButEmpty() {
        // RFC 6120 §6.4.2: a zero-length initial response is sent as "="
        SaslAuth auth = SaslAuth.fromXml(parse("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>=</auth>"));

        assertThat(auth.initialResponse()).contains(SaslData.empty());
        assertThat(auth).isNotEqualTo(SaslAuth.of("EXTERNAL"));
        assertThat(write(SaslAuth.of("EXTERNAL", SaslData.empty()).toXml(CLIENT)))
                .isEqualTo("<auth xmlns='" + SASL + "' mechanism='EXTERNAL'>=</auth>");
    }

    @Test
    void whitespaceAroundTheBase64IsTolerated() {
        SaslAuth auth = SaslAuth.fromXml(parse("<auth xmlns='" + SASL + "' mechanism='PLAIN'>\n"
                + "    AGp1bGlldAByMG0zMG15cjBtMzA=\n  </auth>"));

        assertThat(auth.initialResponse()).contains(SaslData.ofUtf8("\0juliet\0r0m30myr0m30"));
        assertThat(SaslAuth.fromXml(parse("<auth xmlns='" + SASL + "' mechanism='X'> \n </auth>"))
                .initialResponse()).isEmpty();
        assertThat(SaslAuth.fromXml(parse("<auth xmlns='" + SASL + "' mechanism='X'> = </auth>"))
                .initialResponse()).contains(SaslData.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AGp1bGlldAByMG0zMG15cjBtMzA", "AGp1bGll dAByMG0zMG15cjBtMzA=", "juliet:r0m30", "=="})
    void anInitialResponseThatIsNotBase64IsIncorrectEncoding(String text) {
        XmlElement xml = parse("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + text + "</auth>");

        assertThatThrownBy(() -> SaslAuth.fromXml(xml))
                .isInstanceOfSatisfying(MalformedSaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.INCORRECT_ENCODING));
    }

    @Test
    void anAuthWithoutMechanismIsInvalidMechanism() {
        // RFC 6120 §6.5.7: "did not specify a mechanism"
        assertThatThrownBy(() -> SaslAuth.fromXml(parse("<auth xmlns='" + SASL + "'>=</auth>")))
                .isInstanceOfSatisfying(MalformedSaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.INVALID_MECHANISM))
                .hasMessageContaining("no mechanism attribute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "SCRAM SHA 1", "A-NAME-LONGER-THAN-20", "PL\u00c4IN"})
    void aMechanismNameThatBreaksRfc4422IsInvalidMechanism(String name) {
        XmlElement xml = XmlElement.builder(SASL, "auth").attribute("mechanism", name).build();

        assertThatThrownBy(() -> SaslAuth.fromXml(xml))
                .isInstanceOfSatisfying(MalformedSaslException.class,
                        e -> assertThat(e.condition()).isEqualTo(SaslFailureCondition.INVALID_MECHANISM));
        assertThatThrownBy(() -> SaslAuth.of(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 4422");
    }

    @Test
    void readingAnotherElementIsACallersMistake() {
        assertThatThrownBy(() -> SaslAuth.fromXml(parse("<auth xmlns='urn:example' mechanism='PLAIN'/>")))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(MalformedSaslException.class)
                .hasMessageContaining("expected <auth xmlns='" + SASL + "'/>");
    }

    @Test
    void theContentNamespaceDoesNotMatter() {
        SaslAuth auth = new SaslAuth("SCRAM-SHA-256", Optional.of(SaslData.ofUtf8("n,,n=a,r=b")));

        assertThat(auth.toXml("jabber:server")).isEqualTo(auth.toXml(CLIENT));
        assertThat(SaslAuth.fromXml(auth.toXml(CLIENT))).isEqualTo(auth);
    }
}
