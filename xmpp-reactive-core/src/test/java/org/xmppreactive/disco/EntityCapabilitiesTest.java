package org.xmppreactive.disco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppreactive.payload.DiscoInfo;
import org.xmppreactive.stanza.Presence;
import org.xmppreactive.xml.XmlElement;

/** XEP-0115 verification strings, against the XEP's own examples. */
class EntityCapabilitiesTest {

    private static final String DATA = "jabber:x:data";

    @Test
    void theSimpleExampleOfSection5Point2GivesItsVer() {
        DiscoInfo exodus = DiscoInfo.builder()
                .identity(new DiscoInfo.Identity("client", "pc", "Exodus 0.9.1"))
                .feature("http://jabber.org/protocol/caps")
                .feature("http://jabber.org/protocol/disco#info")
                .feature("http://jabber.org/protocol/disco#items")
                .feature("http://jabber.org/protocol/muc")
                .build();

        assertThat(EntityCapabilities.verificationString(exodus)).isEqualTo("client/pc//Exodus 0.9.1<"
                + "http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<");
        assertThat(EntityCapabilities.ver(exodus)).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void theComplexExampleOfSection5Point3SortsIdentitiesFeaturesAndForms() {
        DiscoInfo psi = new DiscoInfo(Optional.empty(), List.of(
                new DiscoInfo.Identity("client", "pc", Optional.of("Psi 0.11"), Optional.of("en")),
                new DiscoInfo.Identity("client", "pc", Optional.of("Ψ 0.11"), Optional.of("el"))),
                List.of("http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/caps",
                        "http://jabber.org/protocol/muc", "http://jabber.org/protocol/disco#info"),
                List.of(form(field("os", "Mac"), field("FORM_TYPE", "urn:xmpp:dataforms:softwareinfo"),
                        field("ip_version", "ipv6", "ipv4"), field("os_version", "10.5.1"),
                        field("software", "Psi"), field("software_version", "0.11"))));

        assertThat(EntityCapabilities.verificationString(psi)).isEqualTo("client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<"
                + "http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"
                + "urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<"
                + "software_version<0.11<");
        assertThat(EntityCapabilities.ver(psi)).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void capabilitiesRideOnPresenceAndAreReadBack() {
        EntityCapabilities caps = new EntityCapabilities("https://xmpp-reactive.org", "QgayPKawpkPSDYmwT/WM94uAlu0=",
                "sha-1");
        Presence presence = Presence.builder().extension(caps.toXml()).build();

        assertThat(EntityCapabilities.of(presence)).contains(caps);
        assertThat(caps.discoNode()).isEqualTo("https://xmpp-reactive.org#QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void theLegacyFormatWithoutHashIsNotTakenForCapabilities() {
        Presence legacy = Presence.builder().extension(XmlElement.builder(EntityCapabilities.NAMESPACE, "c")
                .attribute("node", "http://psi-im.org/caps").attribute("ver", "0.11").build()).build();

        assertThat(EntityCapabilities.of(legacy)).isEmpty();
    }

    private static XmlElement form(XmlElement... fields) {
        XmlElement.Builder x = XmlElement.builder(DATA, "x").attribute("type", "result");
        for (XmlElement field : fields) {
            x.child(field);
        }
        return x.build();
    }

    private static XmlElement field(String var, String... values) {
        XmlElement.Builder field = XmlElement.builder(DATA, "field").attribute("var", var);
        for (String value : values) {
            field.child(XmlElement.builder(DATA, "value").text(value).build());
        }
        return field.build();
    }
}
