package org.xmppreactive.im;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.xmppreactive.jid.Jid;
import org.xmppreactive.payload.PayloadException;
import org.xmppreactive.payload.RosterItem;
import org.xmppreactive.payload.RosterQuery;
import org.xmppreactive.session.XmppSession;
import org.xmppreactive.stanza.Iq;
import org.xmppreactive.stanza.StanzaError;
import org.xmppreactive.stanza.StanzaErrorCondition;
import org.xmppreactive.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The user's roster on one session (RFC 6121 §2): fetched with versioning when the server offers it, changed with
 * roster sets, and kept up to date by roster pushes, which are accepted only from the user's own server.
 *
 * <pre>{@code
 * RosterStore store = new InMemoryRosterStore();                       // keep it across reconnections
 * Roster roster = Roster.of(session, store);     // pushes are handled from now on
 * roster.changes().subscribe(change -> ui.update(change));
 * roster.fetch().subscribe(snapshot -> ui.show(snapshot.itemList()));
 *
 * roster.add(RosterItem.of(Jid.parse("nurse@example.com")).withName("Nurse").withGroups("Servants"))
 *       .subscribe(null, error -> ...);        // a StanzaErrorException if the server refuses
 * roster.remove(Jid.parse("nurse@example.com")).subscribe();
 * }</pre>
 *
 * <p><b>Versioning</b> (RFC 6121 §2.6). A server that versions rosters advertises the stream feature
 * {@code <ver xmlns='urn:xmpp:features:rosterver'/>} ({@link #VERSIONING_FEATURE_NAMESPACE}; first defined in
 * XEP-0237); the roster looks for it in the session's {@link org.xmppreactive.stream.NegotiatedStream#features()}.
 * With it, {@link #fetch()} sends the stored version ({@code ver=''} if none is
 * stored); without it, no {@code ver} at all, as §2.6.2 requires. Versions are opaque strings: they are stored and
 * sent back, never compared except for equality.
 *
 * <p><b>Pushes</b> (RFC 6121 §2.1.6). From creation until {@link #stop()} or the session's end, this roster is the
 * session's handler of roster requests. A push is accepted only if it has no {@code from} or its {@code from} is
 * the account's bare JID; it is then stored with its version, emitted on {@link #changes()} and answered with an
 * empty result. A push with another {@code from} is ignored and not answered (the CVE-2014-0364 class of roster
 * spoofing). A push from the server that does not carry exactly one valid item is answered {@code bad-request}.
 *
 * <p><b>Our own sets.</b> {@link #add}, {@link #update} and {@link #remove} complete when the server's result comes;
 * they do not touch the stored roster. The server pushes every change, ours included, to every interested resource
 * (§2.3.2), and only that push changes the roster: servers differ in whether the push comes before the result
 * (ejabberd) or after it (Prosody), and the roster ends in the same state either way.
 */
public final class Roster {

    /** The namespace of the stream feature by which a server offers roster versioning (RFC 6121 §2.6.1). */
    public static final String VERSIONING_FEATURE_NAMESPACE = "urn:xmpp:features:rosterver";

    /** The element name of the roster versioning stream feature. */
    public static final String VERSIONING_FEATURE_ELEMENT = "ver";

    private final XmppSession session;
    private final RosterStore store;
    private final boolean versioningAdvertised;
    private final Object lock = new Object();
    /** How many changes may wait for a subscriber of {@link #changes()} before it is ended. */
    public static final int DEFAULT_MAX_BEHIND = 1024;

    private final Broadcast<RosterChange> changes = new Broadcast<>();
    private final Disposable handlingPushes;

    private Roster(XmppSession session, RosterStore store, boolean versioningAdvertised) {
        this.session = Objects.requireNonNull(session, "session");
        this.store = Objects.requireNonNull(store, "store");
        this.versioningAdvertised = versioningAdvertised;
        Throwable[] refused = new Throwable[1];
        this.handlingPushes = session.iqRequests(RosterQuery.NAMESPACE, RosterQuery.ELEMENT)
                .concatMap(this::onRequest)
                .subscribe(null, error -> {
                    refused[0] = error;
                    changes.complete();
                }, changes::complete);
        if (refused[0] instanceof IllegalStateException taken) {
            // the session allows one handler per payload, and someone else already handles roster requests
            throw new IllegalStateException("cannot handle roster pushes: " + taken.getMessage(), taken);
        }
    }

    /**
     * The roster of {@code session}, kept in memory for this session only. Starts handling roster pushes at once.
     *
     * @param session the client session
     * @return the roster
     * @throws IllegalStateException if something else already handles roster requests on {@code session}
     */
    public static Roster of(XmppSession session) {
        return of(session, new InMemoryRosterStore());
    }

    /**
     * The roster of {@code session}, kept in {@code store}, versioned if the server advertised roster versioning
     * in the session's stream features. Starts handling roster pushes at once.
     *
     * @param session the client session
     * @param store   where the items and the version are kept; the stored roster is the cache that an empty
     *                versioned result confirms
     * @return the roster
     * @throws IllegalStateException if something else already handles roster requests on {@code session}
     */
    public static Roster of(XmppSession session, RosterStore store) {
        return new Roster(session, store,
                session.stream().hasFeature(VERSIONING_FEATURE_NAMESPACE, VERSIONING_FEATURE_ELEMENT));
    }

    /**
     * Asks the server for the roster (RFC 6121 §2.1.3) and stores the answer. A full result replaces the stored
     * roster and its version; an empty result (no query: "your version is current, changes follow as pushes",
     * §2.6.3) keeps the stored roster. Sending the get also makes this resource an interested one, to which the
     * server pushes changes.
     *
     * @return the roster after the answer; fails with a {@link org.xmppreactive.stanza.StanzaErrorException} for an
     *     error reply, a {@link PayloadException} for a result that is not a readable roster, or a timeout
     */
    public Mono<RosterSnapshot> fetch() {
        return Mono.defer(() -> {
            RosterQuery get = versioningAdvertised
                    ? RosterQuery.request(snapshot().ver().orElse(""))   // §2.6.2: '' asks for versioning from scratch
                    : RosterQuery.request();
            return session.iq(Iq.get(id(), RosterQuery.codec().encode(get))).map(this::onResult);
        });
    }

    /**
     * The roster as stored now: the last fetch with every accepted push since.
     *
     * @return the snapshot
     */
    public RosterSnapshot snapshot() {
        synchronized (lock) {
            return store.load();
        }
    }

    /**
     * The accepted roster pushes from now on, each after it was stored. Every subscriber sees every change made
     * while it is subscribed: a slow one buffers up to {@link #DEFAULT_MAX_BEHIND} changes, none is dropped; past
     * that it ends with a {@link ChangesOverflowException}. Completes when the session ends or {@link #stop()} is
     * called.
     *
     * @return the changes
     */
    public Flux<RosterChange> changes() {
        return changes(DEFAULT_MAX_BEHIND);
    }

    /**
     * {@link #changes()} for a subscriber that may leave up to {@code maxBehind} changes waiting for its demand;
     * one more ends it with a {@link ChangesOverflowException}, after which it can subscribe again and then
     * take {@link #snapshot()}.
     *
     * @param maxBehind how many changes may wait for the subscriber, at least 1
     * @return the changes
     */
    public Flux<RosterChange> changes(int maxBehind) {
        return changes.flux(maxBehind);
    }

    /**
     * Adds {@code item} to the roster (RFC 6121 §2.3), or updates the item with its JID: the same roster set. Only
     * the JID, name and groups are sent; the subscription state is the server's.
     *
     * @param item the item
     * @return completes on the server's result; fails with an {@link IllegalArgumentException} before sending if
     *     the item's subscription is {@code remove}, or a {@link org.xmppreactive.stanza.StanzaErrorException} with
     *     the server's condition ({@code not-acceptable} for a name or group too long, for instance)
     */
    public Mono<Void> add(RosterItem item) {
        return update(item);
    }

    /**
     * Updates the item with {@code item}'s JID (RFC 6121 §2.4), or adds it: the same roster set as
     * {@link #add(RosterItem)}. To change one thing, change the stored item: {@code
     * roster.update(roster.snapshot().item(jid).orElseThrow().withName("Nurse"))}.
     *
     * @param item the item as it should be
     * @return completes on the server's result; errors as {@link #add(RosterItem)}
     */
    public Mono<Void> update(RosterItem item) {
        return Mono.defer(() -> set(RosterSet.update(item)));
    }

    /**
     * Removes the item for {@code jid} (RFC 6121 §2.5); the server also cancels the subscriptions both ways.
     *
     * @param jid the item's JID
     * @return completes on the server's result; fails with a {@link org.xmppreactive.stanza.StanzaErrorException}
     *     ({@code item-not-found} if the roster has no such item)
     */
    public Mono<Void> remove(Jid jid) {
        return Mono.defer(() -> set(RosterSet.remove(jid)));
    }

    /**
     * Stops handling roster pushes; the session then answers them {@code service-unavailable}, and
     * {@link #changes()} completes. Fetches and sets still work.
     */
    public void stop() {
        handlingPushes.dispose();
        changes.complete();
    }

    private Mono<Void> set(RosterQuery query) {
        return session.iq(Iq.set(id(), RosterQuery.codec().encode(query))).then();
    }

    private RosterSnapshot onResult(Iq result) {
        Optional<XmlElement> payload = result.payload();
        if (payload.isPresent() && !payload.get().is(RosterQuery.NAMESPACE, RosterQuery.ELEMENT)) {
            throw new PayloadException("the roster result carries <" + payload.get().localName() + " xmlns='"
                    + payload.get().namespace() + "'/> instead of a roster query");
        }
        synchronized (lock) {
            if (payload.isEmpty()) {
                return store.load();   // RFC 6121 §2.6.3: the cached roster is current
            }
            RosterSnapshot roster = RosterSnapshot.of(RosterQuery.codec().decode(payload.get()));
            store.replace(roster);
            return roster;
        }
    }

    private Mono<Void> onRequest(Iq request) {
        return Mono.defer(() -> handle(request))
                // a store that failed: the push is not acknowledged, and the server learns it was not applied
                .onErrorResume(e -> reply(request.error(StanzaError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR))));
    }

    private Mono<Void> handle(Iq request) {
        RosterPush push = RosterPush.judge(request, session.jid());
        if (push instanceof RosterPush.Accepted accepted) {
            synchronized (lock) {
                store.apply(accepted.change());
            }
            changes.emit(accepted.change());
            return reply(request.result());
        }
        if (push instanceof RosterPush.Rejected rejected) {
            return reply(request.error(rejected.error()));
        }
        return Mono.empty();   // ignored: not applied, not answered (RFC 6121 §2.1.6)
    }

    private Mono<Void> reply(Iq reply) {
        return session.send(reply).onErrorResume(e -> Mono.empty());   // the session is closing: nothing to answer
    }

    private static String id() {
        return "roster-" + UUID.randomUUID();
    }
}
