package io.waypoint.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What every node message carries besides its body, at the top level of the same JSON object:
 * {@code {"v":1,"site":..,"node":..,"boot":N,"seq":N,"ts":"...","clock":"synced|unsynced", ...body}}.
 *
 * <p>{@code boot} counts the node's restarts (persisted, from 1); {@code seq} counts its telemetry
 * and events within a boot from 1; state messages (birth, death) are not sequenced and carry 0.
 * Together boot and seq let the gateway drop duplicates and see gaps.
 *
 * @param v the wire version; this code writes {@link #VERSION}
 * @param ts when the node stamped the message, on its own clock
 * @param clock whether that clock was synchronised
 */
public record Envelope(int v, String site, String node, long boot, long seq, Instant ts, ClockState clock) {

    /** The wire version this code writes and reads. */
    public static final int VERSION = 1;
    /**
     * Added by a node's link when it sends (not stored in its outbox): the lowest seq of this boot the
     * node still holds. Anything of the boot below it that the gateway lacks was dropped from a full
     * outbox and will never come, so it must not hold the acknowledgement back. Optional; an
     * addition to the contract's envelope, which lets nodes add keys.
     */
    public static final String FIRST_SEQ = "first_seq";
    /** The envelope's keys (with the optional {@link #FIRST_SEQ}); a body never uses them. */
    public static final Set<String> KEYS = Set.of("v", "site", "node", "boot", "seq", "ts", "clock", FIRST_SEQ);

    /** @throws IllegalArgumentException for invalid ids, {@code v < 1}, {@code boot < 1} or {@code seq < 0} */
    public Envelope {
        if (!Ids.isId(site) || !Ids.isNodeId(node)) {
            throw new IllegalArgumentException(String.join("; ", NodeRef.problems(site, node)));
        }
        if (v < 1) {
            throw new IllegalArgumentException("v must be >= 1, was " + v);
        }
        if (boot < 1) {
            throw new IllegalArgumentException("boot must be >= 1, was " + boot);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(clock, "clock");
    }

    /** An envelope of the current wire version. */
    public static Envelope of(NodeRef node, long boot, long seq, Instant ts, ClockState clock) {
        return new Envelope(VERSION, node.site(), node.node(), boot, seq, ts, clock);
    }

    /** The node this message is from. */
    public NodeRef ref() {
        return new NodeRef(site, node);
    }
}
