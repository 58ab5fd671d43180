package org.xmppreactive.im;

import java.util.Objects;

/**
 * A {@link RosterStore} in memory: the roster lives as long as this object, so versioning helps only if the same
 * store is handed to the roster of the next session. Thread-safe.
 *
 * <pre>{@code
 * RosterStore store = new InMemoryRosterStore();     // keep it across reconnections
 * Roster roster = Roster.of(session, store);
 * }</pre>
 */
public final class InMemoryRosterStore implements RosterStore {

    private RosterSnapshot roster;

    /** An empty store: no items, no version. */
    public InMemoryRosterStore() {
        this(RosterSnapshot.empty());
    }

    /**
     * A store that starts with {@code roster}, as if it had been stored before.
     *
     * @param roster the initial roster
     */
    public InMemoryRosterStore(RosterSnapshot roster) {
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    @Override
    public synchronized RosterSnapshot load() {
        return roster;
    }

    @Override
    public synchronized void replace(RosterSnapshot roster) {
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    @Override
    public synchronized void apply(RosterChange change) {
        roster = roster.with(change);
    }
}
