package org.xmppreactive.sasl;

/**
 * SCRAM's {@code saslname} (RFC 5802 §5.1, §7): a username or authorization identity with {@code =} written as
 * {@code =3D} and {@code ,} as {@code =2C}, so that it cannot break the comma-separated message.
 *
 * <pre>{@code
 * SaslName.escape("a=b,c");          // "a=3Db=2Cc"
 * SaslName.unescape("a=3Db=2Cc");    // "a=b,c"
 * SaslName.unescape("a=b");          // throws SaslException (malformed-request)
 * }</pre>
 */
final class SaslName {

    private SaslName() {
    }

    /** {@code name} with every {@code =} and {@code ,} escaped. */
    static String escape(String name) {
        if (name.indexOf('=') < 0 && name.indexOf(',') < 0) {
            return name;
        }
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '=') {
                escaped.append("=3D");
            } else if (c == ',') {
                escaped.append("=2C");
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * The name a {@code saslname} stands for.
     *
     * @param what what the name is, for the message: {@code "username"} or {@code "authzid"}
     * @throws SaslException with {@link SaslFailureCondition#MALFORMED_REQUEST} if it is empty, contains a
     *     {@code ,}, or an {@code =} that does not start {@code =2C} or {@code =3D} (RFC 5802 §5.1: the receiving
     *     entity MUST fail such a name)
     */
    static String unescape(String saslname, String what) {
        if (saslname.isEmpty()) {
            throw malformed("the " + what + " is empty");
        }
        if (saslname.indexOf('=') < 0) {
            if (saslname.indexOf(',') >= 0) {
                throw malformed("the " + what + " contains an unescaped ','");
            }
            return saslname;
        }
        StringBuilder name = new StringBuilder(saslname.length());
        for (int i = 0; i < saslname.length(); i++) {
            char c = saslname.charAt(i);
            if (c == ',') {
                throw malformed("the " + what + " contains an unescaped ','");
            }
            if (c != '=') {
                name.append(c);
            } else if (saslname.startsWith("=2C", i)) {
                name.append(',');
                i += 2;
            } else if (saslname.startsWith("=3D", i)) {
                name.append('=');
                i += 2;
            } else {
                throw malformed("the " + what + " contains '=' at index " + i
                        + " not followed by 2C or 3D (RFC 5802 §5.1)");
            }
        }
        return name.toString();
    }

    private static SaslException malformed(String why) {
        return new SaslException(SaslFailureCondition.MALFORMED_REQUEST, why);
    }
}
