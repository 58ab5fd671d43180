package org.xmppreactive.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The GS2 header that starts SCRAM's client-first message (RFC 5802 §7, RFC 5801 §4): the channel binding flag
 * and the optional authorization identity. Its text also goes, base64-encoded with the binding data, into the
 * {@code c=} attribute of the client-final message, which is how the receiving entity sees if it was tampered with.
 *
 * <pre>{@code
 * new Gs2Header('n', Optional.empty(), Optional.empty()).text();                          // "n,,"
 * new Gs2Header('y', Optional.empty(), Optional.of("juliet@example.com")).text();         // "y,a=juliet@example.com,"
 * new Gs2Header('p', Optional.of("tls-exporter"), Optional.empty()).text();               // "p=tls-exporter,,"
 * }</pre>
 *
 * @param flag               {@code n}: the client does not support channel binding; {@code y}: it does, but thinks
 *                           the server does not; {@code p}: it binds, with {@code channelBindingType}
 * @param channelBindingType the {@code cb-name}, present exactly when {@code flag} is {@code p}
 * @param authzid            the authorization identity, unescaped
 */
record Gs2Header(char flag, Optional<String> channelBindingType, Optional<String> authzid) {

    /** Checks that the flag is one of the three and the binding type is there exactly with {@code p}. */
    Gs2Header {
        Objects.requireNonNull(channelBindingType, "channelBindingType");
        Objects.requireNonNull(authzid, "authzid");
        if (flag != 'n' && flag != 'y' && flag != 'p') {
            throw new IllegalArgumentException("the GS2 flag is n, y or p: " + flag);
        }
        if ((flag == 'p') != channelBindingType.isPresent()) {
            throw new IllegalArgumentException("a channel binding type goes with the flag p, and only with it");
        }
    }

    /** The header as it is sent, ending with its second {@code ,}. */
    String text() {
        String cbind = flag == 'p' ? "p=" + channelBindingType.get() : String.valueOf(flag);
        return cbind + "," + authzid.map(a -> "a=" + SaslName.escape(a)).orElse("") + ",";
    }

    /**
     * What the client-final message's {@code c=} attribute encodes: this header followed by the channel binding
     * data (RFC 5802 §5.1).
     *
     * @param channelBindingData the binding data for a {@code p} header, empty otherwise
     */
    byte[] channelBindingInput(byte[] channelBindingData) {
        byte[] header = text().getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(header, header.length + channelBindingData.length);
        System.arraycopy(channelBindingData, 0, input, header.length, channelBindingData.length);
        return input;
    }

    /**
     * The value of the client-final message's {@code c=} attribute: {@link #channelBindingInput} in base64,
     * {@code biws} for {@code n,,} and {@code eSws} for {@code y,,}.
     */
    String channelBindingAttribute(byte[] channelBindingData) {
        return Base64.getEncoder().encodeToString(channelBindingInput(channelBindingData));
    }

    /**
     * Reads the header at the start of a client-first message. The rest of the message, the client-first-message-bare,
     * starts at {@code text().length()}: the parse accepts only the one spelling {@link #text()} writes.
     *
     * @throws SaslException with {@link SaslFailureCondition#MALFORMED_REQUEST} if the message does not start with
     *     a valid header (RFC 5802 §7: {@code gs2-cbind-flag "," [authzid] ","}; the non-standard {@code F,} prefix
     *     of RFC 5801 is not part of SCRAM)
     */
    static Gs2Header parse(String clientFirst) {
        int first = clientFirst.indexOf(',');
        int second = first < 0 ? -1 : clientFirst.indexOf(',', first + 1);
        if (second < 0) {
            throw malformed("the client-first message does not start with a GS2 header");
        }
        String cbind = clientFirst.substring(0, first);
        char flag;
        Optional<String> type = Optional.empty();
        if (cbind.equals("n") || cbind.equals("y")) {
            flag = cbind.charAt(0);
        } else if (cbind.startsWith("p=") && isChannelBindingName(cbind.substring(2))) {
            flag = 'p';
            type = Optional.of(cbind.substring(2));
        } else {
            throw malformed("the GS2 channel binding flag is not n, y or p=<cb-name>");
        }
        String authzid = clientFirst.substring(first + 1, second);
        if (!authzid.isEmpty() && !authzid.startsWith("a=")) {
            throw malformed("the GS2 header's second field is not an authzid 'a=...'");
        }
        return new Gs2Header(flag, type,
                authzid.isEmpty() ? Optional.empty() : Optional.of(SaslName.unescape(authzid.substring(2), "authzid")));
    }

    /** RFC 5056 §7: {@code cb-name = 1*(ALPHA / DIGIT / "." / "-")}. */
    private static boolean isChannelBindingName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static SaslException malformed(String why) {
        return new SaslException(SaslFailureCondition.MALFORMED_REQUEST, why);
    }
}
