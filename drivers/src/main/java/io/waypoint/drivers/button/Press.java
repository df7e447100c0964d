package io.waypoint.drivers.button;

/**
 * What happened to a button or a key: every press is {@code DOWN}, then {@code LONG} once if it is
 * held past the long-press time, then {@code UP}. A short press is a {@code DOWN} and an {@code UP}
 * with no {@code LONG} between.
 */
public enum Press {
    /** Pressed (after debounce). */
    DOWN,
    /** Still held when the long-press time ran out; at most once per press. */
    LONG,
    /** Let go (after debounce). */
    UP
}
