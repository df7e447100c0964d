package io.waypoint.wire;

/** Every alert transition of a site: {@code wp/v1/{site}/alerts/events}. */
public record AlertEventsTopic(String site) implements Topic {

    public AlertEventsTopic {
        Ids.requireSite(site);
    }

    @Override
    public String name() {
        return ROOT + site + "/alerts/events";
    }
}
