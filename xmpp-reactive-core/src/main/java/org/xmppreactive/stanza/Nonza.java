package org.xmppreactive.stanza;

/**
 * A top-level element that is not a stanza: stream features, a stream error, STARTTLS and SASL negotiation
 * elements, and later stream management. The interface is open (non-sealed) so that each concept's package
 * defines its own nonzas; an element no package claims is an {@link UnknownNonza}.
 */
public non-sealed interface Nonza extends StreamElement {
}
