/**
 * The kiosk's decisions, as pure logic over time given as an argument: which charging port is
 * powered and when a turn ends ({@link io.waypoint.kiosk.policy.ChargingPolicy}), who may call whom
 * and for how long ({@link io.waypoint.kiosk.policy.CallPolicy}), which Wi-Fi client is let in with
 * which limits ({@link io.waypoint.kiosk.policy.WifiPolicy}) and what is switched off to save the
 * battery ({@link io.waypoint.kiosk.policy.LoadShedding}).
 *
 * <p>No class here starts a thread, reads a clock, touches a pin or a port: the controller feeds
 * them readings and button presses with the instant they happened, applies the relay states and
 * commands they decide, and sends the events they return. That keeps every rule testable in
 * milliseconds and identical on the simulator and in the field.
 *
 * <p>Privacy: a dialled number reaches {@link io.waypoint.kiosk.policy.CallPolicy#dial} only to be
 * checked, and is neither kept nor put into any result, event, exception message or
 * {@code toString}. A Wi-Fi client is an opaque {@link io.waypoint.kiosk.policy.ClientHandle}, never
 * a MAC or IP address. Events leave as counts, durations and amounts only.
 */
package io.waypoint.kiosk.policy;
