/**
 * Payloads, the extension elements inside stanzas, as typed Java values: a {@link org.xmppreactive.payload.PayloadCodec}
 * maps one (namespace, element name) to one Java type and back, and a {@link org.xmppreactive.payload.PayloadRegistry}
 * instance holds the codecs a session knows. The core payloads have hand-written codecs ({@link
 * org.xmppreactive.payload.Ping}, {@link org.xmppreactive.payload.DiscoInfo}), and users bind their own POJOs with
 * {@link org.xmppreactive.payload.JacksonPayloadCodec}.
 */
package org.xmppreactive.payload;
