package io.waypoint.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert as logistics staff see it: the retained {@code wp/v1/{site}/alerts/active/{key}} payload
 * and every transition on {@code wp/v1/{site}/alerts/events}.
 *
 * @param key      {@code <rule>.<node>}: one alert per rule and node at a time
 * @param since    when the condition began (event time of the first reading that breached it)
 * @param at       when this transition happened
 * @param value    the reading that decided it, or null (offline, missing sensor)
 * @param message  one sentence in plain English naming the place, the value and the limit
 * @param by       who acknowledged it, or null
 */
public record Alert(String key, String site, String node, String rule, Severity severity, AlertState state,
                    Instant since, Instant at, Double value, String message, String by) {
    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }

    /** The key of rule {@code rule} on node {@code node}. */
    public static String key(String rule, String node) {
        return rule + "." + node;
    }

    /** This alert moved to {@code newState} at {@code when}. */
    public Alert to(AlertState newState, Instant when) {
        return new Alert(key, site, node, rule, severity, newState, since, when, value, message, by);
    }
}
