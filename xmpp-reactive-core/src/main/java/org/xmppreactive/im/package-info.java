/**
 * Instant messaging and presence (RFC 6121) on top of an {@link org.xmppreactive.session.XmppSession}: the roster
 * with versioning and safe roster pushes ({@link org.xmppreactive.im.Roster}), our own presence
 * ({@link org.xmppreactive.im.Availability}), subscriptions ({@link org.xmppreactive.im.Subscriptions}), the
 * presence of contacts ({@link org.xmppreactive.im.PresenceTracker}), one-to-one chats
 * ({@link org.xmppreactive.im.Chat}) and ordered per-contact message handling
 * ({@link org.xmppreactive.im.Conversations}). Everything here uses only the session's public API, so it works the
 * same over any transport.
 */
package org.xmppreactive.im;
