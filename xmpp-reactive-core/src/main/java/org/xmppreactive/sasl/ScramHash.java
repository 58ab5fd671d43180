package org.xmppreactive.sasl;

/** The hash functions SCRAM runs with (RFC 5802, RFC 7677, and SHA-512 as registered by IANA). */
public enum ScramHash {
    /** SCRAM-SHA-1 (RFC 5802), mandatory to implement in XMPP (RFC 6120 §13.8.3). */
    SHA_1("SHA-1", "HmacSHA1", 20),
    /** SCRAM-SHA-256 (RFC 7677). */
    SHA_256("SHA-256", "HmacSHA256", 32),
    /** SCRAM-SHA-512. */
    SHA_512("SHA-512", "HmacSHA512", 64);

    private final String digestName;
    private final String macName;
    private final int length;

    ScramHash(String digestName, String macName, int length) {
        this.digestName = digestName;
        this.macName = macName;
        this.length = length;
    }

    /** The JCA digest name, e.g. {@code SHA-256}; also what the mechanism name carries after {@code SCRAM-}. */
    public String digestName() {
        return digestName;
    }

    /** The JCA MAC name, e.g. {@code HmacSHA256}. */
    public String macName() {
        return macName;
    }

    /** The output length in bytes. */
    public int length() {
        return length;
    }
}
