package org.xmppreactive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.openjdk.jmh.infra.Blackhole;
import org.xmppreactive.jid.Jid;

/** Every benchmark method really parses every JID, and the JIDs are the mix they claim to be. */
class JidBenchmarkTest {

    private static JidBenchmark benchmark;
    private static Blackhole blackhole;

    @BeforeAll
    static void setUp() {
        benchmark = new JidBenchmark();
        benchmark.setup();
        blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    @Test
    void theSetHoldsSixteenJidsOfTheAdvertisedKinds() {
        assertThat(JidBenchmark.JIDS).hasSize(JidBenchmark.SIZE).doesNotHaveDuplicates();
        List<Jid> parsed = JidBenchmark.JIDS.stream().map(Jid::parse).collect(Collectors.toList());
        assertThat(parsed).filteredOn(Jid::isBare).hasSizeGreaterThanOrEqualTo(3);
        assertThat(parsed).filteredOn(j -> j.localpart().isEmpty()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(JidBenchmark.JIDS).filteredOn(s -> !Jid.parse(s).toString().equals(s))
                .as("some need normalising").hasSizeGreaterThanOrEqualTo(4);
        assertThat(JidBenchmark.JIDS).filteredOn(s -> s.chars().anyMatch(c -> c >= 0x80))
                .as("non-ASCII").hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void xmppReactiveParsesEveryJid() {
        assertThat(benchmark.xmppReactive(blackhole)).isEqualTo(JidBenchmark.SIZE);
        assertThat(Jid.parse("ОЛЕГ@пример.рф/дом")).hasToString("олег@пример.рф/дом");
    }

    @Test
    void jxmppParsesEveryJidWithAndWithoutItsCache() throws Exception {
        assertThat(benchmark.jxmpp(blackhole)).isEqualTo(JidBenchmark.SIZE);
        assertThat(benchmark.jxmppUncached(blackhole)).isEqualTo(JidBenchmark.SIZE);
        assertThat(JidCreate.from("Juliet@Example.COM/Balcony").toString()).isEqualTo("juliet@example.com/Balcony");
        assertThat(JidBenchmark.jxmppStringprep()).isNotBlank();
    }
}
