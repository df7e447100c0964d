package io.waypoint.wire;

/** Where staff acknowledge a site's alerts: {@code wp/v1/{site}/alerts/ack}. */
public record AlertAckTopic(String site) implements Topic {

    public AlertAckTopic {
        Ids.requireSite(site);
    }

    @Override
    public String name() {
        return ROOT + site + "/alerts/ack";
    }
}
