package io.waypoint.kiosk.policy;

import java.time.Duration;

/** Whether someone arriving now can charge a phone, and if not, for how long they would wait. */
public sealed interface ChargingAvailability {

    /** {@code ports} ports are free now. */
    record FreeNow(int ports) implements ChargingAvailability {
    }

    /**
     * Every working port is busy; one frees within {@code within} at the latest (a turn running to
     * its time limit and its phone left uncollected until the timeout). Often sooner: phones fill up
     * and are collected.
     */
    record AllBusy(Duration within) implements ChargingAvailability {
    }

    /** Charging is switched off to save the battery. */
    record Shed() implements ChargingAvailability {
    }

    /** Every port is locked by a fault. */
    record OutOfOrder() implements ChargingAvailability {
    }
}
