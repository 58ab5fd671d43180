package org.xmppreactive.stream;

/** Whether the initiating entity negotiates TLS, and what it does when the receiving entity does not offer it. */
public enum TlsPolicy {
    /** STARTTLS must succeed before anything else; a server that does not offer it is refused (the default). */
    REQUIRED,
    /** STARTTLS when offered; otherwise carry on in the clear (credentials then only with a mechanism that allows it). */
    IF_OFFERED,
    /** Never STARTTLS, e.g. on a connection that is already direct TLS, or in tests. */
    DISABLED
}
