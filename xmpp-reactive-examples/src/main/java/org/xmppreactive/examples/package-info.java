/**
 * Small runnable programs that show the library at work; they are packaged, with everything they need, as
 * {@code xmpp-cli.jar}, the README's demo. Today that is {@link org.xmppreactive.examples.DecodeExample}, which
 * decodes and re-encodes an XML stream; the command-line client and a Spring WebFlux gateway sample follow.
 */
package org.xmppreactive.examples;
