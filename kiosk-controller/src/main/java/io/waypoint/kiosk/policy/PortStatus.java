package io.waypoint.kiosk.policy;

/**
 * One port's outputs: what to do with its relay and its light, and its state for the panel.
 *
 * @param port the port's number, 1 to N as on its label
 */
public record PortStatus(int port, PortState state, boolean relayOn, PortLed led) {
}
