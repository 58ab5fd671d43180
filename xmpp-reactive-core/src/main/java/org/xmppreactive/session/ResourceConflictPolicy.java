package org.xmppreactive.session;

/** What the receiving entity does when a client binds a resource another session of the account holds (RFC 6120 §7.7.2.2). */
public enum ResourceConflictPolicy {
    /** The old session ends with the stream error {@code conflict}; the new one gets the resource (what Prosody and ejabberd do). */
    REPLACE_OLD,
    /** The new request is refused with the stanza error {@code conflict}. */
    REFUSE_NEW,
    /** The new session gets a resource of the server's choosing instead. */
    ASSIGN_NEW
}
