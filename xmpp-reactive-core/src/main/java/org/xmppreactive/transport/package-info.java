/**
 * The transport SPI: what a session needs from whoever owns the connection (bytes in with demand, bytes out,
 * TLS in place, close). The core does no I/O of its own; {@code xmpp-reactive-tcp} and the in-memory transport of
 * {@code xmpp-reactive-test} implement this.
 */
package org.xmppreactive.transport;
