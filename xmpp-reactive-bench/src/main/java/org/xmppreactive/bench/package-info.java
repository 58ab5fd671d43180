/**
 * JMH benchmarks, not part of the library: {@link org.xmppreactive.bench.ParseBenchmark} measures how fast
 * {@link org.xmppreactive.xml.XmppStreamDecoder} turns a realistic XMPP client stream
 * ({@link org.xmppreactive.bench.Corpus}) into elements, against bare Aalto (the floor) and Smack 4.4.8 (the
 * incumbent). Build with {@code mvn -pl xmpp-reactive-bench -am package -DskipTests} and run
 * {@code java -jar xmpp-reactive-bench/target/benchmarks.jar}; results are in {@code docs/benchmarks.md}.
 */
package org.xmppreactive.bench;
