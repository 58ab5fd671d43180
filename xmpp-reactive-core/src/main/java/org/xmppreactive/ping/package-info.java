/**
 * XMPP Ping (XEP-0199) over an {@link org.xmppreactive.session.XmppSession}: answering pings, pinging, and a
 * keepalive that ends a session whose peer stopped answering.
 */
package org.xmppreactive.ping;
