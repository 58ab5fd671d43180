package org.xmppreactive.ping;

import java.time.Duration;
import org.xmppreactive.jid.Jid;

/** The server did not answer a keepalive ping in time; the session was ended with {@code connection-timeout}. */
public class PingTimeoutException extends RuntimeException {

    /** {@code server} did not answer within {@code timeout}. */
    public PingTimeoutException(Jid server, Duration timeout) {
        super(server + " did not answer a ping within " + timeout + "; the session was ended");
    }
}
