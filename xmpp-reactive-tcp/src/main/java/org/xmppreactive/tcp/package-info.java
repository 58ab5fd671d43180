/**
 * The Reactor Netty transport: an implementation of the core's transport SPI over TCP, for the client side and
 * the server side of a connection. It will hold STARTTLS (upgrading the live pipeline in place), direct TLS
 * (XEP-0368) and the DNS SRV lookup that finds a domain's XMPP service (RFC 6120 §3.2).
 */
package org.xmppreactive.tcp;
