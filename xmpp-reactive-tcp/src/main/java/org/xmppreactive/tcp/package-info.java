/**
 * The Reactor Netty transport: {@link org.xmppreactive.tcp.TcpClientTransport} finds a domain's server (DNS SRV,
 * RFC 6120 §3.2.1 and XEP-0368), connects and checks its certificate against the XMPP domain, and
 * {@link org.xmppreactive.tcp.TcpServerTransport} accepts connections for the receiving role. Both hand the session
 * a transport whose reads follow the session's demand and that starts TLS in place (STARTTLS) or from the first
 * byte (direct TLS).
 */
package org.xmppreactive.tcp;
