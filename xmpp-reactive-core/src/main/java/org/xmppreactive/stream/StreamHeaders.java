package org.xmppreactive.stream;

import java.util.List;
import java.util.Optional;
import org.xmppreactive.xml.StreamEvent;

/** Checks on a peer's stream header shared by both roles (RFC 6120 §4.8, §4.9.3.10). */
final class StreamHeaders {

    private StreamHeaders() {
    }

    /**
     * The failure to act on if the header is not {@code <stream>} in the streams namespace with
     * {@code contentNamespace} as its default namespace; empty if it is right.
     */
    static Optional<List<StreamAction>> checkRoot(StreamEvent.Opened opened, String contentNamespace) {
        if (!opened.header().is(StreamEvent.STREAM_NAMESPACE, "stream")) {
            return Optional.of(invalidNamespace("the stream root is {" + opened.header().namespace() + "}"
                    + opened.header().localName() + ", not {" + StreamEvent.STREAM_NAMESPACE + "}stream"));
        }
        Optional<String> content = opened.contentNamespace();
        if (!content.equals(Optional.of(contentNamespace))) {
            return Optional.of(invalidNamespace("the stream's content namespace is "
                    + content.orElse("(none)") + ", not " + contentNamespace));
        }
        return Optional.empty();
    }

    private static List<StreamAction> invalidNamespace(String message) {
        return List.of(StreamAction.Fail.withStreamError(
                new StreamErrorException(StreamErrorCondition.INVALID_NAMESPACE, message)));
    }
}
