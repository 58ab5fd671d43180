package org.xmppreactive.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.xml.XmlElement;

/**
 * The {@code <query xmlns='http://jabber.org/protocol/disco#items'/>} payload of XEP-0030 §4: the items an entity
 * lists (services of a server, rooms of a conference service), each a JID with an optional node and name.
 *
 * @param node  the node queried, if any
 * @param items the items, in document order
 */
public record DiscoItems(Optional<String> node, List<Item> items) {

    /** The namespace {@code http://jabber.org/protocol/disco#items}. */
    public static final String NAMESPACE = "http://jabber.org/protocol/disco#items";

    private static final PayloadCodec<DiscoItems> CODEC =
            PayloadCodec.of(NAMESPACE, "query", DiscoItems.class, DiscoItems::read, DiscoItems::write);

    /** Copies the list. */
    public DiscoItems {
        Objects.requireNonNull(node, "node");
        items = List.copyOf(items);
    }

    /**
     * One item.
     *
     * @param jid  its address, required (XEP-0030 §4.1)
     * @param node its node, if any
     * @param name a name for people, if any
     */
    public record Item(Jid jid, Optional<String> node, Optional<String> name) {
        /** Requires every part. */
        public Item {
            Objects.requireNonNull(jid, "jid");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(name, "name");
        }
    }

    /** The request, without a node. */
    public static DiscoItems request() {
        return new DiscoItems(Optional.empty(), List.of());
    }

    /** The request for {@code node}. */
    public static DiscoItems request(String node) {
        return new DiscoItems(Optional.of(node), List.of());
    }

    /** Reads and writes the query element. */
    public static PayloadCodec<DiscoItems> codec() {
        return CODEC;
    }

    private static DiscoItems read(XmlElement element) {
        List<Item> items = new ArrayList<>();
        for (XmlElement item : element.children(NAMESPACE, "item")) {
            String jid = item.attribute("jid").orElseThrow(() ->
                    new IllegalArgumentException("a disco#items item needs a jid (XEP-0030 §4.1)"));
            items.add(new Item(Jid.parse(jid), item.attribute("node"), item.attribute("name")));
        }
        return new DiscoItems(element.attribute("node"), items);
    }

    private static XmlElement write(DiscoItems items) {
        XmlElement.Builder query = XmlElement.builder(NAMESPACE, "query");
        items.node().ifPresent(node -> query.attribute("node", node));
        for (Item item : items.items()) {
            XmlElement.Builder element = XmlElement.builder(NAMESPACE, "item").attribute("jid", item.jid().toString());
            item.node().ifPresent(node -> element.attribute("node", node));
            item.name().ifPresent(name -> element.attribute("name", name));
            query.child(element.build());
        }
        return query.build();
    }
}
