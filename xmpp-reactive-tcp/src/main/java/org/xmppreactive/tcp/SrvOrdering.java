package org.xmppreactive.tcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Turns the answers of a domain's two SRV lookups into the list of places to try, in order. Pure: the random
 * choices come from the generator passed in, so a seeded generator gives a repeatable order.
 *
 * <ul>
 *   <li>RFC 2782: lower priority first; within one priority, a weighted random order.</li>
 *   <li>XEP-0368 §3: {@code _xmpps-client} (direct TLS) and {@code _xmpp-client} (STARTTLS) records are one pool,
 *       their priorities and weights mixed.</li>
 *   <li>RFC 2782: a lookup whose only answer has the target {@code "."} says the service is not available; RFC 6120
 *       §3.2.1: without any SRV answer, the domain itself on port 5222 is tried (5223 for direct TLS only).</li>
 * </ul>
 */
final class SrvOrdering {

    /** RFC 6120 §3.2.1: the port of the fallback, IANA's xmpp-client port. */
    static final int CLIENT_PORT = 5222;

    /** XEP-0368: the customary port of direct TLS, for the fallback when only direct TLS is wanted. */
    static final int DIRECT_TLS_PORT = 5223;

    private SrvOrdering() {
    }

    /**
     * The places to try for {@code domain}, best first; empty when the SRV records say the service is not available.
     *
     * @param domain        the XMPP domain, for the fallback
     * @param xmpps         the answer to {@code _xmpps-client._tcp.<domain>}, empty if none
     * @param xmpp          the answer to {@code _xmpp-client._tcp.<domain>}, empty if none
     * @param directTlsOnly whether only direct TLS targets are wanted ({@code xmpp} is then ignored)
     * @param random        the source of the weighted random choices
     */
    static List<ConnectTarget> targets(String domain, List<SrvRecord> xmpps, List<SrvRecord> xmpp,
                                       boolean directTlsOnly, RandomGenerator random) {
        List<Candidate> pool = new ArrayList<>();
        xmpps.stream().filter(record -> !record.isUnavailable())
                .forEach(record -> pool.add(new Candidate(record, true)));
        if (!directTlsOnly) {
            xmpp.stream().filter(record -> !record.isUnavailable())
                    .forEach(record -> pool.add(new Candidate(record, false)));
        }
        if (!pool.isEmpty()) {
            return order(pool, candidate -> candidate.record.priority(), candidate -> candidate.record.weight(), random)
                    .stream()
                    .map(candidate -> new ConnectTarget(candidate.record.host(), candidate.record.port(),
                            candidate.directTls))
                    .toList();
        }
        // No usable record. Only a lookup that found nothing at all falls back to the domain; one that answered
        // "." means the service is not there (RFC 2782), and one that answered must not be second-guessed.
        if (directTlsOnly) {
            return xmpps.isEmpty() ? List.of(new ConnectTarget(domain, DIRECT_TLS_PORT, true)) : List.of();
        }
        return xmpp.isEmpty() ? List.of(new ConnectTarget(domain, CLIENT_PORT, false)) : List.of();
    }

    /**
     * RFC 2782's order of {@code records}: ascending priority; within a priority, repeatedly pick one at random with
     * a chance proportional to its weight (records of weight 0 go first in the running sum, so they have a small
     * chance when others have weight, and keep their order when all are 0).
     *
     * @param records  the records, in the order the DNS answered them
     * @param priority the priority of a record
     * @param weight   the weight of a record
     * @param random   the source of the random choices
     */
    static <T> List<T> order(List<T> records, ToIntFunction<T> priority, ToIntFunction<T> weight,
                             RandomGenerator random) {
        TreeMap<Integer, List<T>> byPriority = new TreeMap<>();
        for (T record : records) {
            byPriority.computeIfAbsent(priority.applyAsInt(record), p -> new ArrayList<>()).add(record);
        }
        List<T> ordered = new ArrayList<>(records.size());
        for (List<T> group : byPriority.values()) {
            List<T> remaining = new ArrayList<>(group);
            // "all those with weight 0 are placed at the beginning of the list" (stable sort keeps the rest in order)
            remaining.sort(Comparator.comparing(record -> weight.applyAsInt(record) != 0));
            while (!remaining.isEmpty()) {
                int sum = 0;
                for (T record : remaining) {
                    sum += weight.applyAsInt(record);
                }
                // "select a uniform random number between 0 and the sum computed (inclusive)"
                int chosen = random.nextInt(sum + 1);
                int running = 0;
                for (int i = 0; i < remaining.size(); i++) {
                    running += weight.applyAsInt(remaining.get(i));
                    if (running >= chosen) {
                        ordered.add(remaining.remove(i));
                        break;
                    }
                }
            }
        }
        return ordered;
    }

    private record Candidate(SrvRecord record, boolean directTls) {
    }
}
