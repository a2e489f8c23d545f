package dev.sluice.generate;

import java.util.Arrays;

/**
 * What stays fixed while one session (or one fraud episode) emits its events: the owner, the owner's card/device/
 * session ids picked for this visit, values that do not change within a visit (country, device class) and the last
 * product or merchant seen (so a cart add is usually for a product that was just viewed).
 */
final class SessionContext {

    static final Object UNSET = new Object() {
        @Override
        public String toString() {
            return "UNSET";
        }
    };

    final long serial;
    /** Owner index, or -1 when the domain has no owner entity. */
    final int owner;
    /** How many sessions this owner had before this one; rotates through the owner's items. */
    final int ownerSession;
    /** Item picked per entity index, -1 while not picked yet. */
    final int[] picks;
    final Object[] sticky;
    final int[] lastShared;
    final boolean remembersShared;

    SessionContext(long serial, int owner, int ownerSession, int entities, int stickySlots, boolean remembersShared) {
        this.serial = serial;
        this.owner = owner;
        this.ownerSession = ownerSession;
        this.picks = new int[entities];
        Arrays.fill(picks, -1);
        this.sticky = new Object[stickySlots];
        Arrays.fill(sticky, UNSET);
        this.lastShared = new int[entities];
        Arrays.fill(lastShared, -1);
        this.remembersShared = remembersShared;
    }
}
