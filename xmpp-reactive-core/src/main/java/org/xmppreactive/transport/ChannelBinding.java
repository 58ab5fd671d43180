package org.xmppreactive.transport;

import java.util.Arrays;
import java.util.Objects;

/**
 * Channel binding data of one TLS connection (RFC 5056), as SCRAM's {@code -PLUS} mechanisms put it in their
 * {@code c=} attribute: the type name and its bytes.
 *
 * @param type the channel binding type, {@link #TLS_SERVER_END_POINT} or {@link #TLS_EXPORTER}
 * @param data the binding data; copied in and out
 */
public record ChannelBinding(String type, byte[] data) {

    /** RFC 5929 §4: a hash of the server's certificate. Works on every JDK and every TLS version. */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";

    /** RFC 9266: 32 bytes of TLS exporter output, label {@code EXPORTER-Channel-Binding}, empty context. */
    public static final String TLS_EXPORTER = "tls-exporter";

    /** Copies the data. */
    public ChannelBinding {
        Objects.requireNonNull(type, "type");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelBinding that && type.equals(that.type) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ChannelBinding[" + type + ", " + data.length + " bytes]";
    }
}
