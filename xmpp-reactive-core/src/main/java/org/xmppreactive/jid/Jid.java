package org.xmppreactive.jid;

import java.util.Objects;
import java.util.Optional;

/**
 * An XMPP address (JID), {@code [localpart@]domainpart[/resourcepart]}, always valid and in canonical form.
 *
 * <p>The rules followed are those of RFC 7622 (XMPP Address Format), with the current PRECIS documents in place of
 * the ones it cites: RFC 8264 (PRECIS framework), RFC 8265 (UsernameCaseMapped for the localpart, OpaqueString for
 * the resourcepart; RFC 8265 lowercases with Unicode {@code toLowerCase}, where RFC 7613 used case folding, so
 * {@code fußball} and {@code ς} are kept), RFC 8266 (nicknames, not used in addresses). PRECIS comes from
 * {@code rocks.xmpp:precis} 1.1.0, which takes its Unicode properties from the running JDK. The domainpart follows
 * IDNA2008 through UTS #46 nontransitional processing with STD3 rules and the Bidi and CONTEXTJ/CONTEXTO checks, as
 * implemented by ICU4J 77.1, and is kept as U-labels (an A-label {@code xn--…} input is decoded). IPv6 literals in
 * brackets are allowed as the domainpart.
 *
 * <p>Parsing follows RFC 7622 §3.1: the resourcepart starts at the first {@code /}, the localpart ends at the first
 * {@code @} before that. One trailing dot of the domainpart is stripped (§3.2). Each part is 1 to 1023 octets of
 * UTF-8 after preparation. Pure-ASCII parts take a fast path that yields exactly what the full PRECIS and UTS #46
 * processing would, and a string that is already canonical is kept as it is, without copying.
 *
 * <p>Equality, {@link #hashCode()} and {@link #toString()} are those of the canonical form, so two JIDs that
 * differ only in case of the localpart or domainpart, width, normalization or a trailing dot are equal.
 *
 * <pre>{@code
 * Jid jid = Jid.parse("Juliet@Example.COM/Balcony");
 * jid.toString();        // "juliet@example.com/Balcony"
 * jid.localpart();       // Optional[juliet]
 * jid.domain();          // "example.com"
 * jid.resourcepart();    // Optional[Balcony]
 * jid.bare();            // juliet@example.com
 * jid.bare().withResource("orchard");  // juliet@example.com/orchard
 * }</pre>
 */
public final class Jid {

    /** The canonical form; its first '@' before its first '/' and its first '/' delimit the parts. */
    private final String canonical;
    /** Index of the '@' ending the localpart in {@link #canonical}, or -1 without a localpart. */
    private final int at;
    /** Index of the '/' starting the resourcepart in {@link #canonical}, or -1 for a bare JID. */
    private final int slash;

    private Jid(String canonical, int at, int slash) {
        this.canonical = canonical;
        this.at = at;
        this.slash = slash;
    }

    /**
     * Parses and normalises a JID.
     *
     * <pre>{@code
     * Jid.parse("server/resource@foo").resourcepart();   // Optional[resource@foo]
     * Jid.parse("ｊｕｌｉｅｔ@例え.テスト.").toString();        // "juliet@例え.テスト"
     * Jid.parse("\"juliet\"@example.com");               // throws InvalidJidException, part() == LOCALPART
     * }</pre>
     *
     * @param jid the address, for example {@code "juliet@example.com/balcony"}
     * @return the JID in canonical form
     * @throws InvalidJidException if any part breaks a rule; {@link InvalidJidException#part()} says which
     */
    public static Jid parse(String jid) {
        Objects.requireNonNull(jid, "jid");
        Jid plain = parsePlainAscii(jid);
        return plain != null ? plain : prepare(jid);
    }

