package org.xmppreactive.stream;

import java.util.List;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.transport.TlsInfo;
import org.xmppreactive.transport.TlsRole;
import org.xmppreactive.xml.StreamEvent;

/**
 * Stream negotiation in one role, as the connection drives it: each method takes what happened and returns the
 * {@link StreamAction}s to run, in order. Implemented by {@link ClientNegotiation} and {@link ServerNegotiation}.
 */
public interface Negotiation {

    /** The actions to run before anything is read (the initiating entity opens its stream). */
    List<StreamAction> start();

    /** The peer opened a stream. */
    List<StreamAction> opened(StreamEvent.Opened opened);

    /** The peer sent a top-level element. */
    List<StreamAction> element(StreamElement element);

    /** The TLS handshake asked for with {@link StreamAction.StartTls} completed. */
    List<StreamAction> tlsEstablished(TlsInfo info);

    /** The peer closed its stream. */
    List<StreamAction> closed();

    /** The stream's content namespace, e.g. {@code jabber:client}. */
    String contentNamespace();

    /** The TLS role this side takes in STARTTLS. */
    TlsRole tlsRole();
}
