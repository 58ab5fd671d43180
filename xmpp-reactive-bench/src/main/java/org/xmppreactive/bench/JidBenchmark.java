package org.xmppreactive.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jxmpp.JxmppContext;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.xmppreactive.jid.Jid;

/**
 * Parses and normalises the same {@value #SIZE} typical JIDs (one operation = all of them) three ways:
 *
 * <ul>
 *   <li>{@link #xmppReactive}: {@link Jid#parse(String)}, PRECIS (RFC 8265) and UTS #46 included, with its ASCII
 *       fast path and its no-copy path for input already in canonical form;</li>
 *   <li>{@link #jxmpp}: jxmpp-jid's {@code JidCreate.from(String)}, exactly as Smack calls it, with jxmpp's default
 *       context: JID and part caches on, so after the first round every call here is a cache hit;</li>
 *   <li>{@link #jxmppUncached}: the same with caching off, which is the like-for-like measure of the parsing.</li>
 * </ul>
 *
 * jxmpp prepares parts with whatever {@code XmppStringprep} is installed; with Smack's usual dependencies (no
 * libidn, no PRECIS module) that is {@code SimpleXmppStringprep}: {@code toLowerCase} on the localpart and
 * domainpart plus a check for forbidden localpart characters, no Unicode normalisation, no width mapping, no IDNA.
 * {@link #jxmppStringprep()} reports which one was in effect.
 *
 * <p>Each method returns how many JIDs it parsed and throws if any did not parse, so a broken parser cannot pass
 * for a fast one; every JID goes to the {@link Blackhole}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JidBenchmark {

    /** The number of JIDs parsed per operation. */
    public static final int SIZE = 16;

    /**
     * Bare and full, ASCII and not, canonical and needing case or Unicode normalisation, as they show up in the
     * {@code to} and {@code from} of a busy client or gateway.
     */
    public static final List<String> JIDS = List.of(
            "juliet@example.com",                              // ASCII bare, canonical
            "romeo@montague.example/orchard",                  // ASCII full, canonical
            "Juliet@Example.COM/Balcony",                      // mixed case
            "Bob@Example.NET",                                 // mixed case bare
            "conference.example.com",                          // domain only
            "room@conference.example.com/Nick Name",           // MUC occupant, space in the resource
            "user123@xmpp.example.net/smack-4.4.8-AbCdEf12",   // client resource
            "pubsub.shakespeare.lit/node-1",                   // service with a resource
            "ñaño@ejemplo.es/teléfono",                        // Latin-1 in every part
            "jürgen@müller.de",                                // non-ASCII localpart and domain
            "héloïse@Académie.fr/Téléphone",                   // non-ASCII with case mapping
            "ОЛЕГ@пример.рф/дом",                              // Cyrillic, upper-case localpart
            "李小龙@例え.テスト/电脑",                            // CJK in every part
            "kim@한국.kr/휴대폰",                                // Hangul domain and resource
            "alice@example.org/phone 📱",                      // emoji in the resource
            "bot@192.0.2.10/🤖");                              // IPv4 domain, emoji resource

    private String[] jids;
    private JxmppContext uncached;

    /** Copies the JIDs into an array and builds jxmpp's cache-free context. */
    @Setup(Level.Trial)
    public void setup() {
        jids = JIDS.toArray(new String[0]);
        uncached = JxmppContext.builder()
                .withXmppStringprep(JxmppContext.getDefaultContext().xmppStringprep)
                .build();
    }

    /** The name of the {@code XmppStringprep} jxmpp prepares parts with, and whether its default context caches. */
    public static String jxmppStringprep() {
        JxmppContext context = JxmppContext.getDefaultContext();
        return context.xmppStringprep.getClass().getName() + (context.isCachingEnabled() ? " (cached)" : "");
    }

    /** Ours: {@link Jid#parse(String)} on each JID. */
    @Benchmark
    public int xmppReactive(Blackhole blackhole) {
        int parsed = 0;
        for (String jid : jids) {
            blackhole.consume(Jid.parse(jid));
            parsed++;
        }
        return parsed;
    }

    /** jxmpp as Smack uses it: {@code JidCreate.from(String)} with the default (caching) context. */
    @Benchmark
    public int jxmpp(Blackhole blackhole) throws XmppStringprepException {
        int parsed = 0;
        for (String jid : jids) {
            blackhole.consume(JidCreate.from(jid));
            parsed++;
        }
        return parsed;
    }

    /** jxmpp with its caches off: {@code JidCreate.from(String, JxmppContext)}. */
    @Benchmark
    public int jxmppUncached(Blackhole blackhole) throws XmppStringprepException {
        int parsed = 0;
        for (String jid : jids) {
            blackhole.consume(JidCreate.from(jid, uncached));
            parsed++;
        }
        return parsed;
    }
}
