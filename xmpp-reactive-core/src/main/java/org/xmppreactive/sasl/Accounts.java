package org.xmppreactive.sasl;

import java.util.Optional;
import org.xmppreactive.jid.InvalidJidException;
import org.xmppreactive.jid.Jid;

/**
 * Account names as the receiving entity meets them in SASL: a username is the localpart of the account's JID
 * (RFC 6120 §6.3.6), prepared by the localpart rules (RFC 7622 §3.3, PRECIS UsernameCaseMapped), and an
 * authorization identity is accepted only when it is the authenticated account's own bare JID.
 */
final class Accounts {

    /** A domain that is always valid, for checking a localpart on its own. */
    private static final String ANY_DOMAIN = "localhost";

    private Accounts() {
    }

    /**
     * The canonical localpart for {@code username} as the initiating entity sent it, or empty if no JID can have
     * it: such an account cannot exist.
     */
    static Optional<String> localpart(String username) {
        try {
            return Jid.of(username, ANY_DOMAIN).localpart();
        } catch (InvalidJidException e) {
            return Optional.empty();
        }
    }

    /**
     * The canonical localpart for {@code username}, for a store adding an account.
     *
     * @throws IllegalArgumentException if no JID can have it
     */
    static String requireLocalpart(String username) {
        return Jid.of(username, ANY_DOMAIN).localpart().orElseThrow();
    }

    /**
     * Whether {@code authzid} is absent, empty, or the bare JID {@code localpart@domain}: an account may act only as
     * itself (RFC 6120 §6.3.8), since this library has no delegation.
     */
    static boolean mayActAs(Optional<String> authzid, String localpart, String domain) {
        if (authzid.isEmpty() || authzid.get().isEmpty()) {
            return true;
        }
        try {
            return Jid.parse(authzid.get()).equals(Jid.of(localpart, domain));
        } catch (InvalidJidException e) {
            return false;
        }
    }
}
