package io.waypoint.sim.world.kiosk;

import java.time.Duration;

/**
 * What the network does with one call attempt. An emulated modem turns it into its responses
 * (ringing, then {@code NO CARRIER}, {@code BUSY}, {@code NO ANSWER}, {@code +CME ERROR}); the
 * field notes' figure holds: about 40 % of ordinary attempts do not connect.
 */
public sealed interface CallOutcome {

    /** Whether the call connects: someone answers (even if the network drops it later). */
    default boolean connects() {
        return this instanceof Answered || this instanceof Dropped;
    }

    /**
     * Answered after {@code ringing}; the two would talk for {@code talk} if nobody cut them off
     * (the kiosk ends the call at its limit), then the far end hangs up.
     */
    record Answered(Duration ringing, Duration talk) implements CallOutcome {}

    /** Answered after {@code ringing}, then lost by the network {@code after} into the call. */
    record Dropped(Duration ringing, Duration after) implements CallOutcome {}

    /** The number is busy. */
    record Busy() implements CallOutcome {}

    /** It rings for {@code ringing} and nobody answers. */
    record NoAnswer(Duration ringing) implements CallOutcome {}

    /** The network cannot connect it at all ({@code NO CARRIER} straight away). */
    record Failed() implements CallOutcome {}

    /** The operator refuses it: the SIM has no credit (emergency numbers still go through). */
    record NoCredit() implements CallOutcome {}

    /** No network to carry it: no signal, or not registered for an ordinary call. */
    record NoService() implements CallOutcome {}

    /** The keys were not a number (a code like {@code *#06#}): a kiosk must refuse to dial them. */
    record NotDialled() implements CallOutcome {}

    CallOutcome BUSY = new Busy();
    CallOutcome FAILED = new Failed();
    CallOutcome NO_CREDIT = new NoCredit();
    CallOutcome NO_SERVICE = new NoService();
    CallOutcome NOT_DIALLED = new NotDialled();
}
