package org.xmppreactive.session;

/** The connection closed while the session was open, without either side closing the stream first. */
public class ConnectionLostException extends RuntimeException {

    /** The connection was lost. */
    public ConnectionLostException() {
        super("the connection closed without a closing </stream:stream>");
    }
}
