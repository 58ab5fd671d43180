package org.xmppreactive.payload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;

/**
 * A roster query (RFC 6121 §2), {@code <query xmlns='jabber:iq:roster'/>}: the payload of every roster exchange.
 * Which one it is depends on the IQ that carries it:
 * <ul>
 *   <li>a <em>roster get</em> (§2.1.3): an IQ get with no items, and a {@code ver} if the client caches the roster
 *       (§2.6; the empty string to start versioning);</li>
 *   <li>a <em>roster result</em> (§2.1.4): an IQ result with every item, and the server's {@code ver};</li>
 *   <li>a <em>roster set</em> (§2.1.5): an IQ set from the client with exactly one item, to add, update or
 *       remove it;</li>
 *   <li>a <em>roster push</em> (§2.1.6): an IQ set from the server with exactly one item, and the new {@code ver}.
 *       There is no separate type for it: it is a query with one item.</li>
 * </ul>
 *
 * <pre>{@code
 * RosterQuery get = RosterQuery.request();                           // <query xmlns='jabber:iq:roster'/>
 * RosterQuery cachedGet = RosterQuery.request("ver14");             // <query xmlns='jabber:iq:roster' ver='ver14'/>
 *
 * RosterQuery set = RosterQuery.of(RosterItem.of(Jid.parse("nurse@example.com")).withName("Nurse"));
 *
 * RosterQuery result = registry.decode(element, RosterQuery.class).orElseThrow();
 * result.item(Jid.parse("romeo@example.net")).flatMap(RosterItem::name);   // Optional[Romeo]
 * }</pre>
 *
 * <p>Rules kept: every item is valid (see {@link RosterItem}) and no JID has two items, as the JID identifies the
 * item (§2.1.2.3). The one-item rule of sets and pushes (§2.3.3) belongs to the IQ and is left to the roster logic.
 * Unknown child elements are ignored.
 *
 * @param ver   the roster version ({@code ver}, §2.6), if present; may be the empty string
 * @param items the roster items, in document order
 */
public record RosterQuery(Optional<String> ver, List<RosterItem> items) {

    /** The namespace of the roster query. */
    public static final String NAMESPACE = "jabber:iq:roster";

    /** The local name of the query element. */
    public static final String ELEMENT = "query";

    private static final PayloadCodec<RosterQuery> CODEC =
            PayloadCodec.of(NAMESPACE, ELEMENT, RosterQuery.class, RosterQuery::read, RosterQuery::write);

    /**
     * Copies the items and checks that no JID has two.
     *
     * @throws IllegalArgumentException naming the JID listed twice
     */
    public RosterQuery {
        Objects.requireNonNull(ver, "ver");
        items = List.copyOf(items);
        Set<Jid> seen = new HashSet<>();
        for (RosterItem item : items) {
            if (!seen.add(item.jid())) {
                throw new IllegalArgumentException("the roster lists " + item.jid() + " more than once; "
                        + "RFC 6121 §2.1.2.3 makes the JID identify a single roster item");
            }
        }
    }

    /**
     * The roster get of a client that does not cache the roster.
     *
     * @return an empty query without {@code ver}
     */
    public static RosterQuery request() {
        return new RosterQuery(Optional.empty(), List.of());
    }

    /**
     * The roster get of a client that caches the roster (RFC 6121 §2.6.2): the server answers with the whole roster,
     * or with an empty IQ result and then pushes if the cached version {@code ver} can be brought up to date.
     *
     * @param ver the version of the cached roster, or {@code ""} to ask for versioning without a cache
     * @return an empty query with {@code ver}
     */
    public static RosterQuery request(String ver) {
        return new RosterQuery(Optional.of(ver), List.of());
    }

    /**
     * A query with the given items and no {@code ver}: a roster set or push of one item, or a roster result.
     *
     * @param items the items
     * @return the query
     * @throws IllegalArgumentException if two items have the same JID
     */
    public static RosterQuery of(List<RosterItem> items) {
        return new RosterQuery(Optional.empty(), items);
    }

    /**
     * A query with one item and no {@code ver}: a roster set, or a push from a server without versioning.
     *
     * @param item the item to add, update or remove
     * @return the query
     */
    public static RosterQuery of(RosterItem item) {
        return new RosterQuery(Optional.empty(), List.of(item));
    }

    /**
     * This query with the roster version {@code ver}, as a server writes it in results and pushes.
     *
     * @param ver the version string, opaque to the client
     * @return a copy with {@code ver} set
     */
    public RosterQuery withVer(String ver) {
        return new RosterQuery(Optional.of(ver), items);
    }

    /**
     * The item for {@code jid}, compared as {@link Jid#equals} compares (canonical forms, resource included).
     *
     * @param jid the contact's address
     * @return the item, or empty if the query has none for {@code jid}
     */
    public Optional<RosterItem> item(Jid jid) {
        Objects.requireNonNull(jid, "jid");
        for (RosterItem item : items) {
            if (item.jid().equals(jid)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /**
     * The codec for {@code <query xmlns='jabber:iq:roster'/>}. Reading refuses, with a {@link PayloadException}
     * that names the item and the rule: an item without a valid {@code jid}, a {@code subscription}, {@code ask} or
     * {@code approved} value RFC 6121 does not define, an empty or repeated group, and a JID listed twice.
     *
     * @return the codec, stateless and shared
     */
    public static PayloadCodec<RosterQuery> codec() {
        return CODEC;
    }

    private static RosterQuery read(XmlElement query) {
        List<RosterItem> items = new ArrayList<>();
        for (XmlElement item : query.children(NAMESPACE, "item")) {
            items.add(RosterItem.read(item));
        }
        return new RosterQuery(query.attribute("ver"), items);
    }

    /** Writes {@code ver}, then the items in order. */
    private static XmlElement write(RosterQuery roster) {
        XmlElement.Builder query = XmlElement.builder(NAMESPACE, ELEMENT);
        roster.ver().ifPresent(v -> query.attribute("ver", v));
        for (RosterItem item : roster.items()) {
            query.child(item.write());
        }
        return query.build();
    }
}
