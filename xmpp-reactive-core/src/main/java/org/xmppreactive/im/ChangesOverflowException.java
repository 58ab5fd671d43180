package org.xmppreactive.im;

/**
 * A subscriber of a {@code changes()} flux ({@link Roster#changes(int)}, {@link PresenceTracker#changes(int)}) fell
 * further behind than it allowed: the changes it had not requested yet filled its buffer. It stops receiving new
 * changes, gets those already buffered as it requests them, and then this error, rather than let its buffer grow
 * without bound or lose changes silently. It can then subscribe again and, after that, take the current
 * {@code snapshot()}: in this order no change falls between the two (a change is applied before it is emitted, so
 * at worst one is seen twice).
 */
public final class ChangesOverflowException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int maxBehind;

    /** The subscriber had {@code maxBehind} changes waiting when one more came. */
    public ChangesOverflowException(int maxBehind) {
        super("the subscriber fell more than " + maxBehind + " changes behind; subscribe again, then take snapshot()");
        this.maxBehind = maxBehind;
    }

    /** How many waiting changes the subscriber allowed. */
    public int maxBehind() {
        return maxBehind;
    }
}
