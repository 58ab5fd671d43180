/**
 * XMPP addresses: {@link org.xmppreactive.jid.Jid} parses, prepares and compares JIDs as RFC 7622 defines them,
 * with PRECIS (RFC 8264, 8265, 8266) for localparts and resourceparts and UTS #46 / IDNA2008 for domainparts.
 *
 * <p>An address that breaks a rule is rejected with an {@link org.xmppreactive.jid.InvalidJidException} naming the
 * {@link org.xmppreactive.jid.JidPart} at fault and the rule; a {@code Jid} that exists is always valid and
 * already in canonical form.
 */
package org.xmppreactive.jid;
