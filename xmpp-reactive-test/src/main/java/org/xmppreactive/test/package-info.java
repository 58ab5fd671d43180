/**
 * A test kit for applications built on xmpp-reactive, and for the project's own tests: an in-memory transport,
 * a scripted peer that reads as "expect this, reply that", and a mock server, so that whole client/server
 * conversations run without sockets and under virtual time. It will also hold stanza assertions and
 * {@code StepVerifier} helpers whose failures show what was expected, what came, and the last bytes on the wire.
 */
package org.xmppreactive.test;
