package org.xmppreactive.xml;

/**
 * The limits {@link XmppStreamDecoder} enforces on what a peer sends. Crossing any of them ends the stream with
 * the stream error {@code policy-violation} (RFC 6120 §4.9.3.14), raised as soon as the limit is crossed.
 *
 * <pre>{@code
 * DecoderLimits limits = DecoderLimits.defaults().withMaxElementBytes(64 * 1024);
 * }</pre>
 *
 * @param maxElementBytes bytes one top-level element may span, from its {@code <} to its closing {@code >}.
 *                        The stream header, from its {@code <} to its {@code >}, is held to the same limit, and so
 *                        is the XML declaration before it. Between elements only whitespace is allowed, and it is
 *                        never accumulated. Default 262,144 (256 KiB).
 * @param maxDepth        nesting depth inside a top-level element, the top-level element being depth 1.
 *                        Default 64.
 * @param maxAttributes   attributes plus namespace declarations on one element. Default 64.
 * @param maxNameLength   characters in an element or attribute name, prefix included. Default 256.
 * @param maxDistinctNames distinct names (element and attribute names as written, prefix included) and namespace
 *                        URIs that one top-level element, or the stream header, may bring. The decoder checks each
 *                        name once and keeps it in a table, which is emptied between top-level elements once it
 *                        holds this many; a single element over the limit is a violation. Default 1024.
 */
public record DecoderLimits(int maxElementBytes, int maxDepth, int maxAttributes, int maxNameLength,
        int maxDistinctNames) {

    /** Checks that every limit is positive. */
    public DecoderLimits {
        requirePositive(maxElementBytes, "maxElementBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxAttributes, "maxAttributes");
        requirePositive(maxNameLength, "maxNameLength");
        requirePositive(maxDistinctNames, "maxDistinctNames");
    }

    /** 256 KiB per element, depth 64, 64 attributes, names of up to 256 characters, 1024 distinct names. */
    public static DecoderLimits defaults() {
        return new DecoderLimits(256 * 1024, 64, 64, 256, 1024);
    }

    /** A copy with {@code maxElementBytes} changed. */
    public DecoderLimits withMaxElementBytes(int maxElementBytes) {
        return new DecoderLimits(maxElementBytes, maxDepth, maxAttributes, maxNameLength, maxDistinctNames);
    }

    /** A copy with {@code maxDepth} changed. */
    public DecoderLimits withMaxDepth(int maxDepth) {
        return new DecoderLimits(maxElementBytes, maxDepth, maxAttributes, maxNameLength, maxDistinctNames);
    }

    /** A copy with {@code maxAttributes} changed. */
    public DecoderLimits withMaxAttributes(int maxAttributes) {
        return new DecoderLimits(maxElementBytes, maxDepth, maxAttributes, maxNameLength, maxDistinctNames);
    }

    /** A copy with {@code maxNameLength} changed. */
    public DecoderLimits withMaxNameLength(int maxNameLength) {
        return new DecoderLimits(maxElementBytes, maxDepth, maxAttributes, maxNameLength, maxDistinctNames);
    }

    /** A copy with {@code maxDistinctNames} changed. */
    public DecoderLimits withMaxDistinctNames(int maxDistinctNames) {
        return new DecoderLimits(maxElementBytes, maxDepth, maxAttributes, maxNameLength, maxDistinctNames);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
