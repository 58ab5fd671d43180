/**
 * SASL authentication (RFC 6120 §6): for now the negotiation elements ({@code <mechanisms/>}, {@code <auth/>},
 * {@code <challenge/>}, {@code <response/>}, {@code <success/>}, {@code <failure/>}, {@code <abort/>}) as
 * immutable values that read and write themselves. The mechanisms themselves (SCRAM, PLAIN, ...) join them here
 * when negotiation lands.
 */
package org.xmppreactive.sasl;
