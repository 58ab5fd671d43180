package org.xmppreactive.stream;

import java.util.Objects;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.xml.StreamEvent;
import reactor.core.publisher.Flux;

/**
 * The typing step of the inbound operator chain: stream events from {@code XmppStreamDecoder.decode} in, one
 * {@link StreamElement} per top-level element out, each typed once with the content namespace of the stream
 * header it arrived under. The stream header itself is absorbed; the stream's end completes the flux.
 *
 * <pre>{@code
 * Flux<StreamElement> inbound = TypedElements.of(XmppStreamDecoder.decode(bytes, DecoderLimits.defaults()));
 * inbound.ofType(Message.class).subscribe(m -> log.info("{}: {}", m.from(), m.body()));
 * }</pre>
 *
 * Demand passes through: an absorbed header is made up for by requesting one more event, never more.
 */
public final class TypedElements {

    private TypedElements() {
    }

    /** Types the elements of {@code events}, as described above. */
    public static Flux<StreamElement> of(Flux<StreamEvent> events) {
        Objects.requireNonNull(events, "events");
        return Flux.defer(() -> {
            ContentNamespace current = new ContentNamespace();
            return events.handle((event, sink) -> {
                if (event instanceof StreamEvent.Element element) {
                    sink.next(StreamElements.decode(element.element(), current.value));
                } else if (event instanceof StreamEvent.Opened opened) {
                    current.value = opened.contentNamespace().orElse("");
                } else {
                    sink.complete();
                }
            });
        });
    }

    // The content namespace of the stream generation now being read; one per subscription.
    private static final class ContentNamespace {
        String value = "";
    }
}
