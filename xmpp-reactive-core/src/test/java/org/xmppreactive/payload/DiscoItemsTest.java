package org.xmppreactive.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;

/** The disco#items payload of XEP-0030 §4. */
class DiscoItemsTest {

    @Test
    void itemsRoundTripWithNodesAndNames() {
        DiscoItems items = new DiscoItems(Optional.of("music"), List.of(
                new DiscoItems.Item(Jid.parse("conference.example.com"), Optional.empty(), Optional.of("Rooms")),
                new DiscoItems.Item(Jid.parse("catalog.example.com"), Optional.of("books"), Optional.empty())));

        XmlElement xml = DiscoItems.codec().encode(items);

        assertThat(DiscoItems.codec().decode(xml)).isEqualTo(items);
        assertThat(xml.attribute("node")).contains("music");
    }

    @Test
    void anItemWithoutJidIsRefused() {
        XmlElement broken = XmlElement.builder(DiscoItems.NAMESPACE, "query")
                .child(XmlElement.builder(DiscoItems.NAMESPACE, "item").attribute("name", "nameless").build())
                .build();

        assertThatThrownBy(() -> DiscoItems.codec().decode(broken)).isInstanceOf(PayloadException.class)
                .hasMessageContaining("jid");
    }

    @Test
    void theRequestIsAnEmptyQuery() {
        assertThat(DiscoItems.codec().encode(DiscoItems.request()).children()).isEmpty();
    }
}
