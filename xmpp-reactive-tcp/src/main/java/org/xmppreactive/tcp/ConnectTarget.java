package org.xmppreactive.tcp;

/**
 * One place to try to reach a domain's XMPP service: a host, a port, and whether TLS starts with the first byte
 * (XEP-0368 direct TLS) or later with STARTTLS.
 *
 * @param host      the host name or IP address to connect to
 * @param port      the TCP port
 * @param directTls whether the connection is TLS from the first byte
 */
record ConnectTarget(String host, int port, boolean directTls) {

    @Override
    public String toString() {
        return host + ":" + port + (directTls ? " (direct TLS)" : " (STARTTLS)");
    }
}
