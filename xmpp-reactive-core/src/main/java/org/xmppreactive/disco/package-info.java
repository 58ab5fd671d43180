/**
 * Service discovery (XEP-0030) and entity capabilities (XEP-0115) over an {@link org.xmppreactive.session.XmppSession}:
 * answering disco#info, asking others, and the capabilities hash that lets a peer skip asking.
 */
package org.xmppreactive.disco;
