package org.xmppreactive.im;

/**
 * Where a {@link Roster} keeps the roster between fetches, and between sessions if the store persists it: the items
 * and the version they belong to (RFC 6121 §2.6). With a stored version, a client that reconnects can ask the
 * server only for what changed.
 *
 * <p>The interface is synchronous on purpose: the roster calls it from the session's reading thread, one call at a
 * time and in the order the server's answers and pushes arrived, so a store needs no ordering logic of its own and
 * every push is stored before it is acknowledged. Calls should therefore be quick (memory, or a local write); a
 * store that writes to something slow should update its in-memory copy at once and write behind.
 *
 * <pre>{@code
 * final class FileRosterStore implements RosterStore {
 *     private RosterSnapshot roster = readFile();
 *     public synchronized RosterSnapshot load() { return roster; }
 *     public synchronized void replace(RosterSnapshot roster) { this.roster = roster; writeFileLater(roster); }
 * }
 * }</pre>
 *
 * @see InMemoryRosterStore
 */
public interface RosterStore {

    /**
     * The stored roster.
     *
     * @return the roster, {@link RosterSnapshot#empty()} if nothing is stored
     */
    RosterSnapshot load();

    /**
     * Replaces the whole stored roster: after a full roster result, and (by default) after each push.
     *
     * @param roster the new roster, with its version
     */
    void replace(RosterSnapshot roster);

    /**
     * Applies one accepted push. The default loads the roster, applies the change with
     * {@link RosterSnapshot#with(RosterChange)} and replaces it; a store that can write one item at a time may do
     * that instead, with the same result: the item put or removed, the version set if the change has one.
     *
     * @param change the change, in the order the server pushed it
     */
    default void apply(RosterChange change) {
        replace(load().with(change));
    }
}
