package org.xmppreactive.transport;

/** Which side of the TLS handshake this end of the connection takes. */
public enum TlsRole {
    /** The initiating entity: sends the ClientHello and checks the peer's certificate against the XMPP domain. */
    CLIENT,
    /** The receiving entity: presents its certificate. */
    SERVER
}
