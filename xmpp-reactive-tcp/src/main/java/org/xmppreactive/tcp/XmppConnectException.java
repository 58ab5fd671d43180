package org.xmppreactive.tcp;

import java.io.IOException;
import java.util.List;

/**
 * No connection to a domain's XMPP service could be opened: every place tried failed (refused, timed out, the
 * direct TLS handshake failed), or the domain's SRV records say it has no such service. The message lists each
 * attempt and why it failed; the {@linkplain #getCause() cause} is the first attempt's error and the others are
 * {@linkplain #getSuppressed() suppressed}.
 */
public final class XmppConnectException extends IOException {

    private final String domain;

    XmppConnectException(String domain, String message) {
        super(message);
        this.domain = domain;
    }

    XmppConnectException(String domain, List<String> attempts, List<Throwable> errors) {
        super("cannot connect to the XMPP service of " + domain + ": " + String.join("; ", attempts),
                errors.isEmpty() ? null : errors.get(0));
        this.domain = domain;
        errors.stream().skip(1).forEach(this::addSuppressed);
    }

    /** The XMPP domain that could not be reached. */
    public String domain() {
        return domain;
    }
}
