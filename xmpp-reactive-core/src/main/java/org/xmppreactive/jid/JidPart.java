package org.xmppreactive.jid;

/**
 * The three parts of a JID (RFC 7622 §3.1): {@code localpart@domainpart/resourcepart}.
 *
 * <p>Used by {@link InvalidJidException#part()} to say which part broke a rule.
 */
public enum JidPart {

    /** The part before the {@code @}, prepared with the PRECIS UsernameCaseMapped profile (RFC 7622 §3.3). */
    LOCALPART("localpart"),

    /** The mandatory domain name or IP literal (RFC 7622 §3.2). */
    DOMAINPART("domainpart"),

    /** The part after the first {@code /}, prepared with the PRECIS OpaqueString profile (RFC 7622 §3.4). */
    RESOURCEPART("resourcepart");

    private final String rfcName;

    JidPart(String rfcName) {
        this.rfcName = rfcName;
    }

    /**
     * The part's name as RFC 7622 spells it.
     *
     * @return {@code "localpart"}, {@code "domainpart"} or {@code "resourcepart"}
     */
    public String rfcName() {
        return rfcName;
    }
}
