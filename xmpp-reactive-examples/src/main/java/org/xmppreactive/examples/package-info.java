/**
 * Small runnable programs that show the library at work, packaged with everything they need as {@code xmpp-cli.jar}:
 * the command-line client {@link org.xmppreactive.examples.XmppCli}, whose {@code demo} runs two clients against
 * {@code DemoServer}, a small in-process RFC 6121 server built on the receiving role, and
 * {@link org.xmppreactive.examples.DecodeExample}, which decodes and re-encodes an XML stream.
 */
package org.xmppreactive.examples;
