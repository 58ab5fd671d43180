package org.xmppreactive.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for the text inside SASL data: SCRAM, PLAIN and ANONYMOUS messages are UTF-8 (RFC 5802 §5.1,
 * RFC 4616 §2, RFC 4505 §3), and a malformed sequence is a malformed request, not a replacement character.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The text {@code data} encodes.
     *
     * @param what what the data is, for the message
     * @throws SaslException with {@link SaslFailureCondition#MALFORMED_REQUEST} if it is not valid UTF-8
     */
    static String decode(SaslData data, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data.bytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SaslException(SaslFailureCondition.MALFORMED_REQUEST, "the " + what + " is not valid UTF-8");
        }
    }
}
