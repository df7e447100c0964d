package io.waypoint.sim.world.kiosk;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a simulated person does at the kiosk at an instant, which whoever drives the emulated
 * panel turns into button presses, keypad sequences, a current on a port or a client on the access
 * point. {@link KioskWorld#actions} lists them in time order.
 *
 * <p>The records that carry a dialled number or a MAC leave it out of {@link #toString()}: logging
 * an action must not leak who someone called or which phone they had.
 */
public sealed interface PersonAction {

    /** When it happens. */
    Instant at();

    /**
     * Someone plugs {@code load} into {@code port} (1.. as labelled on the kiosk); a
     * {@link PressPortButton} for the port follows a few seconds later.
     */
    record PlugIn(Instant at, int port, PortLoad load) implements PersonAction {}

    /** Someone presses the charging button of {@code port}, to start a charge. */
    record PressPortButton(Instant at, int port) implements PersonAction {}

    /** The owner takes the phone back from {@code port}: before, at or long after the kiosk's turn ends. */
    record Unplug(Instant at, int port) implements PersonAction {}

    /**
     * Someone presses the call button, types {@code keys} on the keypad and confirms: attempt
     * {@code attempt} (1, 2, ...) of their turn. {@code expected} is what the network will do with it
     * if it is dialled about when planned ({@link KioskWorld#callOutcome} answers for the actual
     * moment); a person whose attempt does not connect tries again, up to their patience.
     *
     * @param kind what the keys are
     */
    record PlaceCall(Instant at, String keys, Kind kind, int attempt, CallOutcome expected) implements PersonAction {
        /** What was typed. */
        public enum Kind {
            /** A person's number, {@code +<country><digits>}: it identifies someone. */
            PERSONAL,
            /** An emergency number (112, 911): always allowed, even without credit. */
            EMERGENCY,
            /** Not a number: a network code like {@code *#06#}, or too few digits. The kiosk must refuse it. */
            INVALID
        }

        public PlaceCall {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public String toString() {
            return "PlaceCall[at=" + at + ", " + keys.length() + " keys, kind=" + kind + ", attempt=" + attempt
                    + ", expected=" + expected + "]";
        }
    }

    /**
     * A phone joins the Wi-Fi with {@code mac} and stays until {@code leaves}, moving
     * {@code mbDown}/{@code mbUp} over the session if the uplink stays up.
     */
    record JoinWifi(Instant at, String mac, Instant leaves, double mbDown, double mbUp) implements PersonAction {
        @Override
        public String toString() {
            return "JoinWifi[at=" + at + ", leaves=" + leaves + ", mbDown=" + mbDown + ", mbUp=" + mbUp + "]";
        }
    }

    /** The phone with {@code mac} leaves the Wi-Fi. */
    record LeaveWifi(Instant at, String mac) implements PersonAction {
        @Override
        public String toString() {
            return "LeaveWifi[at=" + at + "]";
        }
    }
}
