/**
 * SASL authentication (RFC 6120 §6): the negotiation elements ({@code <mechanisms/>}, {@code <auth/>},
 * {@code <challenge/>}, {@code <response/>}, {@code <success/>}, {@code <failure/>}, {@code <abort/>}) as immutable
 * values that read and write themselves, and the mechanisms in both roles: SCRAM with and without channel binding
 * ({@link org.xmppreactive.sasl.ScramMechanism}), PLAIN, EXTERNAL and ANONYMOUS, chosen through
 * {@link org.xmppreactive.sasl.StandardMechanisms} and checked against a {@link org.xmppreactive.sasl.CredentialStore}
 * that holds SCRAM keys, never passwords.
 */
package org.xmppreactive.sasl;
