package org.xmppreactive.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xmppreactive.xml.DecoderLimits;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;
import reactor.core.publisher.Flux;

/**
 * Decodes a short client stream, as a server would receive it, and writes its message back out.
 *
 * <p>The stream (after RFC 6120 §9.1) arrives in chunks of {@value #CHUNK_SIZE} bytes, so tags and multi-byte
 * UTF-8 characters are cut in the middle, as a socket may cut them. The decoder is run as a Reactor operator
 * with the default limits; each event it emits is printed on one line. The message is then encoded again with
 * {@link XmppStreamEncoder} and printed as XML.
 *
 * <pre>
 * java -jar xmpp-reactive-examples/target/xmpp-cli.jar
 * </pre>
 */
public final class DecodeExample {

    /** Bytes per chunk: small enough to split tags and characters. */
    static final int CHUNK_SIZE = 16;

    /** What juliet's client sends: the stream header, a message, a presence, and the stream's end. */
    static final String CLIENT_STREAM = """
            <?xml version='1.0'?>\
            <stream:stream from='juliet@example.com' to='example.com' version='1.0' xml:lang='en' \
            xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>\
            <message from='juliet@example.com/balcony' to='romeo@example.net' type='chat' id='ktx72v49'>\
            <body>Art thou not Romeo, and a Montague? — ¿No eres Romeo? 🌹 &lt;3</body>\
            </message>\
            <presence><show>away</show></presence>\
            </stream:stream>""";

    private DecodeExample() {
    }

    /** Runs the example; it takes no arguments. */
    public static void main(String[] args) {
        // Java 17 writes System.out in the platform charset, which may not be UTF-8; the example's text is.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

        List<ByteBuffer> chunks = chunks(CLIENT_STREAM.getBytes(StandardCharsets.UTF_8), CHUNK_SIZE);
        out.println("decoding " + chunks.size() + " chunks of up to " + CHUNK_SIZE + " bytes");

        List<StreamEvent> events = XmppStreamDecoder.decode(Flux.fromIterable(chunks), DecoderLimits.defaults())
                .doOnNext(event -> out.println(describe(event)))
                .collectList()
                .block();

        XmlElement message = firstMessage(events);
        ByteBuffer encoded = new XmppStreamEncoder("jabber:client").encode(message);
        out.println("re-encoded message:");
        out.println(StandardCharsets.UTF_8.decode(encoded));
    }

    /** The first {@code <message/>} among the events. */
    static XmlElement firstMessage(List<StreamEvent> events) {
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.Element e && e.element().is("jabber:client", "message")) {
                return e.element();
            }
        }
        throw new IllegalStateException("the stream held no message");
    }

    /** One line per event. */
    static String describe(StreamEvent event) {
        if (event instanceof StreamEvent.Opened opened) {
            XmlElement header = opened.header();
            return "opened stream from " + header.attribute("from").orElse("(no from)")
                    + " to " + header.attribute("to").orElse("(no to)")
                    + ", version " + header.attribute("version").orElse("(none)")
                    + ", content namespace " + opened.contentNamespace().orElse("(none)");
        }
        if (event instanceof StreamEvent.Element e) {
            XmlElement element = e.element();
            StringBuilder line = new StringBuilder("element {").append(element.namespace()).append('}')
                    .append(element.localName());
            element.attribute("from").ifPresent(from -> line.append(" from ").append(from));
            element.child(element.namespace(), "body").ifPresent(body -> line.append(": ").append(body.text()));
            element.child(element.namespace(), "show").ifPresent(show -> line.append(": show ").append(show.text()));
            return line.toString();
        }
        return "closed";
    }

    /** {@code bytes} cut into chunks of {@code size}, each in its own buffer, as reads from a socket. */
    static List<ByteBuffer> chunks(byte[] bytes, int size) {
        List<ByteBuffer> chunks = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += size) {
            int length = Math.min(size, bytes.length - from);
            chunks.add(ByteBuffer.wrap(bytes, from, length).slice());
        }
        return chunks;
    }
}