    /**
     * The fast path of {@link #parse(String)}: the JID if every part is plain ASCII, where preparing it is lowering
     * A-Z before the resourcepart; null if any part needs the full preparation (or breaks a rule).
     */
    private static Jid parsePlainAscii(String jid) {
        int slash = jid.indexOf('/');
        int domainEnd = slash < 0 ? jid.length() : slash;
        int at = jid.indexOf('@');
        if (at >= domainEnd) {
            at = -1; // an '@' after the first '/' belongs to the resourcepart
        }
        int domainStart = at + 1;
        if (slash >= 0 && !Resourcepart.isCanonical(jid, slash + 1, jid.length())) {
            return null;
        }
        if ((at < 0 || Localpart.isPlainAscii(jid, 0, at, false))
                && Domainpart.isPlainAscii(jid, domainStart, domainEnd, false)) {
            // No upper case either, as servers stamp addresses: canonical already, kept as it is.
            return new Jid(jid, at, slash);
        }
        if ((at < 0 || Localpart.isPlainAscii(jid, 0, at, true))
                && Domainpart.isPlainAscii(jid, domainStart, domainEnd, true)) {
            return new Jid(Localpart.lowerCaseAscii(jid, domainEnd), at, slash);
        }
        return null;
    }

    // The full path of parse(): each part prepared with PRECIS or UTS #46 (each part's own ASCII shortcut aside).
    private static Jid prepare(String jid) {
        int slash = jid.indexOf('/');
        int domainEnd = slash < 0 ? jid.length() : slash;
        int at = jid.indexOf('@');
        if (at >= domainEnd) {
            at = -1;
        }
        String localpart = at < 0 ? null : Localpart.enforce(jid.substring(0, at), jid);
        String domain = Domainpart.enforce(jid.substring(at + 1, domainEnd), jid);
        String resource = slash < 0 ? null : Resourcepart.enforce(jid.substring(slash + 1), jid);
        return assemble(localpart, domain, resource);
    }

    /**
     * A domain JID such as a server or a component, {@code domainpart}.
     *
     * <pre>{@code
     * Jid.of("Conference.Example.COM.").toString();   // "conference.example.com"
     * }</pre>
     *
     * @param domain the domainpart, prepared like {@link #parse(String)} prepares it
     * @return the JID
     * @throws InvalidJidException if the domainpart breaks a rule; {@link InvalidJidException#input()} is
     *     {@code domain}
     */
    public static Jid of(String domain) {
        Objects.requireNonNull(domain, "domain");
        return assemble(null, Domainpart.enforce(domain, domain), null);
    }

    /**
     * A bare JID, {@code localpart@domainpart}.
     *
     * <pre>{@code
     * Jid.of("Juliet", "example.com").toString();   // "juliet@example.com"
     * }</pre>
     *
     * @param localpart the localpart, which may not contain {@code " & ' / : < > @} or spaces
     * @param domain the domainpart
     * @return the JID
     * @throws InvalidJidException if a part breaks a rule; {@link InvalidJidException#input()} is the argument
     */
    public static Jid of(String localpart, String domain) {
        Objects.requireNonNull(localpart, "localpart");
        Objects.requireNonNull(domain, "domain");
        return assemble(Localpart.enforce(localpart, localpart), Domainpart.enforce(domain, domain), null);
    }

    /**
     * A full JID, {@code localpart@domainpart/resourcepart}.
     *
     * <pre>{@code
     * Jid.of("juliet", "example.com", "balcony/east").toString();   // "juliet@example.com/balcony/east"
     * }</pre>
     *
     * @param localpart the localpart
     * @param domain the domainpart
     * @param resource the resourcepart, which may contain {@code @}, {@code /} and spaces
     * @return the JID
     * @throws InvalidJidException if a part breaks a rule; {@link InvalidJidException#input()} is the argument
     */
    public static Jid of(String localpart, String domain, String resource) {
        Objects.requireNonNull(localpart, "localpart");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(resource, "resource");
        return assemble(Localpart.enforce(localpart, localpart), Domainpart.enforce(domain, domain),
                Resourcepart.enforce(resource, resource));
    }

