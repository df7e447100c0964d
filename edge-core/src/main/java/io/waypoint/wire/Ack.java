package io.waypoint.wire;

/**
 * The gateway's end-to-end acknowledgement to a node on {@code wp/v1/{site}/{node}/ack}:
 * {@code {"boot":N,"seq":M}} means everything the node sent in boot N up to seq M is stored, so its
 * outbox may forget it. A broker's PUBACK only says the broker has it.
 */
public record Ack(long boot, long seq) {
    /** @throws IllegalArgumentException when boot or seq is below 1 */
    public Ack {
        if (boot < 1 || seq < 1) {
            throw new IllegalArgumentException("an ack needs boot >= 1 and seq >= 1, was boot " + boot + ", seq " + seq);
        }
    }
}
