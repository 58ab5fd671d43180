package org.xmppreactive.jid;

import java.util.Objects;

/**
 * A string is not a valid JID: one of its parts breaks a rule of RFC 7622 or of the PRECIS or IDNA rules it
 * refers to.
 *
 * <p>The message names the part and the rule, for example
 * {@code Invalid JID "\"juliet\"@example.com": the localpart contains the forbidden character '"' (U+0022),
 * RFC 7622 §3.3.1}. In a stanza received from a peer this is the RFC 6120 {@code jid-malformed} condition.
 *
 * <pre>{@code
 * try {
 *     Jid.parse("juliet@");
 * } catch (InvalidJidException e) {
 *     assert e.part() == JidPart.DOMAINPART;
 * }
 * }</pre>
 */
public final class InvalidJidException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Inputs longer than this are shortened in the message (never in {@link #input()}). */
    private static final int MAX_QUOTED = 120;

    /** The part that broke a rule. */
    private final JidPart part;
    /** The rejected string. */
    private final String input;
    /** The rule broken, as in the message. */
    private final String reason;

    InvalidJidException(JidPart part, String input, String reason, Throwable cause) {
        super(message(part, input, reason), cause);
        this.part = Objects.requireNonNull(part, "part");
        this.input = Objects.requireNonNull(input, "input");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    InvalidJidException(JidPart part, String input, String reason) {
        this(part, input, reason, null);
    }

    private static String message(JidPart part, String input, String reason) {
        String quoted = input.length() <= MAX_QUOTED
                ? input
                : input.substring(0, MAX_QUOTED) + "…(" + input.length() + " chars)";
        return "Invalid JID \"" + quoted + "\": the " + part.rfcName() + " " + reason;
    }

    /**
     * Which part of the JID broke a rule.
     *
     * @return the offending part
     */
    public JidPart part() {
        return part;
    }

    /**
     * The string that was rejected: the whole address for {@link Jid#parse(String)}, the offending argument for
     * {@link Jid#of(String, String, String)} and {@link Jid#withResource(String)}.
     *
     * @return the rejected input, unshortened
     */
    public String input() {
        return input;
    }

    /**
     * The rule that was broken, without the part's name, for example
     * {@code "is empty (RFC 7622 §3.3)"}.
     *
     * @return the reason, as it appears at the end of the message
     */
    public String reason() {
        return reason;
    }
}
