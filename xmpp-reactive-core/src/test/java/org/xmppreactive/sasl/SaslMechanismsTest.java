package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppreactive.sasl.WireXml.SASL;
import static org.xmppreactive.sasl.WireXml.parse;
import static org.xmppreactive.sasl.WireXml.write;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlElement;

class SaslMechanismsTest {

    @Test
    void prosodyFeaturesAfterTlsOfferScramAndPlain() {
        // The shape of Prosody 0.12's post-TLS <stream:features/> (as observed in the project's peer notes)
        XmlElement features = parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<mechanisms xmlns='" + SASL + "'><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism>"
                + "</mechanisms><register xmlns='http://jabber.org/features/iq-register'/></stream:features>");

        SaslMechanisms mechanisms = SaslMechanisms.advertisedIn(features.children()).orElseThrow();

        assertThat(mechanisms.names()).containsExactly("SCRAM-SHA-1", "PLAIN");
        assertThat(mechanisms.offers("SCRAM-SHA-1")).isTrue();
        assertThat(mechanisms.offers("SCRAM-SHA-1-PLUS")).isFalse();
    }

    @Test
    void ejabberdFeaturesOfferPlusAmongOtherFeatures() {
        // The shape of ejabberd 23.01's post-TLS features: caps and register around the mechanisms, -PLUS offered
        XmlElement features = parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://www.process-one.net/en/ejabberd/'"
                + " ver='PDH7CGgH1xJuI1Bi1YQkRUuqcMc='/><register xmlns='http://jabber.org/features/iq-register'/>"
                + "<mechanisms xmlns='" + SASL + "'><mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism>"
                + "<mechanism>X-OAUTH2</mechanism><mechanism>SCRAM-SHA-1-PLUS</mechanism></mechanisms>"
                + "</stream:features>");

        assertThat(SaslMechanisms.advertisedIn(features.children()).orElseThrow().names())
                .containsExactly("PLAIN", "SCRAM-SHA-1", "X-OAUTH2", "SCRAM-SHA-1-PLUS");
    }

    @Test
    void featuresWithoutMechanismsHaveNone() {
        XmlElement features = parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>");

        assertThat(SaslMechanisms.advertisedIn(features.children())).isEmpty();
    }

    @Test
    void theFeatureIsWrittenInOrderAndRoundTrips() {
        SaslMechanisms mechanisms = SaslMechanisms.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "EXTERNAL");

        assertThat(write(mechanisms.toXml())).isEqualTo("<mechanisms xmlns='" + SASL + "'>"
                + "<mechanism>SCRAM-SHA-256-PLUS</mechanism><mechanism>SCRAM-SHA-256</mechanism>"
                + "<mechanism>EXTERNAL</mechanism></mechanisms>");
        assertThat(SaslMechanisms.fromXml(mechanisms.toXml())).isEqualTo(mechanisms);
    }

    @Test
    void namesThatBreakRfc4422AreLeftOutWhenReadAndRejectedWhenBuilt() {
        SaslMechanisms read = SaslMechanisms.fromXml(parse("<mechanisms xmlns='" + SASL + "'>"
                + "<mechanism>\n  SCRAM-SHA-1\n</mechanism><mechanism>plain</mechanism><mechanism/>"
                + "<mechanism>THIS-NAME-IS-FAR-TOO-LONG</mechanism><mechanism xmlns='urn:example'>X</mechanism>"
                + "<mechanism>ANONYMOUS</mechanism></mechanisms>"));

        assertThat(read.names()).containsExactly("SCRAM-SHA-1", "ANONYMOUS");
        assertThatThrownBy(() -> SaslMechanisms.of("SCRAM-SHA-1", "plain"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'plain' is not a SASL mechanism name");
    }

    @Test
    void theListIsImmutable() {
        List<String> names = new java.util.ArrayList<>(List.of("PLAIN"));
        SaslMechanisms mechanisms = new SaslMechanisms(names);
        names.add("EXTERNAL");

        assertThat(mechanisms.names()).containsExactly("PLAIN");
        assertThatThrownBy(() -> mechanisms.names().add("X")).isInstanceOf(UnsupportedOperationException.class);
    }
}
