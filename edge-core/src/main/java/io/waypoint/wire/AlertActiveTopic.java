package io.waypoint.wire;

/**
 * The retained state of one open alert, {@code wp/v1/{site}/alerts/active/{key}}, with
 * {@code key = <rule>.<node>} (rule {@code [a-z0-9_]{1,40}}, node a node id). An empty retained
 * payload clears it when the alert resolves.
 */
public record AlertActiveTopic(String site, String key) implements Topic {

    public AlertActiveTopic {
        Ids.requireSite(site);
        if (!Ids.isAlertKey(key)) {
            throw Ids.invalid("alert key", key, "<rule>.<node>, rule " + Ids.RULE_SHAPE + ", node " + Ids.ID_SHAPE);
        }
    }

    /** Where {@code alert} is retained while it is open. */
    public static AlertActiveTopic of(Alert alert) {
        return new AlertActiveTopic(alert.site(), alert.key());
    }

    @Override
    public String name() {
        return ROOT + site + "/alerts/active/" + key;
    }
}
