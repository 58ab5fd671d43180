/**
 * Sessions as Reactor streams, in both roles: {@link org.xmppreactive.session.XmppClient} logs in,
 * {@link org.xmppreactive.session.XmppServer} accepts, and both give an {@link org.xmppreactive.session.XmppSession}
 * with inbound stanzas as fluxes, sends as monos, IQ correlation and a clean close. A connection runs its
 * negotiation state machine and then its session on the one inbound subscription, with demand reaching the socket.
 */
package org.xmppreactive.session;