    /** Joins prepared parts; {@code localpart} and {@code resource} may be null here, never in the public API. */
    private static Jid assemble(String localpart, String domain, String resource) {
        int length = domain.length() + (localpart == null ? 0 : localpart.length() + 1)
                + (resource == null ? 0 : resource.length() + 1);
        StringBuilder s = new StringBuilder(length);
        int at = -1;
        if (localpart != null) {
            s.append(localpart);
            at = s.length();
            s.append('@');
        }
        s.append(domain);
        int slash = -1;
        if (resource != null) {
            slash = s.length();
            s.append('/').append(resource);
        }
        return new Jid(s.toString(), at, slash);
    }

    /**
     * The localpart, if there is one: the account at a server, the room at a chat service.
     *
     * @return the prepared localpart, or empty for a domain JID
     */
    public Optional<String> localpart() {
        return at < 0 ? Optional.empty() : Optional.of(canonical.substring(0, at));
    }

    /**
     * The domainpart: a domain name of U-labels (lower case, NFC, no trailing dot) or a bracketed IPv6 literal.
     *
     * @return the prepared domainpart, never empty
     */
    public String domain() {
        return canonical.substring(at + 1, slash < 0 ? canonical.length() : slash);
    }

    /**
     * The resourcepart, if there is one: a client's session, a nickname in a room.
     *
     * @return the prepared resourcepart, or empty for a bare JID
     */
    public Optional<String> resourcepart() {
        return slash < 0 ? Optional.empty() : Optional.of(canonical.substring(slash + 1));
    }

    /**
     * Whether this JID has no resourcepart.
     *
     * @return true for {@code localpart@domainpart} and {@code domainpart}
     */
    public boolean isBare() {
        return slash < 0;
    }

    /**
     * This JID without its resourcepart; no part is prepared again.
     *
     * <pre>{@code
     * Jid.parse("juliet@example.com/balcony").bare().toString();   // "juliet@example.com"
     * }</pre>
     *
     * @return the bare JID, {@code this} if it is already bare
     */
    public Jid bare() {
        return slash < 0 ? this : new Jid(canonical.substring(0, slash), at, -1);
    }

    /**
     * This JID's localpart and domainpart with another resourcepart; only {@code resource} is prepared.
     *
     * <pre>{@code
     * Jid.parse("juliet@example.com/balcony").withResource("orchard").toString();   // "juliet@example.com/orchard"
     * }</pre>
     *
     * @param resource the new resourcepart, prepared with OpaqueString
     * @return the full JID
     * @throws InvalidJidException if {@code resource} breaks a rule; {@link InvalidJidException#input()} is
     *     {@code resource}
     */
    public Jid withResource(String resource) {
        Objects.requireNonNull(resource, "resource");
        String prepared = Resourcepart.enforce(resource, resource);
        int bareLength = slash < 0 ? canonical.length() : slash;
        String full = new StringBuilder(bareLength + 1 + prepared.length())
                .append(canonical, 0, bareLength).append('/').append(prepared).toString();
        return new Jid(full, at, bareLength);
    }

    /**
     * Whether {@code other} is a JID with the same canonical form.
     *
     * @param other any object
     * @return true if {@code other} is a {@code Jid} with equal parts
     */
    @Override
    public boolean equals(Object other) {
        return other == this || (other instanceof Jid && ((Jid) other).canonical.equals(canonical));
    }

    /**
     * The hash of the canonical form.
     *
     * @return {@code toString().hashCode()}
     */
    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /**
     * The canonical form, as it goes into a {@code to} or {@code from} attribute; {@link #parse(String)} returns
     * an equal JID for it.
     *
     * @return {@code [localpart@]domainpart[/resourcepart]}
     */
    @Override
    public String toString() {
        return canonical;
    }
}
