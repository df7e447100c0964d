package io.waypoint.wire;

/**
 * What a node message says besides its {@link Envelope}. On the wire the body's keys sit at the top
 * level of the same JSON object as the envelope's.
 *
 * <p>Constructors refuse what cannot be written as the contract's JSON (non-finite numbers, a
 * malformed {@code sensor} or {@code shedding}, reserved keys, anything that may identify a person)
 * with {@link IllegalArgumentException}. They do not judge plausibility (a turbidity of 9000 NTU):
 * that is the {@link MessageValidator}'s job at the gateway, and a node should report a sensor that
 * reads out of range as a sensor fault instead.
 */
public sealed interface Body permits StateBody, WellTelemetry, KioskTelemetry, EventBody {

    /** The node topic this body travels on. */
    NodeTopic.Kind kind();
}
