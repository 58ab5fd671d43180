package org.xmppreactive.disco;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.DiscoInfo;
import org.xmppreactive.payload.DiscoItems;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Service discovery on one session (XEP-0030): answers disco#info about this entity with its identities and
 * features (and about its capabilities node, XEP-0115 §6.2), replies {@code item-not-found} for other nodes, asks
 * other entities, and caches their capabilities by hash.
 *
 * <pre>{@code
 * DiscoInfo me = DiscoInfo.builder().identity(new DiscoInfo.Identity("client", "pc", "my app"))
 *         .feature(DiscoInfo.NAMESPACE).feature(EntityCapabilities.NAMESPACE).feature("urn:xmpp:ping").build();
 * ServiceDiscovery disco = ServiceDiscovery.serve(session, me, "https://example.org/my-app");
 * session.send(Presence.builder().extension(disco.capabilities().toXml()).build());
 * disco.info(Jid.parse("example.com")).subscribe(info -> ... info.hasFeature("urn:xmpp:blocking") ...);
 * }</pre>
 */
public final class ServiceDiscovery {

    /** How many capability sets are cached (most recently used kept). */
    public static final int CAPS_CACHE_SIZE = 256;

    private final XmppSession session;
    private final DiscoInfo info;
    private final EntityCapabilities capabilities;
    private final Map<String, DiscoInfo> capsCache = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, DiscoInfo> eldest) {
                    return size() > CAPS_CACHE_SIZE;
                }
            });
    private final Disposable answering;

    private ServiceDiscovery(XmppSession session, DiscoInfo info, String capsNode) {
        this.session = session;
        this.info = info;
        this.capabilities = EntityCapabilities.of(capsNode, info);
        this.answering = session.iqRequests(DiscoInfo.NAMESPACE, DiscoInfo.ELEMENT)
                .concatMap(request -> Mono.fromCallable(() -> answer(request))
                        .onErrorResume(e -> Mono.just(request.error(StanzaError.of(StanzaErrorCondition.BAD_REQUEST)
                                .withText("unreadable disco#info query"))))
                        .flatMap(session::send)
                        .onErrorResume(e -> Mono.empty()))
                .subscribe();
    }

    /**
     * Answers disco#info requests on {@code session} with {@code info} from now on, until {@link #stop()} or the
     * session's end; {@code capsNode} names the software for XEP-0115.
     */
    public static ServiceDiscovery serve(XmppSession session, DiscoInfo info, String capsNode) {
        return new ServiceDiscovery(session, info, capsNode);
    }

    /** This entity's capabilities, to put into presence. */
    public EntityCapabilities capabilities() {
        return capabilities;
    }

    /** Stops answering; requests are then answered {@code service-unavailable} by the session. */
    public void stop() {
        answering.dispose();
    }

    /** Asks {@code entity} for its disco#info. Fails with the entity's stanza error, or a timeout. */
    public Mono<DiscoInfo> info(Jid entity) {
        return query(entity, DiscoInfo.request());
    }

    /** Asks {@code entity} for the disco#info of its {@code node}. */
    public Mono<DiscoInfo> info(Jid entity, String node) {
        return query(entity, DiscoInfo.request(node));
    }

    /** Asks {@code entity} for its disco#items. */
    public Mono<DiscoItems> items(Jid entity) {
        return session.iq(Iq.get(id(), DiscoItems.codec().encode(DiscoItems.request())).withTo(entity))
                .map(result -> DiscoItems.codec().decode(payload(result, DiscoItems.NAMESPACE)));
    }

    /**
     * The capabilities {@code caps} that {@code entity} announced: from the cache if this hash was seen, else asked
     * of the entity and cached only if the answer hashes to {@code caps.ver()} (so a lying peer cannot poison the
     * cache for others). Hashes other than {@code sha-1} are asked every time.
     */
    public Mono<DiscoInfo> capabilitiesOf(Jid entity, EntityCapabilities caps) {
        DiscoInfo cached = capsCache.get(caps.ver());
        if (cached != null && caps.hash().equals("sha-1")) {
            return Mono.just(cached);
        }
        return info(entity, caps.discoNode()).doOnNext(answer -> {
            if (caps.hash().equals("sha-1") && EntityCapabilities.ver(answer).equals(caps.ver())) {
                capsCache.put(caps.ver(), answer);
            }
        });
    }

    private Iq answer(Iq request) {
        Optional<String> node = DiscoInfo.codec().decode(request.extensions().get(0)).node();
        if (node.isEmpty()) {
            return request.result(DiscoInfo.codec().encode(info));
        }
        if (node.get().equals(capabilities.discoNode())) {
            return request.result(DiscoInfo.codec().encode(new DiscoInfo(node, info.identities(), info.features(),
                    info.extensions())));
        }
        return request.error(StanzaError.of(StanzaErrorCondition.ITEM_NOT_FOUND));   // XEP-0030 §3.2
    }

    private Mono<DiscoInfo> query(Jid entity, DiscoInfo request) {
        return session.iq(Iq.get(id(), DiscoInfo.codec().encode(request)).withTo(entity))
                .map(result -> DiscoInfo.codec().decode(payload(result, DiscoInfo.NAMESPACE)));
    }

    private static org.xmppreactive.xml.XmlElement payload(Iq result, String namespace) {
        return result.extensions().stream().filter(e -> e.is(namespace, "query")).findFirst()
                .orElseThrow(() -> new org.xmppreactive.payload.PayloadException(
                        "the result carries no {" + namespace + "}query"));
    }

    private static String id() {
        return "disco-" + UUID.randomUUID();
    }
}
