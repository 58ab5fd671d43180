package org.xmppreactive.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.mam.element.MamElements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** The corpus is what it claims, and every benchmark really parses all of it. */
class CorpusTest {

    private static ParseBenchmark benchmark;
    private static Blackhole blackhole;

    @BeforeAll
    static void setUp() {
        benchmark = new ParseBenchmark();
        benchmark.setup();
        blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    @Test
    void corpusIsLargeDeterministicAndChunked() {
        Corpus corpus = benchmark.corpus();
        assertThat(corpus.size()).isGreaterThanOrEqualTo(10 * 1024 * 1024);
        assertThat(corpus.composition().rosterIqs()).isEqualTo(1);
        assertThat(corpus.composition().chatMessages()).isPositive();
        assertThat(corpus.composition().presences()).isPositive();
        assertThat(corpus.composition().mamMessages()).isPositive();
        assertThat(Corpus.standard().bytes()).isEqualTo(corpus.bytes());

        ByteBuffer[] chunks = corpus.chunks();
        assertThat(chunks[0].remaining()).isEqualTo(Corpus.DEFAULT_CHUNK);
        assertThat(Arrays.stream(chunks).mapToInt(ByteBuffer::remaining).sum()).isEqualTo(corpus.size());
    }

    @Test
    void everyBenchmarkSeesEveryStanza() throws Exception {
        int expected = benchmark.corpus().stanzaCount();
        assertThat(benchmark.xmppReactive(blackhole)).isEqualTo(expected);
        assertThat(benchmark.xmppReactiveTree(blackhole)).isEqualTo(expected);
        assertThat(benchmark.aaltoScan()).isEqualTo(expected);
        assertThat(benchmark.smack(blackhole)).isEqualTo(expected);
    }

    @Test
    void smackParsesIntoItsOwnStanzaTypes() throws Exception {
        List<Stanza> stanzas = new ArrayList<>();
        ParseBenchmark.parseWithSmack(benchmark.corpus().bytes(), stanzas::add);
        Corpus.Composition composition = benchmark.corpus().composition();

        assertThat(stanzas).filteredOn(RosterPacket.class::isInstance).singleElement()
                .satisfies(iq -> assertThat(((RosterPacket) iq).getRosterItemCount())
                        .isEqualTo(Corpus.ROSTER_ITEMS));
        assertThat(stanzas).filteredOn(Presence.class::isInstance)
                .hasSize(composition.presences())
                .allSatisfy(p -> assertThat(p.getExtension(CapsExtension.class)).isNotNull());
        assertThat(stanzas)
                .filteredOn(s -> s instanceof Message m && m.getExtension(MamElements.MamResultExtension.class) != null)
                .hasSize(composition.mamMessages());
        assertThat(stanzas).filteredOn(s -> s instanceof Message m && m.getExtension(new QName(ChatStateExtension.NAMESPACE, "active")) instanceof ChatStateExtension)
                .isNotEmpty();
        System.out.println("Smack parser backend: " + ParseBenchmark.smackParserBackend());
    }
}
