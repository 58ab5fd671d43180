package org.xmppreactive.stream;

import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.sasl.MalformedSaslException;
import org.xmppreactive.sasl.SaslAbort;
import org.xmppreactive.sasl.SaslAuth;
import org.xmppreactive.sasl.SaslChallenge;
import org.xmppreactive.sasl.SaslFailure;
import org.xmppreactive.sasl.SaslMechanisms;
import org.xmppreactive.sasl.SaslResponse;
import org.xmppreactive.sasl.SaslSuccess;
import org.xmppreactive.stanza.Stanzas;
import org.xmppreactive.stanza.StreamElement;
import org.xmppreactive.stanza.UnknownNonza;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;

/**
 * Types a top-level element once, as it arrives: the one place where an {@link XmlElement} from the decoder
 * becomes a {@link StreamElement}.
 *
 * <pre>{@code
 * StreamElement typed = StreamElements.decode(event.element(), opened.contentNamespace().orElse("jabber:client"));
 * }</pre>
 */
public final class StreamElements {

    private StreamElements() {
    }

    /**
     * Types {@code element}, a top-level element of a stream whose default namespace is {@code contentNamespace}:
     * a stanza (or an invalid one, with the stanza error the RFC names), {@link StreamFeatures}, a
     * {@link StreamError}, a STARTTLS element ({@link StartTls}, {@link Proceed}, {@link TlsFailure}), a SASL
     * element ({@link SaslAuth}, {@link SaslChallenge}, {@link SaslResponse}, {@link SaslSuccess},
     * {@link SaslFailure}, {@link SaslAbort}), or an {@link UnknownNonza}. Never throws for anything a peer can send.
     *
     * <p>A SASL element that cannot be read (data that is not base64, an {@code <auth/>} without a valid mechanism)
     * comes as an {@link UnknownNonza} in the SASL namespace. The negotiation layer treats any such element during
     * SASL as malformed; reading it again with the element's {@code fromXml} gives the {@link MalformedSaslException}
     * whose {@code condition()} ({@code incorrect-encoding}, {@code invalid-mechanism}) is the {@link SaslFailure}
     * to answer with, and {@code malformed-request} suits the rest.
     */
    public static StreamElement decode(XmlElement element, String contentNamespace) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(contentNamespace, "contentNamespace");
        Optional<StreamElement> stanza = Stanzas.decode(element, contentNamespace);
        return stanza.isPresent() ? stanza.get() : nonza(element);
    }

    private static StreamElement nonza(XmlElement element) {
        if (element.is(StreamEvent.STREAM_NAMESPACE, "features")) {
            return StreamFeatures.fromXml(element);
        }
        if (element.is(StreamEvent.STREAM_NAMESPACE, "error")) {
            return StreamError.fromXml(element);
        }
        if (element.namespace().equals(StartTls.NAMESPACE)) {
            return tls(element);
        }
        if (element.namespace().equals(SaslMechanisms.NAMESPACE)) {
            try {
                return sasl(element);
            } catch (MalformedSaslException malformed) {
                return new UnknownNonza(element);
            }
        }
        return new UnknownNonza(element);
    }

    private static StreamElement tls(XmlElement element) {
        return switch (element.localName()) {
            case "starttls" -> StartTls.fromXml(element);
            case "proceed" -> Proceed.fromXml(element);
            case "failure" -> TlsFailure.fromXml(element);
            default -> new UnknownNonza(element);
        };
    }

    // <mechanisms/> is a feature inside <stream:features/>, never a top-level element, so it stays unknown here.
    private static StreamElement sasl(XmlElement element) {
        return switch (element.localName()) {
            case "auth" -> SaslAuth.fromXml(element);
            case "challenge" -> SaslChallenge.fromXml(element);
            case "response" -> SaslResponse.fromXml(element);
            case "success" -> SaslSuccess.fromXml(element);
            case "failure" -> SaslFailure.fromXml(element);
            case "abort" -> SaslAbort.fromXml(element);
            default -> new UnknownNonza(element);
        };
    }
}
